"""The corpus pane's listing, read a page at a time: every order, filter and position agrees with
sorting the whole list in Python, across page boundaries and with missing titles and dates."""

import random

import orjson
import pytest

from annotator.core.listing import Column, DocumentQuery
from annotator.core.model import Status
from annotator.services.corpora import open_corpus
from annotator.services.importing import import_paths
from annotator.store import document_pages
from annotator.store.document_pages import DocumentPages
from tests.conftest import other_connection

SOURCES = ("الجزيرة", "عربي21", "BBC عربي", None)
STATUS_ORDER = list(Status)


@pytest.fixture
def listing(db, tmp_path, monkeypatch):
    monkeypatch.setattr(document_pages, "PAGE", 7)  # many pages, few documents
    rng = random.Random(5)
    lines = []
    for i in range(120):
        meta = {"status": rng.choice(list(Status)).value}
        if rng.random() < 0.8:
            meta["title"] = rng.choice(("خبر عن دمشق", "حمص اليوم", "Reuters: Homs", "بيان")) + f" {i % 17}"
        if (source := rng.choice(SOURCES)) is not None:
            meta["source"] = source
        if rng.random() < 0.7:
            meta["published"] = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00"
        spans = [{"start": j, "end": j + 1, "label": "LOC"} for j in range(rng.randint(0, 4))]
        lines.append(orjson.dumps({"id": f"d{i:03d}", "text": "نص الخبر رقم " + str(i), "meta": meta, "spans": spans}))
    (tmp_path / "c.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    import_paths(db, [tmp_path / "c.jsonl"])
    return DocumentPages(db, DocumentQuery(open_corpus(db).id))


def everything(pages: DocumentPages) -> list:
    return [pages.row(i) for i in range(pages.count())]


def expected_key(column: Column | None):
    """The order the database gives, written in Python: NULL (here "" or None) first, then id."""

    def key(doc):
        if column is Column.TITLE:
            value = doc.title if doc.title != doc.uid else None  # (a missing title shows the id)
        elif column is Column.SOURCE:
            value = doc.source or None
        elif column is Column.DATE:
            value = doc.published
        elif column is Column.STATUS:
            value = STATUS_ORDER.index(doc.status)
        elif column is Column.SPANS:
            value = doc.spans
        else:
            value = 0
        return (value is not None, value if value is not None else 0, doc.id)

    return key


@pytest.mark.parametrize("column", [None, *Column])
@pytest.mark.parametrize("descending", [False, True])
def test_every_order_and_position_matches_a_full_sort(listing, column, descending):
    rows = everything(listing)
    pages = listing.with_query(column=column, descending=descending)
    got = everything(pages)
    assert [d.id for d in got] == [d.id for d in sorted(rows, key=expected_key(column), reverse=descending)]
    assert [pages.position(d.id) for d in got] == list(range(len(got)))  # from the pages read
    unread = listing.with_query(column=column, descending=descending)
    assert [unread.position(d.id) for d in got] == list(range(len(got)))  # counted by the database


def test_filters_by_status_and_by_text_in_title_source_or_id(listing):
    rows = everything(listing)
    done = listing.with_query(status=Status.DONE, column=Column.TITLE)
    assert {d.id for d in everything(done)} == {d.id for d in rows if d.status is Status.DONE}
    homs = listing.with_query(text="homs")  # LIKE: Latin letters without regard to case
    assert {d.id for d in everything(homs)} == {d.id for d in rows if "homs" in d.title.casefold()}
    arabic = listing.with_query(text="عربي")
    assert {d.id for d in everything(arabic)} == {d.id for d in rows if "عربي" in d.source}
    by_id = listing.with_query(text="d05")
    assert [d.uid for d in everything(by_id)] == [f"d05{i}" for i in range(10)]
    assert listing.with_query(text="100%_").count() == 0  # wildcards are letters here
    outside = next(d for d in rows if d.status is not Status.DONE)
    assert done.position(outside.id) is None


def test_the_index_of_names_finds_what_a_scan_finds(listing, monkeypatch):
    """Through the index (three letters or more, few matching) and by a scan, the same documents:
    Latin letters without regard to case, in title, source or id, a document another program
    inserted, renamed or deleted (the triggers keep the index), none for letters across two fields."""
    with other_connection(listing.db) as c:
        c.execute(
            "INSERT INTO documents (corpus_id, uid, title, source, text, sha256, extra, status) "
            "VALUES (1, 'other-1', 'HOMS from elsewhere', 'الجزيرة', 'نص', 'x', '{}', 'new')"
        )
        c.execute(
            "INSERT INTO document_state (document_id, sha256, length, corpus_id) SELECT max(id), 'x', 2, 1 "
            "FROM documents"
        )
        c.execute("UPDATE documents SET title = 'Homs, renamed' WHERE uid = 'd001'")
        c.execute("DELETE FROM documents WHERE uid = 'd002'")
    texts = ("homs", "HOMS", "عربي", "d00", "other", "الجزيرة", "ther-1", "ere\nالج", "100%_", "renamed")
    indexed = {text: everything(listing.with_query(text=text, column=Column.DATE)) for text in texts}
    scanned = [text for text in texts if not listing.with_query(text=text)._indexed]
    assert scanned == (
        ["ere\nالج"] if listing.db.is_sqlite else list(texts)
    )  # (a line break: scanned; PostgreSQL scans)
    monkeypatch.setattr(document_pages, "FEW", -1)  # every filter scanned
    for text in texts:
        scanned = listing.with_query(text=text, column=Column.DATE)
        assert not scanned._indexed and everything(scanned) == indexed[text], text
    assert len(indexed["homs"]) > 1 and {"other-1", "d001"} <= {d.uid for d in indexed["homs"]}
    assert [d.uid for d in indexed["renamed"]] == ["d001"] and "d002" not in {d.uid for d in indexed["d00"]}
    assert indexed["ere\nالج"] == [] and indexed["100%_"] == []


def test_next_with_status_goes_round_in_the_shown_order(listing):
    pages = listing.with_query(column=Column.DATE, descending=True)
    shown = everything(pages)
    wanted = {Status.NEW, Status.IN_PROGRESS}
    unfinished = [d.id for d in shown if d.status in wanted]
    for i, doc in enumerate(shown):
        later = [d.id for d in shown[i + 1 :] if d.status in wanted] + [d for d in unfinished if d != doc.id]
        assert pages.next_with_status(doc.id, wanted) == later[0]


def test_a_patched_row_changes_without_a_read_and_invalidate_reads_again(listing):
    first = listing.row(0)
    assert listing.patch(first.id, spans=99) == 0 and listing.row(0).spans == 99
    listing.invalidate()
    assert listing.row(0).spans == first.spans


# Named by the index and kept as a list; or counted by a scan and paged along the order's index
# (near an end) or by a scan of the title's index (further in).
@pytest.mark.parametrize(("few", "walk"), [(20_000, 5_000), (3, 5_000), (3, 0)])
@pytest.mark.parametrize("column", [None, Column.TITLE, Column.DATE, Column.SPANS])
def test_a_text_filter_pages_and_positions_with_few_or_many_matches(listing, monkeypatch, few, walk, column):
    monkeypatch.setattr(document_pages, "FEW", few)
    monkeypatch.setattr(document_pages, "WALK", walk)
    rows = everything(listing)
    pages = listing.with_query(text="دمشق", column=column, descending=True)
    got = everything(pages)
    if listing.db.is_sqlite:  # (PostgreSQL has no index of names: it scans)
        assert pages._indexed is (few > 3) and pages._many is (few == 3)
    wanted = [d for d in rows if "دمشق" in d.title]
    assert len(wanted) > 3 and [d.id for d in got] == [
        d.id for d in sorted(wanted, key=expected_key(column), reverse=True)
    ]
    unread = listing.with_query(text="دمشق", column=column, descending=True)
    assert [unread.position(d.id) for d in got] == list(range(len(got)))
    assert unread.position(next(d.id for d in rows if d not in wanted)) is None


@pytest.mark.parametrize("few", [20_000, 3])
def test_sorting_a_filtered_listing_otherwise_keeps_its_count_not_its_order(listing, monkeypatch, few):
    """A filter naming many documents is counted once (a scan of every name at a million), not
    again at each sort; its rows, and a few's list of ids, come in the new order."""
    from sqlalchemy import event

    monkeypatch.setattr(document_pages, "FEW", few)
    pages = listing.with_query(text="دمشق", column=Column.TITLE)
    first = everything(pages)
    statements: list[str] = []
    event.listen(listing.db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    resorted = pages.with_query(column=Column.DATE, descending=True)
    rows = everything(resorted)
    counted = [s for s in statements if "count(" in s]
    assert (counted == []) is (few == 3 or not listing.db.is_sqlite)  # (PostgreSQL: a count is kept too)
    assert sorted(d.id for d in rows) == sorted(d.id for d in first)
    assert [d.id for d in rows] == [d.id for d in sorted(rows, key=expected_key(Column.DATE), reverse=True)]
    statements.clear()
    assert pages.with_query(status=Status.DONE).count() == sum(d.status is Status.DONE for d in first)
    assert statements  # another filter: counted anew (on SQLite by a count; on PostgreSQL its few ids listed)


@pytest.mark.sqlite_only("SQLite's index of names and its query plans")
def test_a_broad_filter_shows_its_first_rows_before_it_is_counted_elsewhere(listing, monkeypatch):
    """Counting a filter that names many documents is a scan of every name: the window shows
    the rows the index of names gives from the start, and takes the count (with the open
    document's row) made by another listing, as in another thread."""
    monkeypatch.setattr(document_pages, "FEW", 3)
    monkeypatch.setattr(document_pages, "WALK", 7)  # one page (PAGE is 7 here)
    wanted = sorted((d for d in everything(listing) if "دمشق" in d.title), key=expected_key(Column.DATE))
    pages = listing.with_query(text="دمشق", column=Column.DATE)
    estimate = pages.estimate()
    assert estimate is not None and estimate >= len(wanted) > 7
    shown = [pages.row(i) for i in range(estimate)]
    assert [d.id for d in shown[:7]] == [d.id for d in wanted[:7]] and shown[7:] == [None] * (estimate - 7)
    opened = wanted[-1].id
    assert pages.position(opened) is None and pages._count is None  # nothing counted here
    assert pages.position(wanted[1].id) == 1  # (on the first page, read already)
    counted = listing.with_query(text="دمشق", column=Column.DATE).counted(opened)
    assert not listing.with_query(text="حمص").adopt(counted)  # another filter's
    assert pages.adopt(counted) and not pages.adopt(counted)
    assert [d.id for d in everything(pages)] == [d.id for d in wanted]
    assert pages.position(opened) == len(wanted) - 1 and pages.estimate() is None
    resorted = listing.with_query(text="دمشق", column=Column.TITLE)
    assert resorted.estimate() is not None and resorted.adopt(counted)  # the count, in another order
    assert resorted.count() == len(wanted) and resorted.position(opened) == sorted(
        wanted, key=expected_key(Column.TITLE)
    ).index(next(d for d in wanted if d.id == opened))


@pytest.mark.sqlite_only("SQLite's index of names and its query plans")
def test_a_broad_filter_s_ids_in_order_made_elsewhere_answer_the_middle(listing, monkeypatch):
    """Once counted, a filter naming many documents waits for its ids in order, made elsewhere,
    to find positions (a count of the matches ahead); every page is read meanwhile."""
    monkeypatch.setattr(document_pages, "FEW", 3)
    monkeypatch.setattr(document_pages, "WALK", 3)
    wanted = sorted((d for d in everything(listing) if "دمشق" in d.title), key=expected_key(Column.DATE))
    pages = listing.with_query(text="دمشق", column=Column.DATE)
    assert pages.count() == len(wanted) > 20 and pages.expect_ids()
    assert pages.position(wanted[14].id) is None  # not looked for here
    assert [pages.row(i).id for i in (0, 7, len(wanted) - 1)] == [wanted[i].id for i in (0, 7, len(wanted) - 1)]
    assert pages.position(wanted[7].id) == 7  # (on a page read already)
    assert not pages.take_ids(listing.with_query(text="دمشق", column=Column.TITLE).ordered())  # another order
    assert pages.take_ids(listing.with_query(text="دمشق", column=Column.DATE).ordered())
    assert [d.id for d in everything(pages)] == [d.id for d in wanted]
    assert pages.position(wanted[14].id) == 14 and not pages.expect_ids()
    stepped = listing.with_query(text="دمشق", column=Column.DATE)  # found here meanwhile (a step), then put in order
    assert stepped.count() and stepped.expect_ids() and stepped.position(wanted[14].id) is None
    stepped.here()
    assert stepped.position(wanted[14].id) == 14
    assert stepped.take_ids(listing.with_query(text="دمشق", column=Column.DATE).ordered()) and stepped._ids is not None


@pytest.mark.sqlite_only("SQLite's index of names and its query plans")
@pytest.mark.parametrize("column", [None, *Column])
@pytest.mark.parametrize("descending", [False, True])
def test_every_order_is_read_from_an_index(listing, column, descending):
    """No order sorts the corpus in a temporary B-tree: status by the index on its workflow
    expression, span counts by the counts the triggers keep (a million rows sorted otherwise)."""
    pages = listing.with_query(column=column, descending=descending)
    query = pages._select(pages._id).order_by(*pages._order()).limit(7).offset(14)
    with pages.db.read() as session:
        connection = session.connection()
        compiled = query.compile(dialect=connection.dialect)
        plan = connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + str(compiled), tuple(compiled.params[k] for k in compiled.positiontup or ())
        ).fetchall()
    assert not any("TEMP B-TREE" in row[-1] for row in plan), plan
    assert len(everything(pages)) == pages.count() == 120


@pytest.mark.sqlite_only("SQLite's index of names and its query plans")
@pytest.mark.parametrize("status", [None, Status.DONE])
def test_a_text_filter_in_import_order_reads_no_document_row_to_list_its_matches(listing, status):
    """The matches' ids come from the index of names; in import order, the corpus's index holds
    all else that is asked (corpus and id), so no document's row (with its text) is read for
    them. With a status, the rows are read by id (the status is in them)."""
    from sqlalchemy import event

    pages = listing.with_query(text="دمشق", status=status)
    statements: list[tuple[str, tuple]] = []

    def seen(_connection, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(pages.db.engine, "before_cursor_execute", seen)
    try:
        count = pages.count()
    finally:
        event.remove(pages.db.engine, "before_cursor_execute", seen)
    assert count == len([d for d in everything(listing) if "دمشق" in d.title and status in (None, d.status)]) > 0
    [(statement, parameters)] = [s for s in statements if "document_names" in s[0] and "ORDER BY" in s[0]]
    with pages.db.read() as session:
        plan = " / ".join(
            row[-1]
            for row in session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
        )
    if status is None:
        assert "COVERING INDEX ix_documents_corpus_id" in plan and "PRIMARY KEY" not in plan, plan
    else:
        assert "INTEGER PRIMARY KEY" in plan, plan
