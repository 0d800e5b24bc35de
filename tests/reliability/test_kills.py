"""kill -9 at random moments: of a process annotating through the window's service calls, and
of exports. Nothing the killed process reported as saved may be missing, no file half-written."""

from __future__ import annotations

import hashlib
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from tests.reliability.conftest import ROOT, Forks, check_database, replay
from tests.reliability.tally import TALLY

ANNOTATE_KILLS = {"sqlite": 200, "postgresql": 60}  # (the server, not a file, rolls back a killed client's work)
EXPORT_KILLS = 50


@pytest.mark.slow(seconds={"sqlite": 100, "postgresql": 35})
def test_kill_annotating_process_many_times(gold_db, tmp_path, backend):
    log = tmp_path / "actions.jsonl"
    rng = random.Random(6)
    kills = ANNOTATE_KILLS[backend]
    forks = Forks()
    for kill in range(kills):
        stderr = tmp_path / f"worker-{kill}.stderr"
        worker = forks.start("annotate", gold_db, log, kill, 30, stderr)
        time.sleep(rng.uniform(0.0, 0.12))  # a random moment of its work
        forks.kill(worker)
        assert "Traceback" not in stderr.read_text(), stderr.read_text()
    forks.close()
    expected = replay(log)
    figures = check_database(gold_db, expected)
    TALLY[f"annotate on {backend}: kill -9"] += kills
    saved = sum(1 for line in log.read_bytes().splitlines() if b'"phase":"done"' in line)
    TALLY[f"annotate on {backend}: actions reported saved"] += saved
    TALLY[f"annotate on {backend}: lost or changed actions"] += figures["lost"]
    TALLY[f"annotate on {backend}: spans outside their text"] += figures["misplaced"]
    assert saved > kills  # the kills did land among actions
    assert figures["lost"] == 0 and figures["misplaced"] == 0


@pytest.mark.sqlite_only("the export file's atomicity, the same whichever database it reads")
@pytest.mark.slow(seconds=75)
def test_kill_export_50_times(gold_db, tmp_path):
    out = tmp_path / "train.jsonl"
    old = b'{"old": "complete file"}\n'
    out.write_bytes(old)
    # A corpus large enough that a kill lands in the middle of writing.
    big = tmp_path / "big.jsonl"
    line = orjson.loads(Path(ROOT / "sample_corpus/gold.jsonl").read_bytes().splitlines()[0])
    with big.open("wb") as f:
        for i in range(3000):
            f.write(orjson.dumps({**line, "id": f"copy-{i}", "meta": {**line["meta"], "sha256": None}}) + b"\n")
    command = [sys.executable, "-m", "annotator", "--db", gold_db]
    assert subprocess.run([*command, "import", str(big)], capture_output=True).returncode == 0
    started = time.perf_counter()  # how long a whole export takes here, start-up included
    assert (
        subprocess.run([*command, "export", "-o", str(tmp_path / "timed.jsonl")], capture_output=True).returncode == 0
    )
    whole = time.perf_counter() - started
    rng = random.Random(9)
    seen = {"old": 0, "new": 0, "broken": 0}
    new_bytes: bytes | None = None
    for _ in range(EXPORT_KILLS):
        process = subprocess.Popen(
            [*command, "export", "-o", str(out)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        time.sleep(rng.uniform(0.05, 1.3 * whole))  # before, during, or after the rename
        process.send_signal(signal.SIGKILL)
        _, stderr = process.communicate()
        assert b"Traceback" not in stderr
        data = out.read_bytes()
        if data == old:
            seen["old"] += 1
            continue
        if new_bytes is None:  # the first complete export: every line must read back whole
            new_bytes = data
            assert len(data.splitlines()) == 3005 and all(orjson.loads(x) for x in data.splitlines())
        if data != new_bytes:  # neither the old file nor the complete new one
            seen["broken"] += 1
            continue
        seen["new"] += 1
        out.write_bytes(old)
    temporaries_after_kills = len(list(tmp_path.glob(".train.jsonl.annotator-export-*.tmp")))
    done = subprocess.run([*command, "export", "-o", str(out)], capture_output=True)
    assert done.returncode == 0
    left = list(tmp_path.glob(".train.jsonl.*"))
    TALLY["export: kill -9"] += EXPORT_KILLS
    TALLY["export: kills that left a broken target"] += seen["broken"]
    TALLY["export: kills that left the old file"] += seen["old"]
    TALLY["export: kills after the new file was complete"] += seen["new"]
    TALLY["export: temporary files left by kills, then cleaned"] += temporaries_after_kills
    TALLY["export: temporary files left at the end"] += len(left)
    assert seen["old"] > 0 and seen["new"] > 0 and seen["broken"] == 0 and left == []
    assert hashlib.sha256(out.read_bytes()).hexdigest() == hashlib.sha256(new_bytes or out.read_bytes()).hexdigest()
