"""Shared fixtures: real SQLite files, the bundled schemas, the sample corpus and the seed."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings (window layout, language) of test runs go to a folder of their own, never the user's.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="annotator-test-config-")
atexit.register(shutil.rmtree, os.environ["XDG_CONFIG_HOME"], ignore_errors=True)
os.environ["ANNOTATOR_USER"] = "tester"

from annotator.core.schema import Schema, load_schema  # noqa: E402
from annotator.store.database import Database  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_bec74384df40613c.txt"
GOLD = ROOT / "annotator" / "resources" / "sample_corpus" / "gold.jsonl"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'annotator.db'}"


@pytest.fixture
def db(db_url: str) -> Database:
    database = Database.open(db_url)
    yield database
    database.close()


@pytest.fixture(scope="session")
def ace() -> Schema:
    return load_schema("ace2005")


def list_documents(db: Database, *, corpus_id: int) -> list:
    """Every document of the corpus as the corpus pane lists them, in import order."""
    from annotator.services.document_pages import DocumentPages
    from annotator.services.listing import DocumentQuery

    pages = DocumentPages(db, DocumentQuery(corpus_id))
    return [pages.row(i) for i in range(pages.count())]


def write_jsonl(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def pytest_terminal_summary(terminalreporter) -> None:
    """The reliability suite's figures, so a reader of the run sees them."""
    from tests.reliability.tally import TALLY

    if TALLY:
        terminalreporter.section("reliability tallies")
        for name, value in sorted(TALLY.items()):
            terminalreporter.write_line(f"{name}: {value}")
