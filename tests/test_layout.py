"""The design card's layout: pyproject.toml, annotator/, resources/, tests/, sample_corpus/,
seeds/ at the top; the build lists every package of the checkout and maps resources/ and
sample_corpus/ into the package (tests/test_wheel.py checks a built wheel has and uses them)."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_top_level_is_the_design_cards():
    for name in ("pyproject.toml", "annotator", "resources", "tests", "sample_corpus", "seeds"):
        assert (ROOT / name).exists(), name
    assert not (ROOT / "annotator" / "resources").exists()
    assert {p.name for p in (ROOT / "resources").iterdir()} >= {"schemas", "translations"}


def test_the_build_lists_every_package_and_maps_the_resources():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    packages = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "annotator").rglob("__init__.py")}
    assert set(setuptools["packages"]) == packages | {"annotator.resources", "annotator.sample_corpus"}
    assert setuptools["package-dir"] == {"annotator.resources": "resources", "annotator.sample_corpus": "sample_corpus"}
