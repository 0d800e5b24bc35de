"""Where the files shipped with the package are: the top-level resources/ and sample_corpus/ of
the checkout, which the build maps into the package (annotator.resources, annotator.sample_corpus:
pyproject.toml), so an installed wheel has them too."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
# In a checkout (and its editable install) they sit beside the package; in a wheel, inside it.
_CHECKOUT = _PACKAGE.parent
_BESIDE = _CHECKOUT if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "resources").is_dir() else None

RESOURCES = (_BESIDE or _PACKAGE) / "resources"
SCHEMAS = RESOURCES / "schemas"
SAMPLE_CORPUS = (_BESIDE or _PACKAGE) / "sample_corpus"
