"""Two real PostgreSQL users annotate the same documents, each in their own layer, which the
database enforces; a curator merges them into gold. The annotator is the database user, not a
setting anyone can change."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError
from annotator.services import adjudication as adj
from annotator.services.corpora import annotator_for, open_corpus
from annotator.services.editing import DocumentEditor
from annotator.services.exporting import export_corpus
from annotator.services.workspace import Workspace
from annotator.store import annotations
from tests.conftest import GOLD, list_documents, team_databases


@pytest.fixture
def team(postgres, postgres_url):
    """The sample corpus, and users ali and mona (annotators) and cura (a curator)."""
    with team_databases(postgres, postgres_url, GOLD) as databases:
        yield databases


def test_two_users_annotate_blind_and_a_curator_merges_into_gold(team, ace, tmp_path, monkeypatch):
    admin, users = team
    monkeypatch.setenv("ANNOTATOR_USER", "someone-else")  # a setting does not make anyone another annotator
    assert [annotator_for(users[u]) for u in ("ali", "mona")] == ["ali", "mona"]
    documents = list_documents(admin, corpus_id=open_corpus(admin).id)[:3]
    editors = {}
    for user in ("ali", "mona"):
        for doc in documents:
            editor = Workspace(users[user], corpus=open_corpus(users[user]), annotator=annotator_for(users[user])).open(
                doc.id
            )
            start = editor.text.index(" ") + 1
            end = editor.text.index(" ", start)
            editor.add_span(start, end, "PER" if user == "ali" or doc is documents[0] else "ORG")
            editors[(user, doc.id)] = editor
    ali = editors[("ali", documents[0].id)]
    ali.reload()
    assert {s.annotator for s in ali.spans.values()} == {"ali"}  # blind: mona's work is not shown to ali
    mona_span = next(
        s
        for s in DocumentEditor(users["cura"], schema=ace, annotator="cura", document_id=documents[0].id).spans.values()
        if s.annotator == "mona"
    )
    # past the window, straight through the services on ali's connection: the database refuses
    for write in (
        lambda: annotations.update_span(
            users["ali"],
            schema=ace,
            doc=ali.ref,
            span_id=mona_span.id,
            old={"label": mona_span.label},
            new={"label": "GPE"},
        ),
        lambda: annotations.delete_span(users["ali"], doc=ali.ref, span_id=mona_span.id),
    ):
        with pytest.raises(AnnotatorError, match=r"you \(ali\) may change only your own layer; this is mona's"):
            write()
    sneaky = DocumentEditor(users["ali"], schema=ace, annotator="gold", document_id=documents[0].id)
    with pytest.raises(AnnotatorError, match="this is gold's"):
        sneaky.add_span(0, 3, "GPE")

    merged = []
    for doc in documents:
        session = adj.open_adjudication(users["cura"], schema=ace, document_id=doc.id, layers=["ali", "mona"])
        agreed = adj.accept_agreed(session)
        for group in session.groups:
            if not session.in_gold(group):
                adj.accept_layer(session, group, "ali")
        adj.finish(session)
        merged.append((doc.uid, agreed))
    assert len(merged[0][1].spans) == 1 and all(not copied for _, copied in merged[1:])  # only doc 1 agreed
    out = tmp_path / "gold.jsonl"
    export_corpus(admin, out)
    assert out.exists()
