"""The import reads and writes a batch at a time inside one transaction: memory stays flat with
the input's size, and a problem anywhere still leaves the database as it was."""

import os
import random
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from annotator.core.errors import InputError
from annotator.services import importing
from annotator.services.importing import import_paths
from tests.conftest import GOLD, SEED, other_connection, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
WORDS = SEED.read_text(encoding="utf-8").split()


def rows(db) -> tuple[int, ...]:
    with other_connection(db) as c:
        return tuple(
            c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("corpora", "documents", "spans", "document_search")
        )


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(importing, "BATCH", 3)


def lines(n: int, *, start: int = 0) -> list[str]:
    return [
        orjson.dumps(
            {"id": f"d{i}", "text": f"خبر رقم {i} عن دمشق", "spans": [{"start": 0, "end": 3, "label": "PER"}]}
        ).decode()
        for i in range(start, start + n)
    ]


def test_an_id_seen_again_in_a_later_batch_refuses_the_import(db, tmp_path, small_batches):
    path = write_jsonl(tmp_path / "a.jsonl", *lines(7), lines(1, start=1)[0])
    with pytest.raises(InputError, match=r"a.jsonl:8: document id 'd1' also earlier in this import"):
        import_paths(db, [path])
    assert rows(db) == (0, 0, 0, 0)
    report = import_paths(db, [path], skip_invalid=True)
    assert (len(report.added), [p.where for p in report.skipped]) == (7, [f"{path}:8"])


def test_a_stored_document_met_twice_in_one_import_is_refused(db, tmp_path, small_batches):
    import_paths(db, [GOLD])
    before = rows(db)
    gold = GOLD.read_text(encoding="utf-8").splitlines()
    path = write_jsonl(tmp_path / "again.jsonl", gold[0], *lines(4), gold[0])
    with pytest.raises(InputError, match="also earlier in this import"):
        import_paths(db, [path])
    assert rows(db) == before


def test_a_bad_last_line_after_many_written_batches_leaves_the_database_as_it_was(db, tmp_path, small_batches):
    import_paths(db, [GOLD])
    before = rows(db)
    path = write_jsonl(tmp_path / "long.jsonl", *lines(50), '{"text": "نص", "label": [[0, 2, "CITY"]]}')
    with pytest.raises(InputError, match=r"long.jsonl:51: .*unknown label 'CITY'"):
        import_paths(db, [path])
    assert rows(db) == before


def test_progress_counts_bytes_documents_and_time(db, tmp_path):
    first = write_jsonl(tmp_path / "a.jsonl", *lines(450))
    second = write_jsonl(tmp_path / "b.jsonl", *lines(450, start=450))
    ticks = []
    import_paths(db, [first, second], progress=ticks.append)
    total = first.stat().st_size + second.stat().st_size
    assert [t.documents for t in ticks] == [200, 400, 600, 800, 900]
    assert all(t.total == total for t in ticks) and ticks[-1].done == total and ticks[-1].fraction == 1.0
    assert [t.done for t in ticks] == sorted(t.done for t in ticks) and ticks[-1].rate > 0
    assert first.stat().st_size < ticks[2].done < total  # the second file's bytes add to the first's


def article(rng: random.Random, size: int) -> str:
    words, length = [], 0
    while length < size:
        words.append(rng.choice(WORDS))
        length += len(words[-1]) + 1
    return " ".join(words)


def peak_rss_mb(db_path: Path, corpus: Path) -> float:
    """Peak resident memory of `annotator import` on the corpus, in a process of its own."""
    process = subprocess.Popen(
        [sys.executable, "-m", "annotator", "--db", str(db_path), "import", str(corpus)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "ANNOTATOR_USER": "test"},
    )
    _, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, process.stderr.read() if process.stderr else ""
    return usage.ru_maxrss / 1024


def test_import_memory_does_not_grow_with_the_input(tmp_path):
    rng = random.Random(3)
    for n in (1_500, 7_500):
        with (tmp_path / f"{n}.jsonl").open("wb") as f:
            for i in range(n):
                text = article(rng, 3500)
                f.write(
                    orjson.dumps(
                        {
                            "id": f"n{i}",
                            "text": text,
                            "spans": [{"start": s, "end": s + 4, "label": "LOC"} for s in range(0, 400, 40)],
                        }
                    )
                    + b"\n"
                )
    small = peak_rss_mb(tmp_path / "small.db", tmp_path / "1500.jsonl")
    large = peak_rss_mb(tmp_path / "large.db", tmp_path / "7500.jsonl")
    size = (tmp_path / "7500.jsonl").stat().st_size / 1e6
    # Holding the records (as before) took about 20 MB for each of those megabytes.
    assert large - small < 25, f"peak RSS {small:.0f} MB for 1,500 articles, {large:.0f} MB for 7,500 ({size:.0f} MB)"
