"""Corpus search: the index follows imports in their transaction, matching is find_all's (marks
and tatweel ignored, letters folded or not), offsets are exact in the stored text, and queries
too short for the index, or with more hits than the limit, still answer correctly."""

import sys

import orjson
import pytest

from annotator.core.errors import InputError
from annotator.core.find import MARK_RANGES, _fold_table, _ignored, find_all, search_form
from annotator.core.schema_files import load_schema
from annotator.services.corpora import open_database
from annotator.services.importing import import_paths
from annotator.services.search import Kind, SearchQuery, context, search
from tests.conftest import GOLD, other_connection

TEXTS = {
    "a": "😀 قصفت الطائرات مدينةَ حمص أمس، ووصل النازحون من حـــمص إلى دمشق.",
    "b": "قال مسؤول في حِمْص إن الوضع هادئ.\nوأعلنت الأمم المتحدة أن مستشفى حمص مغلق.",
    "c": "لا ذكر للمدينة هنا، بل لمستشفي إدلب.",
}


@pytest.fixture
def db(db_url, tmp_path):
    source = tmp_path / "search.jsonl"
    source.write_bytes(b"".join(orjson.dumps({"id": k, "text": v}) + b"\n" for k, v in TEXTS.items()))
    database = open_database(db_url)
    import_paths(database, [GOLD, source])
    yield database
    database.close()


def hits(db, query: SearchQuery, *, mine: bool = True) -> list[tuple[str, int, int]]:
    """(uid, start, end) of the hits, in the documents of TEXTS only unless `mine` is False."""
    return [(h.uid, h.start, h.end) for h in search(db, corpus_id=1, query=query).hits if not mine or h.uid in TEXTS]


def expected(needle: str, letters: bool = True, uids=("a", "b", "c")) -> list[tuple[str, int, int]]:
    return [(uid, s, e) for uid in uids for s, e in find_all(TEXTS[uid], needle, letters=letters)]


def test_hits_are_exact_ranges_of_the_stored_text_with_marks_and_tatweel_ignored(db):
    found = hits(db, SearchQuery("حمص"))
    assert found == expected("حمص") and len(found) == 4
    assert [TEXTS[u][s:e] for u, s, e in found] == ["حمص", "حـــمص", "حِمْص", "حمص"]
    assert hits(db, SearchQuery("حِمص")) == hits(db, SearchQuery("حمص"))  # marks in the query too


def test_letters_are_folded_unless_asked_not_to(db):
    assert [h[0] for h in hits(db, SearchQuery("مستشفى"))] == ["b", "c"]
    assert [h[0] for h in hits(db, SearchQuery("مستشفى", letters=False))] == ["b"]
    assert [h[0] for h in hits(db, SearchQuery("الامم"))] == ["b"]  # الأمم, alef folded
    assert hits(db, SearchQuery("الامم", letters=False)) == []


def test_queries_too_short_for_the_index_are_scanned(db):
    result = search(db, corpus_id=1, query=SearchQuery("في", limit=10_000))
    gold = [orjson.loads(line) for line in GOLD.read_bytes().splitlines()]
    texts = {d["id"]: d["text"] for d in gold} | TEXTS
    assert sorted((h.uid, h.start, h.end) for h in result.hits) == sorted(
        (uid, s, e) for uid, text in texts.items() for s, e in find_all(text, "في", letters=True)
    )
    assert result.complete and result.documents == len({h.uid for h in result.hits})


def test_the_limit_stops_the_list_and_says_so(db):
    result = search(db, corpus_id=1, query=SearchQuery("ال", limit=7))
    assert len(result.hits) == 7 and not result.complete and result.documents is None
    assert result.hits == search(db, corpus_id=1, query=SearchQuery("ال", limit=8)).hits[:7]


def test_annotation_searches_use_the_stored_annotations(db):
    spans = search(db, corpus_id=1, query=SearchQuery("بشار", Kind.SPANS, "PER"))
    assert spans.hits and all(h.label == "PER" and "بشار" in search_form(h.context) for h in spans.hits)
    gold = [orjson.loads(line) for line in GOLD.read_bytes().splitlines()]
    with_per = sorted((d["id"], s["start"], s["end"]) for d in gold for s in d["spans"] if s["label"] == "PER")
    every_per = search(db, corpus_id=1, query=SearchQuery("", Kind.SPANS, "PER", limit=1000))
    assert sorted((h.uid, h.start, h.end) for h in every_per.hits) == with_per
    assert every_per.complete and every_per.documents == len({uid for uid, _, _ in with_per}) > 1
    first = search(db, corpus_id=1, query=SearchQuery("", Kind.SPANS, "PER", limit=2))
    assert not first.complete and first.documents is None and first.hits == every_per.hits[:2]
    attacks = sorted(
        (d["id"], s["start"], s["end"])
        for d in gold
        for e in d.get("events", [])
        if e["type"] == "Conflict.Attack"
        for s in d["spans"]
        if s["id"] == e["trigger"]
    )
    assert sorted(hits(db, SearchQuery("", Kind.EVENTS, "Conflict.Attack"), mine=False)) == attacks
    labelled = {(d["id"], s["start"], s["end"]) for d in gold for s in d["spans"]}
    unlabelled = hits(db, SearchQuery("روسيا", Kind.UNLABELLED), mine=False)
    assert unlabelled and len(unlabelled) < len(hits(db, SearchQuery("روسيا"), mine=False))
    for uid, start, end in unlabelled:
        assert not any(u == uid and a < end and start < b for u, a, b in labelled)


def test_the_index_follows_imports_in_their_transaction(db, db_url, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(orjson.dumps({"id": "d", "text": "حلب الشهباء"}) + b"\n" + b"{broken\n")
    with pytest.raises(InputError):
        import_paths(db, [bad])
    assert hits(db, SearchQuery("الشهباء")) == []
    with other_connection(db) as c:
        indexed = c.execute("SELECT count(*) FROM document_search").fetchone()[0]
        assert indexed == c.execute("SELECT count(*) FROM documents").fetchone()[0]
    replaced = tmp_path / "replaced.jsonl"
    new = "نص جديد عن حلب الشهباء"
    replaced.write_bytes(orjson.dumps({"id": "c", "text": new}) + b"\n")
    import_paths(db, [replaced])  # "c" had no annotations: its text is replaced
    assert hits(db, SearchQuery("الشهباء")) == [("c", new.index("الشهباء"), len(new))]
    assert hits(db, SearchQuery("إدلب")) == [h for h in hits(db, SearchQuery("إدلب")) if h[0] != "c"]


def test_context_is_the_line_around_the_hit_cut_at_spaces():
    text = TEXTS["b"]
    start = text.index("حمص")
    line, at = context(text, start, start + 3, width=12)
    assert line[at : at + 3] == "حمص" and "\n" not in line
    assert line.startswith("…") and line.endswith(" مغلق.")  # cut before; the line ends after
    assert not line.removeprefix("…").startswith(" ")


def test_the_fold_table_covers_every_mark_in_unicode():
    everything = {i for i in range(sys.maxunicode + 1) if _ignored(chr(i))}
    assert everything == set(_fold_table(False)) and all(any(i in r for r in MARK_RANGES) for i in everything)
    every_character = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    for letters in (False, True):  # the fast search form and the one-table translation agree everywhere
        assert search_form(every_character, letters=letters) == every_character.translate(_fold_table(letters))
        assert search_form("أَحمدُ 😀 إلى", letters=letters) == "أحمد 😀 إلى".translate(_fold_table(letters))


def test_labelling_hits_is_all_or_nothing_when_another_process_replaced_a_document(db, db_url, tmp_path):
    import subprocess

    from annotator.core.errors import NotFound
    from annotator.core.views import DocumentRef
    from annotator.store import annotations

    found = [h for h in search(db, corpus_id=1, query=SearchQuery("حمص", Kind.UNLABELLED)).hits if h.uid in TEXTS]
    assert {h.uid for h in found} == {"a", "b"}
    replaced = tmp_path / "b.jsonl"
    replaced.write_bytes(orjson.dumps({"id": "b", "text": "نص آخر لا ذكر فيه للمدينة."}) + b"\n")
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", db_url, "import", str(replaced)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr  # "b" had no annotations: the other process replaced its text
    by_document: dict[DocumentRef, list[tuple[int, int]]] = {}
    for hit in found:
        by_document.setdefault(DocumentRef(hit.document_id, hit.sha256), []).append((hit.start, hit.end))
    before = hits(db, SearchQuery("", Kind.SPANS, "GPE"))
    with pytest.raises(NotFound):
        annotations.add_spans_in(
            db, schema=load_schema("ace2005"), items=list(by_document.items()), label="GPE", annotator="tester"
        )
    assert hits(db, SearchQuery("", Kind.SPANS, "GPE")) == before  # not even document "a" got its spans
