"""Two and four processes annotating one database through the window's service calls, with a
fifth exporting all the while: no lost update, no duplicate, busy moments said in one line."""

from __future__ import annotations

import pytest

from tests.conftest import other_connection
from tests.reliability.conftest import check_database, replay, start_worker
from tests.reliability.tally import TALLY

pytestmark = pytest.mark.slow(seconds=10)

SECONDS = 6.0
ALLOWED = (
    "refused: the database is busy with another program's changes; try again in a moment",
    "refused: another window or program changed",
    "refused: there is already a",
    "refused: share",
)  # a duplicate span refused: "shareN already has a …"


@pytest.mark.parametrize("count", [2, 4])
def test_processes_on_one_database(gold_db, tmp_path, count, backend):
    logs = [tmp_path / f"share{i}.jsonl" for i in range(count)]
    workers = [start_worker("share", gold_db, logs[i], i, SECONDS, i, count) for i in range(count)]
    exporter = start_worker("export", gold_db, tmp_path / "out.jsonl", SECONDS)
    refusals = 0
    for process in [*workers, exporter]:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "Traceback" not in err, err
        for line in err.splitlines():
            assert line.startswith(ALLOWED), line
            refusals += 1
        if process is exporter:
            exports = int(out.split()[-1])
    expected = replay(*logs)
    figures = check_database(gold_db, expected)
    with other_connection(gold_db) as c:
        duplicates = c.execute(
            'SELECT count(*) FROM (SELECT 1 FROM spans GROUP BY document_id, start, "end", '
            "label, annotator_id HAVING count(*) > 1) AS twice"
        ).fetchone()[0]
    saved = sum(len(log.read_bytes().splitlines()) for log in logs)
    TALLY[f"{count} processes on {backend}: actions saved"] += saved
    TALLY[f"{count} processes on {backend}: lost updates"] += figures["lost"]
    TALLY[f"{count} processes on {backend}: duplicates"] += duplicates
    TALLY[f"{count} processes on {backend}: refusals (busy, changed meanwhile, duplicate), each one line"] += refusals
    TALLY[f"{count} processes on {backend}: complete exports read back meanwhile"] += exports
    assert saved > 50 and exports > 0
    assert figures["lost"] == 0 and figures["misplaced"] == 0 and duplicates == 0
