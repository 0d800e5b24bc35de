"""The command line as a user runs it: one-line errors, exit codes, terminal Arabic."""

import subprocess
import sys

import orjson
import pytest

from tests.conftest import GOLD, SEED


def run(*args, db=None):
    command = [sys.executable, "-m", "annotator", *(["--db", str(db)] if db else []), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.db"


def test_import_export_stats(db, tmp_path):
    result = run("import", str(GOLD), db=db)
    assert result.returncode == 0, result.stderr
    assert "imported 5 new documents; added 52 spans, 8 events, 4 relations;" in result.stdout
    assert "created a new database" in result.stderr
    out = tmp_path / "o.jsonl"
    assert run("export", "--output", str(out), db=db).returncode == 0
    assert out.read_bytes() == GOLD.read_bytes()
    doccano = tmp_path / "d.jsonl"
    assert run("export", "-f", "doccano", "-o", str(doccano), "--status", "done", db=db).returncode == 0
    [line] = doccano.read_bytes().splitlines()
    assert set(orjson.loads(line)) == {"id", "text", "label"}
    stats = run("stats", "--bidi", "never", db=db)
    assert "spans by label: 52" in stats.stdout and "عربي21" in stats.stdout


def test_stats_shape_arabic_for_terminals_without_bidi(db):
    run("import", str(GOLD), db=db)
    shaped = run("stats", "--bidi", "always", db=db).stdout
    logical = run("stats", "--bidi", "never", db=db).stdout
    assert "عربي21" in logical and "عربي21" not in shaped
    assert any("\ufe70" <= ch <= "\ufeff" for ch in shaped)  # presentation forms: display only


@pytest.mark.parametrize("args, message", [
    (["import", "missing.txt"], "error: missing.txt: no such file or folder"),
    (["export", "-o", "x.jsonl", "--corpus", "nope"], "error: no corpus 'nope' in this database"),
    (["export", "-o", "x.jsonl", "-f", "brat"], "error: unknown export format 'brat'"),
    (["schema", "show", "nope"], "error: no schema 'nope'"),
])
def test_user_errors_are_one_line_without_traceback(db, args, message):
    run("import", str(GOLD), db=db)
    result = run(*args, db=db)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [message + result.stderr.strip().removeprefix(message)]
    assert "Traceback" not in result.stderr


def test_bad_import_lists_every_problem_and_imports_nothing(db, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "نص", "label": [[0, 9, "GPE"]]}\n{oops\n', encoding="utf-8")
    result = run("import", str(bad), db=db)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {bad}:1: span T1: offsets [0, 9) outside the text (length 2) or empty",
        f"error: {bad}:2: " + result.stderr.splitlines()[1].split(":2: ", 1)[1],
        "error: nothing was imported",
    ]


def test_clean_import_and_schema_commands(db, tmp_path):
    assert "imported 1 new document;" in run("import", "--clean", str(SEED), db=db).stdout
    listing = run("schema", "list").stdout
    assert "ace2005" in listing and "wojood" in listing
    assert "Conflict.Attack" in run("schema", "show", "ace2005").stdout
    bad = tmp_path / "s.json"
    bad.write_text('{"format": 1, "name": "x", "entity_types": [{"name": "A", "color": "#12"}]}', encoding="utf-8")
    result = run("schema", "validate", str(bad))
    assert result.returncode == 1 and "s.json: entity_types[0] 'A': color '#12' is not #rrggbb" in result.stderr


def test_env_var_selects_the_database(tmp_path):
    import os
    env = {**os.environ, "ANNOTATOR_DB": f"sqlite:///{tmp_path / 'env.db'}"}
    result = subprocess.run([sys.executable, "-m", "annotator", "import", str(GOLD)], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0 and (tmp_path / "env.db").exists()
