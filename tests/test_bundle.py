"""The one-folder bundle (`scripts/dev.sh bundle`, PyInstaller): built, then used as a person
uses it, with nothing of the checkout or its environment: it imports its own sample corpus,
exports it byte for byte, opens its window on a new database (the sample corpus imported on
first start) and closes when told to."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow(seconds=60)
def test_the_bundle_imports_exports_and_opens_its_window(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(tmp_path / "dist"),
         "--workpath", str(tmp_path / "build"), str(ROOT / "scripts" / "annotator.spec")],
        capture_output=True, text=True, timeout=900, cwd=tmp_path,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-3000:]
    folder = tmp_path / "dist" / "annotator"
    program = folder / "annotator"
    # Nothing from the checkout or this environment: no PYTHONPATH, another working folder.
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }

    def run(*args: object) -> str:
        done = subprocess.run([program, *map(str, args)], capture_output=True, text=True, env=env, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert run("--version").startswith("annotator ")
    sample = folder / "_internal" / "annotator" / "sample_corpus" / "gold.jsonl"
    db = tmp_path / "b.db"
    assert "imported 5 new documents" in run("--db", db, "import", sample)
    run("--db", db, "export", "-o", tmp_path / "out.jsonl")
    assert (tmp_path / "out.jsonl").read_bytes() == (ROOT / "sample_corpus" / "gold.jsonl").read_bytes()
    assert (folder / "_internal" / "annotator" / "resources" / "translations" / "annotator_ar.qm").exists()

    config = tmp_path / "config" / "annotator" / "annotator.conf"
    window = subprocess.Popen(
        [program, "--db", tmp_path / "new.db", "gui"], env=env, cwd=tmp_path, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while not (config.exists() and "lastDocument" in config.read_text()):  # its first document is open
        assert window.poll() is None, window.communicate()
        assert time.monotonic() < deadline, "the window did not open a document"
        time.sleep(0.05)
    window.send_signal(signal.SIGTERM)
    _, stderr = window.communicate(timeout=60)
    assert window.returncode == 0, stderr
    assert "geometry=" in config.read_text()
    assert "documents by status: 5" in run("--db", tmp_path / "new.db", "stats", "--bidi", "never")  # its first start
