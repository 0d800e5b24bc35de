"""A process killed in the middle of an import leaves the database whole: all or none of it."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import orjson

from annotator.store.database import Database


def test_kill_minus_nine_during_import(tmp_path):
    corpus = tmp_path / "big.jsonl"
    with corpus.open("wb") as f:
        for i in range(30_000):
            text = f"خبر رقم {i} عن روسيا وسوريا 😀 " * 20
            f.write(orjson.dumps({"id": f"d{i}", "text": text, "label": [[9, 14, "GPE"], [15, 20, "GPE"]]}) + b"\n")
    path = tmp_path / "kill.db"
    Database.open(f"sqlite:///{path}").close()
    wal = tmp_path / "kill.db-wal"
    base = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(
        [sys.executable, "-m", "annotator", "--db", str(path), "import", str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > base + 2_000_000:  # writing has begun
            break
        time.sleep(0.005)
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(path) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        documents = c.execute("SELECT count(*) FROM documents").fetchone()[0]
        spans = c.execute("SELECT count(*) FROM spans").fetchone()[0]
    assert (documents, spans) in ((0, 0), (30_000, 60_000))
