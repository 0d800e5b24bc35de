"""Tables. Offsets are code points of `documents.text`, end-exclusive.

Ids are never reused (SQLite AUTOINCREMENT): a window that still holds an id from before a
re-import can only miss, never hit another row. `document_state.version` and
`corpus_state.version` are change counters bumped by every write, so a window can notice another
process's changes with one cheap query. They live in narrow tables of their own on purpose: a
change to any column rewrites the whole row, and a document's row carries its text (a megabyte,
for some), a corpus's its schema (50 kB for ACE 2005).

Spans used by an event (as trigger or argument) or by a relation cannot be deleted while that
use exists: the foreign keys say NO ACTION, and services decide between refusing and cascading.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy import text as sql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from annotator.core.model import LayerKind, Status

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON}


NO_REUSE = {"sqlite_autoincrement": True}


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now(), onupdate=func.now())


class Corpus(Base):
    __tablename__ = "corpora"
    __table_args__ = (NO_REUSE,)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    schema_name: Mapped[str] = mapped_column(String(200))
    schema_json: Mapped[dict[str, Any]]  # the full schema, so a corpus keeps its labels
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class CorpusState(Base):
    """A corpus's change counter, bumped by any change inside it, in a narrow row."""

    __tablename__ = "corpus_state"
    corpus_id: Mapped[int] = mapped_column(ForeignKey("corpora.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, server_default="0")


class Annotator(Base):
    """A layer of annotations: a person's own (named as they are), `gold` (what adjudication
    accepts), or a model's suggestions. Every annotation belongs to exactly one (`annotator_id`);
    two layers never share a row, so annotators can work blind on one document."""

    __tablename__ = "annotators"
    __table_args__ = (NO_REUSE,)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), server_default=LayerKind.PERSON.value)


# A status's place in the workflow (new, in progress, done, reviewed), as SQL: the corpus pane sorts
# by it, from an index on this very expression (SQLite uses one only for the same expression).
WORKFLOW_ORDER = (
    "(CASE status " + " ".join(f"WHEN '{s.value}' THEN {i}" for i, s in enumerate(Status)) + f" ELSE {len(Status)} END)"
)
WORKFLOW_INDEX = "ix_documents_corpus_id_status_order"  # (Alembic cannot compare an expression's index)
STATUS_INDEX = "ix_documents_id_status"


class Document(Timestamps, Base):
    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("corpus_id", "uid"),
        Index(None, "corpus_id", "status"),
        Index("ix_documents_corpus_id", "corpus_id"),  # the corpus's documents in import (id) order
        # Every action reads its document's status (the workflow rule) and corpus; in the row they
        # lie past the text, which SQLite reads through to reach them: 270 µs on a 1 MB article
        # when another process wrote since, 29 µs from this index.
        Index(STATUS_INDEX, "id", "status", "corpus_id"),
        # The corpus pane's sort orders, read a page at a time (store/document_pages.py), ties
        # in id order; the title's also serves its text filter (title, source and id read from the
        # index, not the rows).
        Index("ix_documents_corpus_id_title", "corpus_id", "title", "id", "source", "uid"),
        Index(None, "corpus_id", "source"),
        Index(None, "corpus_id", "published"),
        Index(WORKFLOW_INDEX, "corpus_id", sql(WORKFLOW_ORDER)),
        NO_REUSE,
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    corpus_id: Mapped[int] = mapped_column(ForeignKey("corpora.id", ondelete="CASCADE"))
    uid: Mapped[str] = mapped_column(String(500))  # the stable id that imports and exports use
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str | None] = mapped_column(String(500))
    section: Mapped[str | None] = mapped_column(String(500))
    published: Mapped[datetime | None] = mapped_column(DateTime)
    url: Mapped[str | None] = mapped_column(Text)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    raw_text: Mapped[str | None] = mapped_column(Text)  # the page as imported, before --clean
    status: Mapped[str] = mapped_column(String(20), default="new")


class DocumentState(Base):
    """What every write checks and bumps, in a narrow row: the checksum and length of the text
    the writer's offsets must have been computed on, and the change counter. Also the document's
    corpus and span count, kept by triggers (store/span_counts.py), for the corpus pane's sort."""

    __tablename__ = "document_state"
    __table_args__ = (Index("ix_document_state_corpus_id_spans", "corpus_id", "spans"),)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    length: Mapped[int] = mapped_column(Integer)  # of the text, in code points
    version: Mapped[int] = mapped_column(Integer, server_default="0")
    corpus_id: Mapped[int] = mapped_column(Integer, server_default="0")
    spans: Mapped[int] = mapped_column(Integer, server_default="0")


class Span(Timestamps, Base):
    __tablename__ = "spans"
    __table_args__ = (
        UniqueConstraint("document_id", "start", "end", "label", "annotator_id"),
        CheckConstraint('start >= 0 AND "end" > start', name="offsets"),
        NO_REUSE,
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    subtype: Mapped[str | None] = mapped_column(String(200))
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    note: Mapped[str | None] = mapped_column(Text)  # an annotator's remark, e.g. a doubt for review


class Event(Timestamps, Base):
    __tablename__ = "events"
    __table_args__ = (NO_REUSE,)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(200))
    trigger_id: Mapped[int] = mapped_column(ForeignKey("spans.id"), index=True)
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    arguments: Mapped[list[EventArgument]] = relationship(
        cascade="all, delete-orphan", order_by="EventArgument.id", lazy="selectin"
    )


class EventArgument(Base):
    __tablename__ = "event_arguments"
    __table_args__ = (NO_REUSE,)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(200))
    span_id: Mapped[int] = mapped_column(ForeignKey("spans.id"), index=True)


class Relation(Timestamps, Base):
    __tablename__ = "relations"
    __table_args__ = (NO_REUSE,)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(200))
    head_id: Mapped[int] = mapped_column(ForeignKey("spans.id"), index=True)
    tail_id: Mapped[int] = mapped_column(ForeignKey("spans.id"), index=True)
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))


class History(Base):
    """Every change, append-only (store/history.py): who, when, what before and after."""

    __tablename__ = "history"
    __table_args__ = (NO_REUSE,)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(Integer, index=True)  # (no reference: it outlives the document)
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    who: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))  # add, change, delete, restore, accept, status, import
    kind: Mapped[str] = mapped_column(String(20))  # span, event, relation, document
    target_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[str | None] = mapped_column(Text)  # JSON of the annotation as it was
    after: Mapped[str | None] = mapped_column(Text)  # and as it is


class Assignment(Base):
    """A document given to an annotator, with where that annotator is in it (new, in progress,
    done); the document's own status is then the curators' (store/assignments.py)."""

    __tablename__ = "assignments"
    __table_args__ = (Index("ix_assignments_annotator_id_status", "annotator_id", "status", "document_id"),)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), server_default=Status.NEW.value)
    assigned_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
