"""Bad and odd input at the command line: each case either does exactly the right thing, or
says what is wrong in one clear line each (at most a few) and exits non-zero, leaving the
database and any existing export byte for byte as they were."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from tests.reliability.conftest import ROOT
from tests.reliability.tally import TALLY

GOLD = ROOT / "sample_corpus/gold.jsonl"
TEXT = "قصفت روسيا حلب يوم الجمعة"
ROOT_USER = os.geteuid() == 0


def doc(**fields: object) -> bytes:
    return orjson.dumps({"id": "d1", "text": TEXT, **fields}) + b"\n"


def span(start: int, end: int, label: str = "GPE", **more: object) -> dict[str, object]:
    return {"start": start, "end": end, "label": label, **more}


def nested(depth: int) -> dict[str, object]:
    value: dict[str, object] = {}
    for _ in range(depth):
        value = {"a": value}
    return value


# name: (files to make {relative path: bytes}, extra arguments, expected: "ok" | "error" | "skip")
Files = dict[str, bytes]
CASES: dict[str, tuple[Callable[[Path], Files], list[str], str]] = {
    "utf-8 text": (lambda d: {"a.txt": TEXT.encode()}, [], "ok"),
    "utf-8 text with BOM": (lambda d: {"a.txt": b"\xef\xbb\xbf" + TEXT.encode()}, [], "ok"),
    "windows-1256 without --encoding": (lambda d: {"a.txt": TEXT.encode("cp1256")}, [], "error"),
    "windows-1256 with --encoding": (lambda d: {"a.txt": TEXT.encode("cp1256")}, ["--encoding", "windows-1256"], "ok"),
    "utf-16 without --encoding": (lambda d: {"a.txt": TEXT.encode("utf-16")}, [], "error"),
    "utf-16 with --encoding": (lambda d: {"a.txt": TEXT.encode("utf-16")}, ["--encoding", "utf-16"], "ok"),
    "latin-1 bytes": (lambda d: {"a.txt": "café".encode("latin-1")}, [], "error"),
    "unknown encoding name": (lambda d: {"a.txt": TEXT.encode()}, ["--encoding", "klingon-8"], "error"),
    "CRLF text": (lambda d: {"a.txt": TEXT.replace(" ", "\r\n").encode()}, [], "ok"),
    "empty text file": (lambda d: {"a.txt": b""}, [], "error"),
    "blank text file": (lambda d: {"a.txt": b" \n\t\n"}, [], "error"),
    "NUL byte in text": (lambda d: {"a.txt": TEXT.encode() + b"\x00x"}, [], "error"),
    "binary .txt, 1 MB": (lambda d: {"a.txt": bytes(range(256)) * 4096}, [], "error"),
    "binary .jsonl, 1 MB": (lambda d: {"a.jsonl": bytes(range(256)) * 4096}, [], "error"),
    "binary .jsonl without NUL": (lambda d: {"a.jsonl": bytes(range(1, 256)) * 4096}, [], "error"),
    "broken JSON": (lambda d: {"a.jsonl": b'{"text": "x"\n'}, [], "error"),
    "a JSON array line": (lambda d: {"a.jsonl": b"[1, 2]\n"}, [], "error"),
    "lone surrogate in JSON": (lambda d: {"a.jsonl": b'{"text": "a\\ud800b"}\n'}, [], "error"),
    "half a surrogate pair in a span text": (
        lambda d: {
            "a.jsonl": b'{"text": "\\ud83d\\ude00a", "spans": '
            b'[{"start": 0, "end": 1, "label": "GPE", "text": "\\ude00"}]}\n'
        },
        [],
        "error",
    ),
    "U+0000 in JSON text": (lambda d: {"a.jsonl": b'{"text": "ab\\u0000cd"}\n'}, [], "error"),
    "offsets outside the text": (lambda d: {"a.jsonl": doc(spans=[span(5, 999)])}, [], "error"),
    "negative offset": (lambda d: {"a.jsonl": doc(spans=[span(-1, 4)])}, [], "error"),
    "empty span": (lambda d: {"a.jsonl": doc(spans=[span(5, 5)])}, [], "error"),
    "offsets as strings": (lambda d: {"a.jsonl": doc(spans=[span("5", "10")])}, [], "error"),  # type: ignore[arg-type]
    "offsets as booleans": (lambda d: {"a.jsonl": doc(spans=[span(True, 10)])}, [], "error"),  # type: ignore[arg-type]
    "unknown label": (lambda d: {"a.jsonl": doc(spans=[span(5, 10, "ALIEN")])}, [], "error"),
    "span text differs, 100 kB quoted": (
        lambda d: {"a.jsonl": doc(spans=[span(5, 10, text="x" * 100_000)])},
        [],
        "error",
    ),
    "span cuts a combining mark (odd, valid)": (
        lambda d: {"a.jsonl": orjson.dumps({"id": "m", "text": "كَتَبَ زيد", "spans": [span(0, 1, "PER")]}) + b"\n"},
        [],
        "ok",
    ),
    "emoji before a span (code points)": (
        lambda d: {
            "a.jsonl": orjson.dumps({"id": "e", "text": "🙂🙂 " + TEXT, "spans": [span(8, 13, text="روسيا")]}) + b"\n"
        },
        [],
        "ok",
    ),
    "meta.extra nested 300 deep": (
        lambda d: {"a.jsonl": b'{"text": "x", "meta": {"extra": ' + b'{"a": ' * 300 + b"1" + b"}" * 302 + b"\n"},
        [],
        "error",
    ),
    "meta.extra nested 20 deep": (lambda d: {"a.jsonl": doc(meta={"extra": nested(20)})}, [], "ok"),
    "a 5 MB line of bad JSON": (lambda d: {"a.jsonl": b'{"text": "' + b"x" * 5_000_000 + b'"\n'}, [], "error"),
    "20 bad lines in one file": (lambda d: {"a.jsonl": b"{oops\n" * 20}, [], "error"),
    "JSONL with BOM": (lambda d: {"a.jsonl": b"\xef\xbb\xbf" + doc()}, [], "ok"),
    "JSONL with CRLF lines": (lambda d: {"a.jsonl": doc().replace(b"\n", b"\r\n") * 1}, [], "ok"),
    "garbage after the object": (lambda d: {"a.jsonl": doc().rstrip() + b" xyz\n"}, [], "error"),
    "the same id twice": (lambda d: {"a.jsonl": doc() + doc(text=TEXT + ".")}, [], "error"),
    "event with an unknown span": (
        lambda d: {
            "a.jsonl": doc(
                spans=[span(0, 4, "Conflict.Attack", id="T1")],
                events=[{"type": "Conflict.Attack", "trigger": "T1", "arguments": [{"role": "Place", "span": "T9"}]}],
            )
        },
        [],
        "error",
    ),
    "relation of an unknown type": (
        lambda d: {
            "a.jsonl": doc(
                spans=[span(5, 10, id="T1"), span(11, 14, id="T2")],
                relations=[{"type": "NOPE", "head": "T1", "tail": "T2"}],
            )
        },
        [],
        "error",
    ),
    "unknown status": (lambda d: {"a.jsonl": doc(meta={"status": "finished"})}, [], "error"),
    "checksum of another text": (lambda d: {"a.jsonl": doc(meta={"sha256": "0" * 64})}, [], "error"),
    "id is a list": (lambda d: {"a.jsonl": doc(id=[1])}, [], "error"),
    "no text": (lambda d: {"a.jsonl": b'{"id": "x"}\n'}, [], "error"),
    "text is a number": (lambda d: {"a.jsonl": b'{"text": 5}\n'}, [], "error"),
    "spans is an object": (lambda d: {"a.jsonl": doc(spans={"a": 1})}, [], "error"),
    "attributes not strings": (lambda d: {"a.jsonl": doc(spans=[span(5, 10, attributes={"a": 1})])}, [], "error"),
    "doccano relation to a missing entity": (
        lambda d: {
            "a.jsonl": orjson.dumps(
                {
                    "text": TEXT,
                    "entities": [{"id": 1, "label": "GPE", "start_offset": 5, "end_offset": 10}],
                    "relations": [{"id": 1, "from_id": 1, "to_id": 7, "type": "PHYS.Located"}],
                }
            )
            + b"\n"
        },
        [],
        "error",
    ),
    "empty JSONL (nothing to do)": (lambda d: {"a.jsonl": b""}, [], "ok"),
    "file name not UTF-8": (lambda d: {os.fsdecode(b"\xff\xfe-news.txt"): TEXT.encode()}, [], "ok"),
    "file name with a newline": (lambda d: {"a\nerror: forged.txt": TEXT.encode()}, [], "ok"),
    "bad file with a newline in its name": (lambda d: {"b\nerror: forged.jsonl": b"{oops\n"}, [], "error"),
    "one good and one bad file: nothing imported": (
        lambda d: {"a.txt": TEXT.encode(), "b.jsonl": b"{oops\n"},
        [],
        "error",
    ),
    "one good and one bad with --skip-invalid": (
        lambda d: {"a.txt": TEXT.encode(), "b.jsonl": b"{oops\n"},
        ["--skip-invalid"],
        "ok",
    ),
    "--clean on a text that is no news page": (lambda d: {"a.txt": TEXT.encode()}, ["--clean"], "error"),  # no body
    "a 5 MB article": (lambda d: {"a.txt": (TEXT + "\n").encode() * 150_000}, [], "ok"),
    "50 folders deep": (lambda d: {"/".join(["f"] * 50) + "/a.txt": TEXT.encode()}, [], "ok"),
    "an empty folder": (lambda d: {"empty/": b""}, [], "error"),
    "a folder of .csv files only": (lambda d: {"x.csv": b"a,b\n"}, [], "error"),
    "no such path": (lambda d: {}, ["<missing>"], "error"),
    "a .csv file named": (lambda d: {"x.csv": b"a,b\n"}, ["<x.csv>"], "error"),
    "the database itself": (lambda d: {}, ["<db>"], "error"),
    "the database's WAL": (lambda d: {}, ["<db-wal>"], "error"),
}


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("base") / "base.db"
    subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(path), "import", str(GOLD)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def annotator(db: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(db), *args],
        capture_output=True,
        cwd=cwd,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def one_clear_line_each(result: subprocess.CompletedProcess[bytes]) -> None:
    """Non-zero, no traceback, a few short lines, no control characters."""
    err = result.stderr.decode("utf-8")
    assert result.returncode != 0 and "Traceback" not in err, err
    lines = err.splitlines()
    assert 1 <= len(lines) <= 8, err
    assert all(line.startswith(("error:", "skipped ", "warning ")) for line in lines), err
    assert all(len(line) <= 1200 and not any(ord(c) < 32 and c != "\t" for c in line) for line in lines), err


@pytest.mark.parametrize("name", list(CASES))
def test_import(name, base_db, tmp_path):
    build, arguments, expected = CASES[name]
    if name == "an unreadable folder" and ROOT_USER:
        pytest.skip("root reads every folder")
    db = tmp_path / "work.db"
    shutil.copy(base_db, db)
    before = digest(db)
    source = tmp_path / "in"
    source.mkdir()
    for relative, data in build(source).items():
        target = source / relative
        if relative.endswith("/"):
            target.mkdir(parents=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    named = {
        "<missing>": str(source / "nothing.txt"),
        "<x.csv>": str(source / "x.csv"),
        "<db>": str(db),
        "<db-wal>": f"{db}-wal",
    }
    paths = [named.get(a, a) for a in arguments if a.startswith("<")] or [str(source)]
    options = [a for a in arguments if not a.startswith("<")]
    result = annotator(db, "import", *options, *paths, cwd=tmp_path)
    if expected == "ok":
        err = result.stderr.decode()
        assert result.returncode == 0 and "Traceback" not in err, err
        assert all(not any(ord(c) < 32 and c != "\t" for c in line) for line in err.splitlines()), err
        assert "error: forged" not in result.stdout.decode() + err
        TALLY["bad input: import cases handled right (odd but valid)"] += 1
    else:
        one_clear_line_each(result)
        assert digest(db) == before, "a refused import changed the database"
        TALLY["bad input: import cases refused in one line each, database unchanged"] += 1


def test_ten_thousand_tiny_files(base_db, tmp_path):
    db = tmp_path / "work.db"
    shutil.copy(base_db, db)
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05}.txt").write_text(f"خبر رقم {i}", encoding="utf-8")
    result = annotator(db, "import", str(folder), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert b"imported 10000 new documents" in result.stdout
    TALLY["bad input: import cases handled right (odd but valid)"] += 1


def test_links_loops_and_special_files_are_reported_not_followed(base_db, tmp_path):
    db = tmp_path / "work.db"
    shutil.copy(base_db, db)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("سر", encoding="utf-8")
    (folder / "outside.txt").symlink_to(outside)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)  # a folder loop
    os.mkfifo(folder / "pipe.jsonl")  # reading it would block for ever
    result = annotator(db, "import", str(folder), cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert b"imported 1 new document;" in result.stdout
    assert "outside.txt: a symbolic link to a file outside the folder" in err
    assert "loop.txt: a broken or looping symbolic link" in err
    assert "pipe.jsonl: not a regular file" in err
    TALLY["bad input: import cases handled right (odd but valid)"] += 1


EXPORTS = [
    "the database",
    "its WAL",
    "a folder",
    "read-only file",
    "symbolic link",
    "a device",
    "a pipe",
    "no such folder",
    "unknown format",
    "unknown status",
    "no such corpus",
    "missing database",
]


@pytest.mark.parametrize("name", EXPORTS)
def test_export_refused(name, base_db, tmp_path):
    db = tmp_path / "work.db"
    shutil.copy(base_db, db)
    existing = tmp_path / "old.jsonl"
    existing.write_bytes(b'{"old": 1}\n')
    target, options, database = tmp_path / "out.jsonl", [], db
    if name == "the database":
        target = db
    elif name == "its WAL":
        target = Path(f"{db}-wal")
    elif name == "a folder":
        target = tmp_path
    elif name == "read-only file":
        target = existing
        existing.chmod(0o444)
    elif name == "symbolic link":
        target = tmp_path / "link.jsonl"
        target.symlink_to(existing)
    elif name == "a device":
        target = Path("/dev/null")
    elif name == "a pipe":
        target = tmp_path / "pipe.jsonl"
        os.mkfifo(target)
    elif name == "no such folder":
        target = tmp_path / "nowhere" / "out.jsonl"
    elif name == "unknown format":
        options = ["-f", "brat"]
    elif name == "unknown status":
        options = ["--status", "finished"]
    elif name == "no such corpus":
        options = ["--corpus", "other"]
    else:
        database = tmp_path / "typo.db"
    before = digest(db)
    result = annotator(database, "export", "-o", str(target), *options, cwd=tmp_path)
    one_clear_line_each(result)
    assert digest(db) == before and existing.read_bytes() == b'{"old": 1}\n'
    assert not (tmp_path / "typo.db").exists() and not list(tmp_path.glob(".*.tmp"))
    if name == "read-only file":
        replaced = annotator(db, "export", "-o", str(target), "--replace-read-only", cwd=tmp_path)
        assert replaced.returncode == 0 and existing.read_bytes() == (GOLD.read_bytes())
    TALLY["bad input: export cases refused in one line, files unchanged"] += 1


def mounted(folder: Path, options: str) -> bool:
    folder.mkdir()
    return (
        subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True).returncode
        == 0
    )


@pytest.mark.parametrize("kind", ["full disk", "read-only folder"])
def test_export_to_a_full_disk_or_a_read_only_folder(kind, base_db, tmp_path):
    db = tmp_path / "work.db"
    shutil.copy(base_db, db)
    folder = tmp_path / "mnt"
    if not mounted(folder, "size=16k" if kind == "full disk" else "size=1m"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        old = folder / "train.jsonl"
        old.write_bytes(b'{"old": 1}\n')
        if kind == "read-only folder":
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        result = annotator(db, "export", "-o", str(old), cwd=tmp_path)
        one_clear_line_each(result)
        assert old.read_bytes() == b'{"old": 1}\n'
        assert sorted(p.name for p in folder.iterdir()) == ["train.jsonl"]  # no temporary file left
        message = result.stderr.decode()
        assert ("No space left" in message) if kind == "full disk" else ("Read-only file system" in message)
        TALLY["bad input: export cases refused in one line, files unchanged"] += 1
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)
