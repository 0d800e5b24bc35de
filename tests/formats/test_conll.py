"""CoNLL both ways: our export imported and exported again gives the same file; ANERcorp- and
Wojood-style files import with their labels checked by line, mapped, nested; folders say what
they pass over."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.formats.base import Clitics, ExportOptions, Nested
from annotator.services.exporting import export_corpus
from annotator.services.importing import import_paths
from annotator.store.database import Database

ANERCORP = """\
فرانكفورت B-LOC
(د O
ب O
أ) O
أعلن O
اتحاد B-ORG
صناعة I-ORG
السيارات I-ORG
في O
ألمانيا B-LOC
أن O
جون B-PERS
سميث I-PERS
سيزور O
كأس B-MISC
العالم I-MISC
. O
"""

# Wojood's nested IOB: a tag column per nesting level, the outer level first.
WOJOOD = """\
وزير B-OCC O
خارجية I-OCC O
روسيا I-OCC B-GPE
زار O O
جامعة B-ORG O
بيرزيت I-ORG B-GPE
أمس B-DATE O
. O O

رئيس B-OCC O
بلدية I-OCC B-ORG
رام I-OCC I-ORG
الله I-OCC I-ORG
"""


@pytest.fixture
def other(tmp_path):
    database = Database.open(f"sqlite:///{tmp_path / 'other.db'}")
    yield database
    database.close()


@pytest.mark.parametrize(
    ("format_", "clitics", "nested"),
    [("conll", "split", "outer"), ("conll", "expand", "layers"), ("conll-bioes", "split", "inner")],
)
def test_conll_export_import_export_is_identical(full_db, other, tmp_path, format_, clitics, nested):
    options = ExportOptions(Clitics(clitics), Nested(nested))
    first = tmp_path / "first.conll"
    report = export_corpus(full_db, first, format=format_, options=options)
    imported = import_paths(other, [first])
    assert len(imported.added) == 6 and imported.spans == report.written["spans"]
    second = tmp_path / "second.conll"
    export_corpus(other, second, format=format_, options=options)
    assert second.read_bytes() == first.read_bytes()
    if nested == "layers":
        assert {
            len(line.split("\t"))
            for line in first.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("-DOCSTART-")
        } == {3}  # token and two levels, on every line


def test_anercorp_labels_outside_the_schema_are_refused_by_line(db, tmp_path):
    path = tmp_path / "ANERCorp.txt"  # a .txt of "token TAG" lines is read as CoNLL
    path.write_text(ANERCORP, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        import_paths(db, [path])
    assert [(p.where, p.message) for p in refused.value.problems] == [  # each label at its first line
        (
            f"{path}:12",
            "unknown label 'PERS': not an entity type of the corpus schema (map it with --map PERS=PER, "
            "or drop it with --map PERS=)",
        ),  # the closest entity type suggested
        (
            f"{path}:15",
            "unknown label 'MISC': not an entity type of the corpus schema (map it with --map MISC=NEW, "
            "or drop it with --map MISC=)",
        ),
    ]


def test_anercorp_imports_with_a_label_mapping(db, tmp_path):
    path = tmp_path / "ANERCorp.txt"
    path.write_text(ANERCORP, encoding="utf-8")
    report = import_paths(db, [path], mapping={"PERS": "PER", "LOC": "GPE", "MISC": ""})
    assert list(report.added) == ["ANERCorp"] and report.spans == 4
    out = tmp_path / "out.jsonl"
    export_corpus(db, out)
    import orjson

    [doc] = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert doc["text"].startswith("فرانكفورت (د ب أ) أعلن اتحاد صناعة السيارات")
    assert [(s["text"], s["label"]) for s in doc["spans"]] == [
        ("فرانكفورت", "GPE"),
        ("اتحاد صناعة السيارات", "ORG"),
        ("ألمانيا", "GPE"),
        ("جون سميث", "PER"),
    ]


def test_wojood_nested_columns_become_nested_spans(db, tmp_path):
    path = tmp_path / "wojood.conll"
    path.write_text(WOJOOD, encoding="utf-8")
    report = import_paths(db, [path], corpus="wojood", schema="wojood")
    assert report.spans == 7
    out = tmp_path / "out.conll"
    export_corpus(db, out, format="conll", corpus="wojood", options=ExportOptions(nested=Nested.LAYERS))
    assert out.read_text(encoding="utf-8") == "-DOCSTART- -X- O O\n\n" + WOJOOD.replace(" ", "\t") + "\n"


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("كلمة O\nأخرى X-GPE\n", 2, "'X-GPE' is not a tag (O, B-X, I-X, E-X, S-X)"),
        ("كلمة B-GPE\nوحيدة\n", 2, "expected 'token TAG', found 'وحيدة' alone"),
    ],
)
def test_broken_conll_lines_are_named(db, tmp_path, content, line, message):
    path = tmp_path / "bad.conll"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        import_paths(db, [path])
    assert [(p.where, p.message) for p in refused.value.problems] == [(f"{path}:{line}", message)]


def test_a_folder_import_names_every_file_it_passes_over(db, tmp_path):
    folder = tmp_path / "data"
    (folder / "deep").mkdir(parents=True)
    (folder / "a.conll").write_text("دمشق B-GPE\n", encoding="utf-8")
    (folder / "article.txt").write_text("وصل الرئيس إلى دمشق.", encoding="utf-8")
    (folder / "deep" / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "deep" / "README").write_text("read me", encoding="utf-8")
    report = import_paths(db, [folder])
    assert sorted(report.added) == ["a", "article"]
    assert sorted(str(p) for p in report.skipped) == [
        f"{folder}/deep/README: not a file annotator reads (it reads .jsonl, .conll, .iob, .bio, .txt, .bioes); "
        "passed over",
        f"{folder}/deep/notes.pdf: not a file annotator reads (it reads .jsonl, .conll, .iob, .bio, .txt, .bioes); "
        "passed over",
    ]
