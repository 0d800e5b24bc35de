"""The corpus pane's list, read from the database a page at a time: a million documents are
counted, sorted and filtered by the database (services never hold the whole list).

A row's position is its place in the query's order (sort column, then id). Pages are cached
until `invalidate`, which the window calls when the corpus changed. A text filter naming many
documents can be counted, and its ids put in order, elsewhere (`estimate`, `counted`, `adopt`;
`expect_ids`, `ordered`, `take_ids`): the window does both in the background and meanwhile shows
the rows it can read at once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import replace
from functools import cached_property
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    func,
    literal_column,
    not_,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session

from annotator.core.listing import Column, Counted, DocumentQuery, Ordered
from annotator.core.model import Status
from annotator.core.views import DocumentSummary
from annotator.store import name_index, queries
from annotator.store.database import Database
from annotator.store.models import (
    WORKFLOW_ORDER,
    Annotator,
    Assignment,
    Document,
    DocumentState,
)
from annotator.store.queries import contains
from annotator.store.search_index import trigram_terms

PAGE = 200
KEEP = 64  # pages kept (12,800 rows)
FEW = 50_000  # a text filter's matches kept as a list of ids (0.4 MB), not counted and paged by SQL
WALK = 5_000  # rows from an end within which a broad filter's page is read along the order's index


def _sort_key(column: Column | None) -> Any:
    """The value a column sorts by, each with its index: status in workflow order (the indexed
    expression itself), span counts as the triggers keep them in the documents' state rows."""
    if column is Column.TITLE:
        return Document.title
    if column is Column.SOURCE:
        return Document.source
    if column is Column.DATE:
        return Document.published
    if column is Column.STATUS:
        return literal_column(WORKFLOW_ORDER)
    if column is Column.SPANS:
        return DocumentState.spans
    return None


def _given(annotator: str, statuses: list[str] | None = None) -> Select[int]:
    """The ids of the documents given to an annotator (with their status in these)."""
    query = (
        select(Assignment.document_id)
        .join(Annotator, Annotator.id == Assignment.annotator_id)
        .where(Annotator.name == annotator)
    )
    return query.where(Assignment.status.in_(statuses)) if statuses is not None else query


def _holding(text: str, *, confirmed: bool = True) -> Select[Any]:
    """Ids of the documents whose title, source or id holds `text`, from the index of names
    (SQLite): the rows holding its trigrams, `confirmed` by LIKE on the names the index keeps."""
    names = table(name_index.TABLE, column("body"))
    query: Select[Any] = (
        select(literal_column("rowid"))
        .select_from(names)
        .where(literal_column(name_index.TABLE).op("MATCH")(trigram_terms(text)))
    )
    return query.where(names.c.body.like(contains(text), escape="\\")) if confirmed else query


class DocumentPages:
    """One query's rows: `count()`, `row(i)`, `position(document_id)`."""

    def __init__(self, db: Database, query: DocumentQuery) -> None:
        self.db, self.query = db, query
        self._count: int | None = None
        self._pages: OrderedDict[int, list[DocumentSummary]] = OrderedDict()
        self._ids: list[int] | None = None  # a text filter's matches in order, when few
        self._estimate: int | None = None  # while the count is made elsewhere (`estimate`)
        self._ordering = False  # while the ids in order are made elsewhere (`expect_ids`)
        self._positions: dict[int, int | None] = {}  # rows found with a count made elsewhere

    def with_query(self, **changes: Any) -> DocumentPages:
        """The same listing filtered or sorted otherwise. Sorted otherwise only, it keeps what
        was counted: a filter naming many documents is counted by a scan of every name (0.4 s
        at a million). Few are not: their ids are read anew in the new order."""
        pages = DocumentPages(self.db, replace(self.query, **changes))
        if pages.query.same_filter(self.query) and not ("_named" in self.__dict__ and self._indexed):
            pages._count, pages._estimate = self._count, self._estimate
            if "_named" in self.__dict__:
                pages.__dict__["_named"] = self._named
        return pages

    def id_of_uid(self, uid: str) -> int | None:
        """The document of the corpus with this id (whatever the filter)."""
        with self.db.read() as session:
            return session.scalar(
                select(Document.id).where(Document.corpus_id == self.query.corpus_id, Document.uid == uid)
            )

    def _cached(self, document_id: int) -> tuple[list[DocumentSummary], int, int] | None:
        """A cached page holding the document, the row's place in it and in the listing."""
        for number, page in self._pages.items():
            for at, row in enumerate(page):
                if row.id == document_id:
                    return page, at, number * PAGE + at
        return None

    def patch(self, document_id: int, **fields: Any) -> int | None:
        """Change a cached row in place (after the window's own edit: no read); its row, if cached."""
        found = self._cached(document_id)
        if found is None:
            return None
        page, at, row = found
        page[at] = replace(page[at], **fields)
        return row

    def invalidate(self) -> None:
        self._count, self._ids, self._estimate, self._ordering = None, None, None, False
        self._pages.clear()
        self._positions.clear()

    def estimate(self) -> int | None:
        """For a text filter naming more than FEW documents, whose count is a scan of every name
        (0.4 s at a million): how many the index of names gives (tens of ms), at least the count
        and nearly always it. Until `adopt` takes the count made elsewhere (`counted`, in another
        thread), pages are read from the start only and positions are not looked for. None
        when `count()` is quick, or known."""
        if self._count is not None or not self._many:
            return None
        if self._estimate is None:
            with self.db.read() as session:
                self._estimate = (
                    session.scalar(
                        select(func.count()).select_from(_holding(self.query.text.strip(), confirmed=False).subquery())
                    )
                    or 0
                )
        return self._estimate

    def counted(self, document_id: int | None = None) -> Counted:
        """The count, made here for a listing elsewhere (`adopt`), with a document's row."""
        count = self.count()
        return Counted(
            self.query, count, self._ids, document_id, self.position(document_id) if document_id is not None else None
        )

    def adopt(self, counted: Counted) -> bool:
        """Take a count made elsewhere for this listing's filter (in whatever order); False if
        the filter is another (it changed meanwhile), or this listing is counted already. A few
        matches' ids and the document's row are taken only in the same order."""
        if not counted.query.same_filter(self.query) or self._count is not None:
            return False
        self._count, self._estimate = counted.count, None
        if counted.query == self.query:
            self._ids = counted.ids
            if counted.document_id is not None:
                self._positions[counted.document_id] = counted.position
        return True

    def expect_ids(self) -> bool:
        """Whether a counted filter naming more than FEW documents wants its ids in order, which
        answer every page and position at once (1-5 s to make at a million, a list of 13 MB for
        378,199; a page in the middle costs 0.6 s without them, a position 0.4 s). Until
        `take_ids` takes them, made elsewhere (`ordered`), positions are looked for on the
        first page only."""
        self._ordering = self._count is not None and self._ids is None and self._many
        return self._ordering

    def ordered(self) -> Ordered:
        """The listing's ids in its order, made here for a listing elsewhere (`take_ids`):
        through the index of names (the title's index would read every row past its text to
        sort by date)."""
        with self.db.read() as session:
            batches = queries.batches(
                session.connection(), self._select(self._id, named=True).order_by(*self._order()), size=10_000
            )
            return Ordered(self.query, [row[0] for batch in batches for row in batch])

    def take_ids(self, ordered: Ordered) -> bool:
        """Take the ids in order made elsewhere for this very listing (also after `here`: they
        still spare every later page and position); False if they are for another one (the
        filter or the order changed meanwhile), or it has its ids already."""
        if ordered.query != self.query or self._ids is not None:
            return False
        self._ids, self._count, self._ordering = ordered.ids, len(ordered.ids), False
        return True

    def here(self) -> None:
        """Read every page and position here from now on, instead of waiting for ids in order."""
        self._ordering = False

    def condition(self, *, named: bool | None = None) -> ColumnElement[bool]:
        """The listing's documents. `named`: the text filter as the index of names answers it
        (by default, when it names few)."""
        q = self.query
        conditions: list[ColumnElement[bool]] = [Document.corpus_id == q.corpus_id]
        if q.status is not None:
            conditions.append(Document.status == q.status.value)
        if q.assigned_to is not None:
            conditions.append(Document.id.in_(_given(q.assigned_to)))
        text = q.text.strip()
        if text and (self._indexed if named is None else named):  # no document read to find the matches
            conditions.append(Document.id.in_(_holding(text)))
        elif text:
            pattern = contains(text)
            # Latin letters without regard to case, as SQLite's LIKE (PostgreSQL's LIKE minds case)
            sqlite = self.db.engine.dialect.name == "sqlite"
            conditions.append(
                or_(
                    *(
                        (column.like if sqlite else column.ilike)(pattern, escape="\\")
                        for column in (Document.title, Document.source, Document.uid)
                    )
                )
            )
        return and_(*conditions)

    @cached_property
    def _named(self) -> int | None:
        """How many documents the index of names names for the text filter (at most FEW + 1),
        or None where it cannot answer (PostgreSQL, fewer than three letters, a line break)."""
        text = self.query.text.strip()
        if self.db.engine.dialect.name != "sqlite" or not name_index.indexed(text):
            return None
        with self.db.read() as session:
            return (
                session.scalar(
                    select(func.count()).select_from(_holding(text, confirmed=False).limit(FEW + 1).subquery())
                )
                or 0
            )  # (the trigrams alone: no names read)

    @property
    def _indexed(self) -> bool:
        """Whether the text filter is answered by the index of names: when it names at most FEW
        documents. One naming more ("doc" of "doc-0999", a source's name) is counted by a scan
        of the title's index, and its pages are read along the order's own index (`_read`)."""
        return self._named is not None and self._named <= FEW

    @property
    def _many(self) -> bool:
        """Whether the text filter, named by the index of names, matches more than FEW documents
        (until counted, whether it names more)."""
        return self._named is not None and not self._indexed and (self._count is None or self._count > FEW)

    def _select(self, *columns: Any, documents: bool = False, named: bool | None = None) -> Select[Any]:
        """The listing's rows. Sorted by span count, the documents are joined with their state
        rows; unfiltered (and unless `documents` are asked for), the state rows alone: their
        (corpus, spans) index is walked, and no document is read for the rows a page skips."""
        if self.query.column is not Column.SPANS:
            return select(*columns).select_from(Document).where(self.condition(named=named))
        mine = DocumentState.corpus_id == self.query.corpus_id
        if not (self.query.filtered or documents):
            return select(*columns).select_from(DocumentState).where(mine)
        return (
            select(*columns)
            .select_from(Document)
            .join(DocumentState, DocumentState.document_id == Document.id)
            .where(self.condition(named=named), mine)
        )

    @property
    def _id(self) -> Any:
        return DocumentState.document_id if self.query.column is Column.SPANS else Document.id

    def _run(self, session: Session, query: Select[Any], *, walk: bool = False) -> list[Any]:
        """The rows of a query on the listing. Filtered by text on SQLite, the documents are read
        by their ids alone when the index of names gives them (NOT INDEXED: the planner would
        rather walk the title's index, a million entries, than look up a few rows), or, in import
        order without a status, only the corpus's index is (it holds corpus and id); else the
        filter is matched in the title's index, which holds title, source and id (the planner
        would take the corpus's index and read the rows, whose source is stored after the text:
        seconds at a million). SQLAlchemy's SQLite dialect drops table hints: they are written in."""
        connection = session.connection()
        if connection.dialect.name != "sqlite" or not self.query.text.strip() or (walk and self._many):
            return list(session.execute(query).all())
        compiled = query.compile(dialect=connection.dialect)
        if self._indexed and self.query.column is None and self.query.status is None:
            # (a common word's 20,408 documents in half the time of reading their rows)
            sql = str(compiled).replace("FROM documents", "FROM documents INDEXED BY ix_documents_corpus_id", 1)
        elif self._indexed:
            sql = (
                str(compiled)
                .replace("FROM documents", "FROM documents NOT INDEXED", 1)
                .replace("JOIN document_state", "JOIN document_state NOT INDEXED", 1)
            )  # (sorted by span count)
        else:
            sql = str(compiled).replace("FROM documents", "FROM documents INDEXED BY ix_documents_corpus_id_title", 1)
        return list(
            connection.exec_driver_sql(sql, tuple(compiled.params[k] for k in compiled.positiontup or ())).all()
        )  # (fetched at once: a row at a time is a third of the time)

    def _order(self, reverse: bool = False, *, few: bool = False) -> list[Any]:
        """Ascending with NULLs first (SQLite's own order, so its indexes serve), or the exact
        reverse, on every backend. For `few` rows (named by the index) the key is taken as +key,
        which SQLite reads from no index: it sorts the few instead of walking a million entries
        of the sort's index to find them."""
        key = _sort_key(self.query.column)
        if few and key is not None:
            key = literal_column("+" + str(key.compile(compile_kwargs={"literal_binds": True})))
        if self.query.descending != reverse:
            return ([] if key is None else [key.desc().nulls_last()]) + [self._id.desc()]
        return ([] if key is None else [key.asc().nulls_first()]) + [self._id.asc()]

    def count(self) -> int:
        """The rows of the listing. A text filter is matched through the index of names or by a
        scan; when it matches at most FEW documents, their ids are kept in order, and answer every
        page and position."""
        if self._count is None:
            with self.db.read() as session:
                if self._named is not None and not self._indexed:  # many named: counted first
                    self._count = self._run(session, self._select(func.count()))[0][0]
                    if self._many:
                        return self._count
                if self.query.text.strip():
                    ids = [
                        r[0]
                        for r in self._run(
                            session, self._select(self._id).order_by(*self._order(few=self._indexed)).limit(FEW + 1)
                        )
                    ]
                    if len(ids) <= FEW:
                        self._ids, self._count = ids, len(ids)
                        return self._count
                self._count = self._run(session, self._select(func.count()))[0][0]
        return self._count

    def row(self, index: int) -> DocumentSummary | None:
        """The row at `index`, reading its page if needed (None past the end, or not yet
        known while counted elsewhere)."""
        number, at = divmod(index, PAGE)
        page = self._pages.get(number)
        if page is None:
            if self._estimate is not None and self._count is None and number * PAGE >= WALK:
                return None  # (read once counted elsewhere: its place from the end is not known yet)
            page = self._read(number * PAGE)
            self._pages[number] = page
            while len(self._pages) > KEEP:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[at] if at < len(page) else None

    def _read(self, offset: int) -> list[DocumentSummary]:
        """A page: its ids from the sort's index (no row read for the skipped ones), then its rows.
        A page in the second half is read from the end, in the reverse order: the last page costs
        what the first does (an index is walked from either end)."""
        total = self._estimate if self._count is None and self._estimate is not None else self.count()
        size = min(PAGE, total - offset)
        if size <= 0:
            return []
        reverse = offset > total // 2 and self._count is not None  # (until counted, from the start only)
        # A broad text filter's page: near an end, along the order's index, its rows matched as
        # they come; further in, along the same index against the ids the index of names gives
        # (no row read, as a title or source stored after the text would need); by title, in
        # the title's index, which holds all three.
        near_an_end = min(offset, total - offset - size) <= WALK
        through_names = self._many and not near_an_end and self.query.column is not Column.TITLE
        ids_query = (
            self._select(self._id, named=through_names or None)
            .order_by(*self._order(reverse))
            .limit(size)
            .offset(total - offset - size if reverse else offset)
        )
        with self.db.read() as session:
            ids = (
                self._ids[offset : offset + size]
                if self._ids is not None
                else [r[0] for r in self._run(session, ids_query, walk=near_an_end or through_names)]
            )
            if reverse and self._ids is None:
                ids.reverse()
            if not ids:
                return []
            rows = {
                r[0]: r
                for r in session.execute(
                    select(
                        Document.id,
                        Document.uid,
                        Document.title,
                        Document.source,
                        Document.published,
                        Document.status,
                        DocumentState.spans,
                    )
                    .join(DocumentState)
                    .where(Document.id.in_(ids))
                )
            }
        return [
            DocumentSummary(i, uid, title or uid, source or "", published, Status(status), n)
            for i, uid, title, source, published, status, n in (rows[i] for i in ids if i in rows)
        ]

    def _before(self, session: Session, document_id: int) -> ColumnElement[bool] | None:
        """The rows ahead of a document in ascending order; None if the query leaves it out."""
        key, id_ = _sort_key(self.query.column), self._id
        mine = session.execute(self._select(id_, key if key is not None else id_).where(id_ == document_id)).first()
        if mine is None:
            return None
        if key is None:
            earlier: ColumnElement[bool] = id_ < document_id
            return earlier
        if mine[1] is None:  # NULLs come first
            return and_(key.is_(None), id_ < document_id)
        # Compared with the stored value itself (a date read back and bound again may be
        # written otherwise: "10:00:00" against "10:00:00.000000").
        value = select(key).select_from(id_.table).where(id_ == document_id).scalar_subquery()
        return or_(key.is_(None), key < value, and_(key == value, id_ < document_id))

    def position(self, document_id: int) -> int | None:
        """The row of a document in this query's order; None if the query leaves it out (a
        descending order is the exact reverse of the ascending one). A row on a page read already
        (the one just clicked) costs no query."""
        found = self._cached(document_id)
        if found is not None:
            return found[2]
        if document_id in self._positions:
            return self._positions[document_id]
        if (self._count is None and self._estimate is not None) or (self._ordering and self._ids is None):
            self.row(0)  # (looked for elsewhere; the first page, which the view reads anyway, may hold it)
            found = self._cached(document_id)
            return found[2] if found is not None else None
        self.count()
        if self._ids is not None:
            return self._ids.index(document_id) if document_id in self._ids else None
        with self.db.read() as session:
            before = self._before(session, document_id)
            if before is None:
                return None
            ahead: int = self._run(session, self._select(func.count()).where(before))[0][0]
        return self.count() - 1 - ahead if self.query.descending else ahead

    def next_with_status(self, document_id: int | None, statuses: Iterable[Status]) -> int | None:
        """The first document after this one (round to the start) whose status is one of these
        (in a queue, the annotator's own status in it)."""
        values = [s.value for s in statuses]
        # In an annotator's queue, their own status in each document (a document given to two
        # is in progress until both are done).
        wanted = (
            Document.id.in_(_given(self.query.assigned_to, values))
            if self.query.assigned_to is not None
            else Document.status.in_(values)
        )
        first = self._select(self._id, documents=True).where(wanted).order_by(*self._order()).limit(1)
        with self.db.read() as session:
            before = self._before(session, document_id) if document_id is not None else None
            if before is not None:
                after = before if self.query.descending else not_(before)
                found: int | None = session.scalar(first.where(after, self._id != document_id))
                if found is not None:
                    return found
            found = session.scalar(first.where(self._id != (document_id or 0)))
        return found
