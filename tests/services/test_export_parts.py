"""An export written by this process and worker processes together (services/export_parts.py):
the same bytes and report as one process writing it all, whatever happens to the workers, and
one database state across all of them while another process writes."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from pathlib import Path

import orjson
import pytest

pytestmark = pytest.mark.sqlite_only("exports in parts read SQLite snapshots in several processes")

from annotator.core.errors import AnnotatorError
from annotator.services import export_parts
from annotator.services.exporting import Filters, export_corpus
from annotator.services.importing import import_paths
from tests.conftest import GOLD

COPIES = 12  # of the gold corpus's 5 documents: 60


def corpus(path: Path) -> Path:
    """The gold corpus twelve times over, under other ids, with varied statuses."""
    lines = []
    for copy in range(COPIES):
        for n, line in enumerate(GOLD.read_bytes().splitlines()):
            doc = orjson.loads(line)
            doc["id"] = f"{doc['id']}-{copy:02}"
            doc["meta"]["status"] = ("new", "done", "in_progress")[(copy + n) % 3]
            lines.append(orjson.dumps(doc))
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.fixture
def big(db, tmp_path):
    import_paths(db, [corpus(tmp_path / "corpus.jsonl")])
    with sqlite3.connect(db.path) as c:  # JSON stored otherwise than orjson writes it, notes
        c.execute("""UPDATE spans SET attributes = '{"z": "1", "a": "ب"}', note = 'ملاحظة' WHERE id % 3 = 0""")
        c.execute("""UPDATE documents SET extra = '{"lang": "ar",  "b": [1, 2]}' WHERE id % 2 = 1""")
    return db


@pytest.fixture
def parts(monkeypatch):
    """Three processes from ten documents on, and this one waiting for the workers to begin
    before it writes (without it, 60 documents are written before a worker has started): runs
    of 20.
    Yields the workers of the last export, once it has shared the documents out."""
    monkeypatch.setattr(export_parts, "PROCESSES", 3)
    monkeypatch.setattr(export_parts, "PARALLEL_FROM", 10)
    monkeypatch.setattr(export_parts, "SMALLEST_RUN", 2)
    monkeypatch.setattr(export_parts, "READY_WITHIN", 60.0)  # (waited for as a condition: ends when they begin)
    started: list[export_parts.Worker] = []
    original = export_parts.Parts.__init__

    def waiting(self, *args, **kwargs):
        original(self, *args, **kwargs)
        started[:] = self.workers
        self.settle(0, wait=True)

    monkeypatch.setattr(export_parts.Parts, "__init__", waiting)
    return started


def one_process(db, out: Path, **kwargs) -> tuple[bytes, list[str]]:
    processes = export_parts.PROCESSES
    export_parts.PROCESSES = 1
    try:
        report = export_corpus(db, out, **kwargs)
    finally:
        export_parts.PROCESSES = processes
    return out.read_bytes(), report.lines()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


@pytest.mark.parametrize(
    "filters", [Filters(), Filters(statuses=["new", "done"]), Filters(labels=["GPE", "PER"], annotators=["gold"])]
)
def test_parts_give_the_bytes_and_report_of_one_process(big, parts, tmp_path, filters):
    alone = one_process(big, tmp_path / "alone.jsonl", filters=filters)
    report = export_corpus(big, tmp_path / "parts.jsonl", filters=filters)
    assert len(parts) == 2 and all(w.ids is not None and w.result is not None for w in parts)
    assert ((tmp_path / "parts.jsonl").read_bytes(), report.lines()) == alone
    assert len(alone[0].splitlines()) == report.documents > 0
    assert leftovers(tmp_path) == [] and all(w.process.poll() is not None for w in parts)


def test_a_broken_document_in_a_workers_run_is_refused_by_name(big, parts, tmp_path):
    with sqlite3.connect(big.path) as c:
        c.execute('UPDATE spans SET "end" = 100000 WHERE id = (SELECT max(id) FROM spans)')
    out = tmp_path / "o.jsonl"
    out.write_text("previous export\n", encoding="utf-8")
    with pytest.raises(AnnotatorError, match=r"^document '.*-11': span \[\d+, 100000\) lies outside its text"):
        export_corpus(big, out)
    assert parts and parts[-1].error is not None  # (refused by the worker whose run it is in)
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert leftovers(tmp_path) == [] and all(w.process.poll() is not None for w in parts)


def test_a_worker_killed_has_its_run_written_by_this_process(big, parts, tmp_path, monkeypatch):
    alone = one_process(big, tmp_path / "alone.jsonl")
    assign = export_parts.Worker.assign

    def killed(self, ids):
        assign(self, ids)
        if self is parts[0]:
            self.process.send_signal(signal.SIGKILL)

    monkeypatch.setattr(export_parts.Worker, "assign", killed)
    report = export_corpus(big, tmp_path / "parts.jsonl")
    assert parts[0].result is None and parts[1].result is not None
    assert ((tmp_path / "parts.jsonl").read_bytes(), report.lines()) == alone
    assert leftovers(tmp_path) == []


def test_workers_that_do_not_begin_in_time_leave_the_export_to_this_process(big, parts, tmp_path, monkeypatch):
    alone = one_process(big, tmp_path / "alone.jsonl")
    monkeypatch.setattr(export_parts, "READY_WITHIN", 0.0)
    export_corpus(big, tmp_path / "parts.jsonl")
    assert len(parts) == 2 and all(w.ids is None and w.process.poll() is not None for w in parts)
    assert (tmp_path / "parts.jsonl").read_bytes() == alone[0]
    assert leftovers(tmp_path) == []


def test_a_commit_waits_until_every_part_has_begun_reading(big, parts, tmp_path, monkeypatch):
    """Another process relabels every span while the export starts. Its commit must wait until
    the workers' snapshots have begun: then no part sees it. (Let go earlier, the workers,
    which take a tenth of a second to start, would see it and this process would not.)"""
    original = export_parts.Worker.__init__
    writers: list[threading.Thread] = []

    def relabel() -> None:
        with sqlite3.connect(big.path, timeout=30, isolation_level=None) as c:
            c.execute("BEGIN IMMEDIATE")
            c.execute("UPDATE spans SET label = 'RELABELLED'")
            c.execute("COMMIT")

    def and_a_writer(self, job):
        original(self, job)
        if not writers:
            writers.append(threading.Thread(target=relabel))
            writers[0].start()

    monkeypatch.setattr(export_parts.Worker, "__init__", and_a_writer)
    export_corpus(big, tmp_path / "o.jsonl")
    writers[0].join()
    labels = {
        s["label"] for line in (tmp_path / "o.jsonl").read_bytes().splitlines() for s in orjson.loads(line)["spans"]
    }
    assert "RELABELLED" not in labels and len(labels) > 1
    assert all(w.result is not None for w in parts)
    with sqlite3.connect(big.path) as c:
        assert c.execute("SELECT DISTINCT label FROM spans").fetchall() == [("RELABELLED",)]  # (it did commit, after)


def test_cancelling_stops_the_workers_and_leaves_nothing(big, parts, tmp_path):
    class Cancelled(Exception):
        pass

    def progress(tick):
        raise Cancelled

    with pytest.raises(Cancelled):
        export_corpus(big, tmp_path / "o.jsonl", progress=progress)
    assert len(parts) == 2 and all(w.process.poll() is not None for w in parts)
    assert leftovers(tmp_path) == [] and not (tmp_path / "o.jsonl").exists()


def test_workers_end_when_the_export_is_killed_and_their_files_go_with_the_next(big, tmp_path):
    """The process exporting is killed (-9) once its workers have their runs: they end on their
    own, and the next export to the same target removes their files."""
    mark = uuid.uuid4().hex
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from annotator.services import export_parts
        from annotator.services.exporting import export_corpus
        from annotator.store.database import Database
        export_parts.PROCESSES, export_parts.PARALLEL_FROM, export_parts.SMALLEST_RUN = 3, 10, 2
        export_parts.READY_WITHIN = 60.0
        original = export_parts.Parts.__init__
        def killed(self, *args, **kwargs):
            original(self, *args, **kwargs)
            self.settle(0, wait=True)
            assert len(self.workers) == 2 and all(w.ids for w in self.workers)
            os.kill(os.getpid(), signal.SIGKILL)
        export_parts.Parts.__init__ = killed
        export_corpus(Database.open({big.url!r}), Path({str(tmp_path / "o.jsonl")!r}))
    """)
    run = subprocess.run(
        [sys.executable, "-c", script], env={**os.environ, "ANNOTATOR_TEST_MARK": mark}, capture_output=True, timeout=60
    )
    assert run.returncode == -signal.SIGKILL, run.stderr.decode()
    assert len(leftovers(tmp_path)) == 2  # (the workers' files, this process's export not begun)
    deadline = time.monotonic() + 30
    while _marked(mark):
        assert time.monotonic() < deadline, "a worker outlived its export by 30 s"
        time.sleep(0.05)
    export_corpus(big, tmp_path / "o.jsonl")
    assert leftovers(tmp_path) == []


def _marked(mark: str) -> list[int]:
    """Processes with this mark in their environment (ours: the workers of the killed export)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if f"ANNOTATOR_TEST_MARK={mark}".encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_where_a_list_first_appears_is_counted_across_the_parts(db, parts, tmp_path, monkeypatch):
    """The JSONL export notes a list that first appears past what `datasets` samples: relations
    here first appear in the last worker's run, at the byte found by one process."""
    from annotator.formats import native

    lines = corpus(tmp_path / "all.jsonl").read_bytes().splitlines()
    docs = [orjson.loads(line) for line in lines]
    for doc in docs[:-5]:
        doc["relations"] = []
    (tmp_path / "late.jsonl").write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in docs))
    import_paths(db, [tmp_path / "late.jsonl"])
    data = one_process(db, tmp_path / "alone.jsonl")[0]
    first = data.rfind(b"\n", 0, data.find(b'"relations":[{')) + 1  # (the start of its line)
    for sample, noted in ((first, True), (first + 1, False)):
        monkeypatch.setattr(native, "ARROW_SAMPLE", sample)
        alone = one_process(db, tmp_path / "alone.jsonl")
        report = export_corpus(db, tmp_path / "parts.jsonl")
        assert all(w.result is not None for w in parts) and parts[-1].ids[0] <= len(docs) - 4
        assert report.lines() == alone[1]
        assert any(line.startswith("relations: ") for line in report.lines()) is noted


def test_a_part_is_appended_whole_also_where_the_kernel_cannot_copy_it(tmp_path, monkeypatch):
    """Where sendfile fails part way (a file system without it), the part is copied again whole."""
    part = tmp_path / "part"
    part.write_bytes("سطر ثانٍ\n".encode() * 5000)
    real, calls = os.sendfile, []

    def failing(out, source, offset, count):
        calls.append(count)
        if len(calls) > 1:
            raise OSError("not supported")
        return real(out, source, offset, 10)

    monkeypatch.setattr(export_parts.os, "sendfile", failing)
    with open(tmp_path / "out", "wb") as handle:
        handle.write(b"first line\n")
        export_parts.append(handle, part)
        handle.write(b"last line\n")
    assert len(calls) == 2
    assert (tmp_path / "out").read_bytes() == b"first line\n" + part.read_bytes() + b"last line\n"


def test_parts_of_arabic_with_emoji_nested_and_clitic_spans_load_with_datasets(db, parts, tmp_path):
    """Written in parts, a corpus whose documents have emoji before their spans, a span inside
    another and one starting after a clitic (وسوريا) is read by `datasets` with every span's
    text where its offsets say."""
    datasets = pytest.importorskip("datasets")
    text = "قال 😀 الرئيسُ 🇸🇾 إن قوات دمشق وسوريا عادت، وقالت وزارة الخارجية السورية ذلك."
    spans = []
    for word, label in (("دمشق", "GPE"), ("سوريا", "GPE"), ("وزارة الخارجية السورية", "ORG"), ("السورية", "GPE")):
        start = text.index(word)
        spans.append({"start": start, "end": start + len(word), "label": label, "text": word})
    source = tmp_path / "tricky.jsonl"
    source.write_bytes(
        b"".join(
            orjson.dumps(
                {
                    "id": f"t{i:03}",
                    "text": f"{i} {text}",
                    "spans": [{**s, "start": s["start"] + len(f"{i} "), "end": s["end"] + len(f"{i} ")} for s in spans],
                }
            )
            + b"\n"
            for i in range(60)
        )
    )
    import_paths(db, [source])
    out = tmp_path / "parts.jsonl"
    export_corpus(db, out)
    assert all(w.result is not None for w in parts)  # (two workers wrote runs)
    ds = datasets.load_dataset("json", data_files=str(out), split="train", cache_dir=str(tmp_path / "cache"))
    assert len(ds) == 60
    for row in ds:
        assert [(s["label"], row["text"][s["start"] : s["end"]]) for s in row["spans"]] == [
            ("GPE", "دمشق"),
            ("GPE", "سوريا"),
            ("ORG", "وزارة الخارجية السورية"),
            ("GPE", "السورية"),
        ]
        assert all(row["text"][s["start"] : s["end"]] == s["text"] for s in row["spans"])
