"""The store's objects that the window and the command line hold and hand back to services,
opaque to them: the database handle, and a corpus listing read a page at a time. They are named
here so that nothing above services imports the store (import-linter checks it).

The listing is loaded when first asked for: it needs SQLAlchemy, which `export` and `stats`
never import (a quarter of a second of their start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.store.database import Database

if TYPE_CHECKING:
    from annotator.store.document_pages import DocumentPages
else:

    def __getattr__(name: str) -> Any:
        if name == "DocumentPages":
            from annotator.store.document_pages import DocumentPages

            return DocumentPages
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Database", "DocumentPages"]
