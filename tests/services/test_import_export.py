"""Import and export through the services, on real SQLite files."""

import shutil
from pathlib import Path

import orjson
import pytest

from annotator.core.errors import AnnotatorError, InputError
from annotator.services.exporting import Filters, export_corpus
from annotator.services.importing import import_paths
from annotator.services.stats import corpus_stats
from tests.conftest import GOLD, SEED, other_connection, write_jsonl

TRICKY = "\u200fقال 🇸🇾 الرئيسُ بَشّار — «دمشـــق» 😀 𝕏 عاصمة\u200e سوريا"


def counts(db) -> tuple[int, int, int, int]:
    with other_connection(db) as c:
        return tuple(
            c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "spans", "events", "relations")
        )


def test_gold_round_trip_is_byte_identical(db, tmp_path):
    report = import_paths(db, [GOLD])
    assert (len(report.added), report.spans, report.events, report.relations) == (5, 52, 8, 4)
    out = tmp_path / "out.jsonl"
    export_corpus(db, out)
    assert out.read_bytes() == GOLD.read_bytes()
    assert out.stat().st_mode & 0o777 == 0o644  # readable by a pipeline, not private like a temp file
    out.chmod(0o640)
    export_corpus(db, out)
    assert out.stat().st_mode & 0o777 == 0o640  # a re-export keeps the file's mode


def test_export_import_export_is_identical_for_tricky_text(db, tmp_path, db_url):
    spans = []
    for word, label in (("دمشـــق", "GPE"), ("سوريا", "GPE"), ("بَشّار", "PER"), ("الرئيسُ بَشّار", "PER")):
        start = TRICKY.index(word)
        spans.append({"start": start, "end": start + len(word), "label": label, "text": word})
    source = write_jsonl(tmp_path / "in.jsonl", orjson.dumps({"id": "t", "text": TRICKY, "spans": spans}).decode())
    import_paths(db, [source])
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    export_corpus(db, first)
    from annotator.store.database import Database

    other = Database.open(f"sqlite:///{tmp_path / 'other.db'}")
    import_paths(other, [first])
    export_corpus(other, second)
    assert first.read_bytes() == second.read_bytes()
    line = orjson.loads(first.read_bytes())
    assert line["text"] == TRICKY  # diacritics, tatweel, RLM/LRM, emoji kept
    for span in line["spans"]:
        assert line["text"][span["start"] : span["end"]] == span["text"]


def test_txt_import_removes_bom_and_crlf_only(db, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "عنوان\r\nسطر ـــ ثانٍ\r\u200fثالث".encode())
    import_paths(db, [path])
    out = tmp_path / "o.jsonl"
    export_corpus(db, out)
    line = orjson.loads(out.read_bytes())
    assert line["text"] == "عنوان\nسطر ـــ ثانٍ\n\u200fثالث"
    assert line["id"] == "a" and line["meta"]["title"] == "عنوان"


def test_clean_import_of_the_seed(db, tmp_path):
    shutil.copy(SEED, tmp_path / SEED.name)
    import_paths(db, [tmp_path], clean=True)
    out = tmp_path / "o.jsonl"
    export_corpus(db, out)
    meta = orjson.loads(out.read_bytes())["meta"]
    assert meta["title"] == '"لا خطة لدى روسيا لإنقاذ بشار الأسد"!'
    assert (meta["source"], meta["section"], meta["published"]) == ("عربي21", "اقليمي ودولي", "2024-12-06T19:37:00")
    with other_connection(db) as c:
        body, raw = c.execute("SELECT text, raw_text FROM documents").fetchone()
    assert body.startswith("كشف مصدر مقرب من الكرملين") and raw.startswith("اقليمي ودولي")


@pytest.mark.parametrize(
    "content, encoding, message",
    [
        (b"\xd1\xe6\xd3\xed\xc7", "utf-8", "not valid utf-8 at byte 0"),  # windows-1256 bytes read as UTF-8
        ('{"text": "نص", "label": [[0, 9, "GPE"]]}\n'.encode(), "utf-8", "outside the text"),
        ('{"text": "نص", "label": [[0, 2, "CITY"]]}\n'.encode(), "utf-8", "unknown label 'CITY'"),
        ('{"text": "نص"}\n{broken\n'.encode(), "utf-8", ":2: not valid JSON"),
        ('{"id": "a", "text": "نص"}\n{"id": "a", "text": "آخر"}\n'.encode(), "utf-8", "also at"),
        (
            '{"text": "نص", "events": [{"type": "Conflict.Attack", "trigger": "T9"}]}\n'.encode(),
            "utf-8",
            "unknown span T9",
        ),
    ],
)
def test_bad_input_is_refused_whole_with_its_location(db, tmp_path, content, encoding, message):
    import_paths(db, [GOLD])
    before = counts(db)
    good = write_jsonl(tmp_path / "good.jsonl", '{"text": "خبر سليم"}')
    bad = tmp_path / ("bad.txt" if b"{" not in content else "bad.jsonl")
    bad.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        import_paths(db, [good, bad], encoding=encoding)
    assert str(bad) in str(info.value)
    assert counts(db) == before


def test_invalid_utf8_in_jsonl_names_the_line(db, tmp_path):
    path = tmp_path / "enc.jsonl"
    path.write_bytes('{"text": "سليم"}\n'.encode() + b'{"text": "\xd1\xe6\xd3"}\n')
    first = len('{"text": "سليم"}\n'.encode()) + len(b'{"text": "')
    with pytest.raises(InputError, match=rf"{path.name}:2: not valid UTF-8 at byte {first} of the file"):
        import_paths(db, [path])
    assert counts(db) == (0, 0, 0, 0)


def test_a_refused_import_into_a_new_database_leaves_it_empty(db, tmp_path):
    bad = write_jsonl(tmp_path / "bad.jsonl", '{"text": "نص", "label": [[0, 2, "CITY"]]}')
    with pytest.raises(InputError):
        import_paths(db, [bad], corpus="fresh")
    with other_connection(db) as c:
        assert c.execute("SELECT count(*) FROM corpora").fetchone() == (0,)
    assert counts(db) == (0, 0, 0, 0)


def test_windows_1256_with_its_encoding(db, tmp_path):
    (tmp_path / "w.txt").write_bytes("روسيا وسوريا".encode("windows-1256"))
    assert import_paths(db, [tmp_path / "w.txt"], encoding="windows-1256").added.kept == ["w"]


def test_skip_invalid_imports_the_valid_lines_and_reports_the_rest(db, tmp_path):
    path = write_jsonl(
        tmp_path / "mixed.jsonl",
        '{"text": "أول"}',
        "{nope",
        '{"text": "ثالث", "label": [[0, 1, "X"]]}',
        '{"text": "رابع"}',
    )
    report = import_paths(db, [path], skip_invalid=True)
    assert len(report.added) == 2
    assert [p.where for p in report.skipped] == [f"{path}:2", f"{path}:3"]


def test_same_id_same_text_is_reported_and_changed_text_with_annotations_is_refused(db, tmp_path):
    import_paths(db, [GOLD])
    assert len(import_paths(db, [GOLD]).unchanged) == 5
    line = orjson.loads(GOLD.read_bytes().splitlines()[1])
    line["text"] = line["text"] + " إضافة"
    del line["meta"]["sha256"]
    changed = write_jsonl(tmp_path / "changed.jsonl", orjson.dumps(line).decode())
    before = counts(db)
    with pytest.raises(InputError, match="already has annotations"):
        import_paths(db, [changed])
    assert counts(db) == before


def test_changed_text_without_annotations_is_updated(db, tmp_path):
    import_paths(db, [write_jsonl(tmp_path / "a.jsonl", '{"id": "x", "text": "قديم"}')])
    report = import_paths(db, [write_jsonl(tmp_path / "b.jsonl", '{"id": "x", "text": "جديد"}')])
    assert list(report.updated) == ["x"]


def test_export_filters(db, tmp_path):
    import_paths(db, [GOLD])
    out = tmp_path / "o.jsonl"
    report = export_corpus(db, out, filters=Filters(statuses=["done"], labels=["GPE"]))
    lines = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert report.documents == 1 and lines[0]["meta"]["status"] == "done"
    assert {s["label"] for s in lines[0]["spans"]} == {"GPE"}
    assert all(r["type"] == "PART-WHOLE.Geographical" for r in lines[0]["relations"])
    export_corpus(db, out, filters=Filters(annotators=["nobody"]))
    assert all(not orjson.loads(line)["spans"] for line in out.read_bytes().splitlines())


def test_a_broken_document_is_refused_by_name_and_the_old_file_stays(db, tmp_path):
    import_paths(db, [GOLD])
    out = tmp_path / "o.jsonl"
    out.write_text("previous export\n", encoding="utf-8")
    with db.engine.begin() as c:  # what a damaged database or a buggy tool could leave
        c.exec_driver_sql('UPDATE spans SET "end" = 100000 WHERE id = (SELECT min(id) FROM spans)')
    with pytest.raises(AnnotatorError, match=r"document '.*': span .* lies outside its text"):
        export_corpus(db, out)
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".o.jsonl")] == []


def test_stats(db):
    import_paths(db, [GOLD])
    stats = corpus_stats(db)
    assert stats.documents_by_status == {"new": 4, "done": 1}
    assert stats.spans_by_label["GPE"] == 16 and stats.events_by_type["Conflict.Attack"] == 2


def test_importing_annotations_for_documents_already_there_merges_them(db, tmp_path):
    from annotator.services.importing import import_paths
    from tests.conftest import GOLD, SEED

    import_paths(db, [SEED], clean=True)
    report = import_paths(db, [GOLD])
    assert list(report.merged) == ["000_bec74384df40613c"] and not report.unchanged
    assert len(report.added) == 4
    with db.read() as session:
        from sqlalchemy import text

        seed = session.execute(text("SELECT id, status FROM documents WHERE uid = '000_bec74384df40613c'")).one()
        counts = [
            session.execute(text(f"SELECT count(*) FROM {t} WHERE document_id = :d"), {"d": seed[0]}).scalar()
            for t in ("spans", "events", "relations")
        ]
    assert counts == [19, 2, 2] and seed[1] == "done"
    again = import_paths(db, [GOLD])  # identical annotations are kept once
    assert not again.merged and len(again.unchanged) == 5 and again.spans == 0
    # A doccano file edited elsewhere: one new span, one that differs only in its note -> a conflict
    line = orjson.loads(GOLD.read_bytes().splitlines()[0])
    text_ = line["text"]
    extra = text_.index("سوريا")
    line["spans"].append(
        {"id": "T99", "start": extra, "end": extra + 5, "label": "GPE", "attributes": {}, "annotator": "editor"}
    )
    line["spans"][0]["note"] = "changed elsewhere"
    edited = tmp_path / "edited.jsonl"
    edited.write_bytes(orjson.dumps(line) + b"\n")
    third = import_paths(db, [edited])
    assert list(third.merged) == [line["id"]] and third.spans == 1 and len(third.conflicts) == 1
    assert "kept the stored one" in third.conflicts.kept[0].message


def test_jsonl_written_from_stored_rows_equals_jsonl_written_from_records(db, tmp_path):
    """The JSONL export writes rows as read (no records in between); it must give the bytes the
    record path gives, also for JSON stored otherwise than orjson writes it (another program,
    PostgreSQL's text of jsonb: spaces, keys unsorted), notes, dates and every kind of link."""
    from annotator.formats import native
    from annotator.formats.base import ExportOptions, Tally
    from annotator.services.exporting import stored_documents

    import_paths(db, [GOLD])
    with other_connection(db) as c:
        c.execute("""UPDATE spans SET attributes = '{"z": "1", "a": "ب"}', note = 'ملاحظة' WHERE id % 3 = 0""")
        c.execute("""UPDATE events SET attributes = '{"Tense": "Past",  "Modality": "Asserted"}' WHERE id % 2 = 0""")
        c.execute("""UPDATE relations SET attributes = '{"b": "x", "a": "y"}'""")
        c.execute("""UPDATE documents SET extra = '{"lang": "ar",  "b": [1, 2]}', published = '2024-12-06 10:00:00.000000'
                     WHERE id % 2 = 1""")
        c.execute("""UPDATE documents SET extra = 'null' WHERE id = 2""")
        c.execute("UPDATE spans SET note = ?, subtype = ? WHERE id = (SELECT min(id) FROM spans)", (ODD, ODD[::-1]))
    out = tmp_path / "out.jsonl"
    export_corpus(db, out)
    writer = native._Writer(ExportOptions(), Tally())
    with db.snapshot() as rows:
        from_records = b"".join(
            writer.document(d.record()) for d in stored_documents(rows, 1, postgresql=not db.is_sqlite)
        )
    assert out.read_bytes() == from_records
    lines = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert any(s["attributes"] == '{"a":"ب","z":"1"}' and s["note"] == "ملاحظة" for d in lines for s in d["spans"])
    assert [d["meta"]["extra"] for d in lines][:2] == ['{"lang":"ar","b":[1,2]}', "{}"]
    assert any(d["meta"]["published"] == "2024-12-06T10:00:00" for d in lines)
    # (spans are read as JSON the database makes: every character comes back as stored)
    assert any(s["note"] == ODD and s["subtype"] == ODD[::-1] for d in lines for s in d["spans"])


ODD = '\x01\t"\\ «مُلاحظة» 😀\u2028\u200f\x7f end'


def test_the_report_counts_in_words():
    from annotator.services.exporting import ExportReport

    report = ExportReport(Path("o.jsonl"), "jsonl", {"documents": 1, "spans": 8, "events": 0, "relations": 1}, [])
    assert report.lines() == ["exported 1 document (8 spans, 0 events, 1 relation)"]
