"""A built wheel works on its own: schemas, translations and the sample corpus are inside it."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "*.qm")


def run(*command: object, cwd: Path) -> str:
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, cwd=cwd, timeout=600)
    assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    return result.stdout


def test_the_wheel_installed_in_a_fresh_environment_lists_imports_and_exports(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=SKIP)  # the build writes its own folders: not in the checkout
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        tmp_path / "dist",
        source,
        cwd=tmp_path,
    )
    [wheel] = (tmp_path / "dist").glob("annotator-*.whl")
    fresh = tmp_path / "fresh"
    run(sys.executable, "-m", "venv", fresh, cwd=tmp_path)
    python = fresh / "bin" / "python"
    run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel, cwd=tmp_path)
    # The dependencies (PySide6 is 200 MB) come from the test environment, as a plain path: its
    # .pth files (the editable install of this checkout among them) are not read from there.
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).strip()
    Path(purelib, "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    where = run(python, "-c", "import annotator; print(annotator.__file__)", cwd=tmp_path)
    assert where.startswith(str(fresh)), where
    annotator = fresh / "bin" / "annotator"
    assert "ace2005" in run(annotator, "schema", "list", cwd=tmp_path)
    # The top-level resources/ and sample_corpus/ are inside the package, and used from there.
    found = run(
        python,
        "-c",
        "from annotator.core.resources import SCHEMAS, SAMPLE_CORPUS; print(SCHEMAS); print(SAMPLE_CORPUS)",
        cwd=tmp_path,
    ).split()
    assert found == [
        str(Path(purelib) / "annotator" / "resources" / "schemas"),
        str(Path(purelib) / "annotator" / "sample_corpus"),
    ]
    sample = Path(purelib) / "annotator" / "sample_corpus" / "gold.jsonl"
    db = tmp_path / "w.db"
    assert "imported 5 new documents" in run(annotator, "--db", db, "import", sample, cwd=tmp_path)
    out = tmp_path / "out.jsonl"
    run(annotator, "--db", db, "export", "-o", out, cwd=tmp_path)
    assert out.read_bytes() == sample.read_bytes()
    translations = Path(purelib) / "annotator" / "resources" / "translations"
    assert {p.name for p in translations.glob("*.ts")} == {"annotator_ar.ts", "annotator_en.ts"}
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    code = "from annotator.ui.i18n import TRANSLATIONS, compiled; print(compiled(TRANSLATIONS / 'annotator_ar.ts'))"
    result = subprocess.run([python, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip().endswith(".qm"), result.stderr
