"""Commands for a team on one corpus: agreement between annotators' layers."""

from __future__ import annotations

import csv
import sys
from enum import StrEnum
from typing import Annotated

import orjson
import typer

from annotator.cli import app, database
from annotator.cli.terminal import BidiMode, for_display, needs_shaping
from annotator.core.model import DEFAULT_CORPUS, Status


class Output(StrEnum):
    TEXT = "text"
    JSON = "json"
    CSV = "csv"


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


@app.command("agreement")
def agreement_command(
    layer: Annotated[
        list[str] | None,
        typer.Option(
            help="A layer to compare (an annotator's name); repeatable. Default: every annotator's own layer."
        ),
    ] = None,
    corpus: Annotated[str, typer.Option(help="Corpus to measure.")] = DEFAULT_CORPUS,
    status: Annotated[
        list[str] | None, typer.Option(help=f"Only documents with this status ({', '.join(Status)}); repeatable.")
    ] = None,
    output: Annotated[
        Output, typer.Option("--output", "-o", help="text, json or csv (on standard output).")
    ] = Output.TEXT,
    worst: Annotated[int, typer.Option(help="Text: list this many documents, least agreed first.", min=0)] = 10,
    bidi: Annotated[
        BidiMode, typer.Option(help="Shape Arabic for terminals without bidi support: auto, always or never.")
    ] = BidiMode.AUTO,
) -> None:
    """How far annotators agree, over the documents two or more of them annotated: span F1
    (exact and overlap, with and without labels, per label), Cohen's kappa on tokens for each
    pair, Krippendorff's alpha for all, event trigger and argument F1, relation F1."""
    from annotator.core.agreement import as_json, rows
    from annotator.services.agreement import corpus_agreement

    result = corpus_agreement(database(), corpus=corpus, layers=layer or (), statuses=status or ())
    if output is Output.JSON:
        sys.stdout.buffer.write(orjson.dumps(as_json(result), option=orjson.OPT_INDENT_2) + b"\n")
        return
    if output is Output.CSV:
        table = rows(result)
        writer = csv.DictWriter(sys.stdout, fieldnames=list(table[0]) if table else ["reference"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
        return
    shape = needs_shaping(bidi)
    typer.echo(
        f"{len(result.layers)} layers ({', '.join(result.layers)}) over {result.documents} documents "
        "annotated by two or more"
    )
    typer.echo(f"Krippendorff's alpha (tokens, nominal): {_figure(result.alpha)}")
    for pair in result.pairs:
        exact, overlap = pair.spans["exact"], pair.spans["overlap"]
        typer.echo(f"\n{pair.reference} ~ {pair.other}: {pair.documents} documents, {pair.tokens} tokens")
        typer.echo(
            f"  spans F1: exact {_figure(exact.f1)} (P {_figure(exact.precision)}, R {_figure(exact.recall)}), "
            f"overlap {_figure(overlap.f1)}; without labels: exact {_figure(pair.spans['exact_unlabelled'].f1)}, "
            f"overlap {_figure(pair.spans['overlap_unlabelled'].f1)}"
        )
        typer.echo(f"  Cohen's kappa (tokens): {_figure(pair.kappa)}")
        typer.echo(
            f"  event triggers F1 {_figure(pair.triggers.f1)}, arguments F1 {_figure(pair.arguments.f1)}, "
            f"relations F1 {_figure(pair.relations.f1)}"
        )
        for label, score in sorted(pair.by_label.items(), key=lambda item: (item[1].f1 or 0, item[0])):
            typer.echo(
                f"    {label:<24} F1 {_figure(score.f1)}  ({score.matched:g} matched of "
                f"{score.reference} and {score.other})"
            )
    shown = sorted((d for d in result.per_document if d.disagreements), key=lambda d: (d.f1 or 0, d.uid))[:worst]
    if shown:
        typer.echo("\nleast agreed documents (spans, exact):")
        for d in shown:
            typer.echo(
                f"  {_figure(d.f1)}  {d.disagreements:>4} apart  {d.reference} ~ {d.other}  {for_display(d.uid, shape)}"
            )


@app.command("adjudicate")
def adjudicate_command(
    document: Annotated[str, typer.Argument(help="The document's id (as imported).")],
    layer: Annotated[
        list[str] | None,
        typer.Option(
            help="A layer to compare; repeatable. Default: every annotator's own layer with annotations in the document."
        ),
    ] = None,
    accept: Annotated[
        list[str] | None,
        typer.Option(
            help="Accept into gold what LAYER has at place N (as listed): N:LAYER, or N:all for every side; repeatable."
        ),
    ] = None,
    accept_agreed: Annotated[
        bool, typer.Option("--accept-agreed", metavar="", help="Accept into gold everything the layers agree on.")
    ] = False,
    finish: Annotated[bool, typer.Option("--finish", metavar="", help="Then mark the document adjudicated.")] = False,
    corpus: Annotated[str, typer.Option(help="Corpus of the document.")] = DEFAULT_CORPUS,
    bidi: Annotated[
        BidiMode, typer.Option(help="Shape Arabic for terminals without bidi support: auto, always or never.")
    ] = BidiMode.AUTO,
) -> None:
    """One document's layers side by side, each place numbered and marked (agreed, label or
    boundary conflict, role conflict, missing in a layer); choices accepted into gold."""
    from annotator.core.alignment import AlignedEvent, AlignedSpan
    from annotator.core.errors import AnnotatorError
    from annotator.core.listing import DocumentQuery
    from annotator.services import adjudication as adj
    from annotator.services.corpora import find_corpus
    from annotator.services.handles import DocumentPages

    db = database()
    target = find_corpus(db, corpus)
    document_id = DocumentPages(db, DocumentQuery(target.id)).id_of_uid(document)
    if document_id is None:
        raise AnnotatorError(f"no document {document!r} in corpus {corpus!r}")
    session = adj.open_adjudication(db, schema=target.schema, document_id=document_id, layers=layer or ())
    places = list(session.groups)
    if accept_agreed:
        copied = adj.accept_agreed(session)
        typer.echo(
            f"accepted what the layers agree on: {len(copied.spans)} spans, {len(copied.events)} events, "
            f"{len(copied.relations)} relations new in gold"
        )
    for choice in accept or ():
        number, _, side = choice.partition(":")
        if not number.isdigit() or not 1 <= int(number) <= len(places) or side not in (*session.layers, "all"):
            raise AnnotatorError(
                f"{choice!r}: give N:LAYER with N from 1 to {len(places)} and LAYER one of "
                f"{', '.join(session.layers)}, or all"
            )
        group = places[int(number) - 1]
        adj.accept(session, group.items if side == "all" else group.of(side))
    if finish:
        adj.finish(session)
    shape = needs_shaping(bidi)
    text = session.document.text
    typer.echo(
        f"{for_display(session.document.uid, shape)}: {' ~ '.join(session.layers)}, {session.document.status.value}"
    )
    for place, group in enumerate(places, 1):
        sides = session.sides_in_gold(group)
        mark = "in gold" if session.in_gold(group) else f"gold has {', '.join(sides)}'s side" if sides else ""
        typer.echo(f"{place:>3}. {group.kind:<8} {group.verdict.value:<18} {mark}")
        for item in group.items:
            if isinstance(item, AlignedSpan):
                what = f"{item.label} [{item.start}, {item.end}) «{for_display(text[item.start : item.end], shape)}»"
            elif isinstance(item, AlignedEvent):
                what = f"{item.type} at [{item.trigger[0]}, {item.trigger[1]}): " + ", ".join(
                    f"{role} [{start}, {end})" for role, start, end, _ in sorted(item.arguments)
                )
            else:
                what = f"{item.type} [{item.head[0]}, {item.head[1]}) → [{item.tail[0]}, {item.tail[1]})"
            typer.echo(f"       {item.layer:<12} {what}")
        if group.missing:
            typer.echo(f"       (none in {', '.join(group.missing)})")


@app.command("grant")
def grant_command(
    user: Annotated[str, typer.Argument(help="A PostgreSQL user (made by an administrator).")],
    curator: Annotated[
        bool,
        typer.Option(
            "--curator/--annotator", help="A curator writes any layer, gold included; an annotator only their own."
        ),
    ] = False,
) -> None:
    """PostgreSQL: let a database user annotate in this database (their own layer only, which
    the database itself enforces), or curate (any layer)."""
    from annotator.services.corpora import grant_access

    grant_access(database(), user, curator=curator)
    typer.echo(f"{user} may now {'curate (write any layer)' if curator else 'annotate (write their own layer)'}")


@app.command("history")
def history_command(
    document: Annotated[str, typer.Argument(help="The document's id (as imported).")],
    corpus: Annotated[str, typer.Option(help="Corpus of the document.")] = DEFAULT_CORPUS,
    json_lines: Annotated[bool, typer.Option("--json", metavar="", help="One JSON object a line.")] = False,
) -> None:
    """Every change to a document's annotations and status: when, who, what, before and after."""
    from annotator.core.errors import AnnotatorError, printable
    from annotator.core.listing import DocumentQuery
    from annotator.services.changes import document_history
    from annotator.services.corpora import find_corpus
    from annotator.services.handles import DocumentPages

    db = database()
    document_id = DocumentPages(db, DocumentQuery(find_corpus(db, corpus).id)).id_of_uid(document)
    if document_id is None:
        raise AnnotatorError(f"no document {document!r} in corpus {corpus!r}")
    for entry in document_history(db, document_id=document_id):
        if json_lines:
            sys.stdout.buffer.write(orjson.dumps(entry.__dict__) + b"\n")
            continue
        change = " → ".join(
            printable(orjson.dumps(v).decode(), 200) for v in (entry.before, entry.after) if v is not None
        )
        typer.echo(
            f"{entry.at[:19]}  {printable(entry.who):<12} {entry.action} {entry.kind} "
            f"{entry.target_id if entry.target_id is not None else ''}  {change}"
        )


@app.command("assign")
def assign_command(
    to: Annotated[list[str], typer.Option("--to", help="An annotator to give documents to; repeatable.")],
    document: Annotated[
        list[str] | None, typer.Option(help="A document's id; repeatable. Default: the corpus's (with --status).")
    ] = None,
    status: Annotated[Status | None, typer.Option(help="Only documents with this status.")] = None,
    sample: Annotated[int | None, typer.Option(help="A random sample of this many of them.", min=1)] = None,
    overlap: Annotated[float, typer.Option(help="The share given to two annotators, for agreement (0 to 1).")] = 0.0,
    seed: Annotated[int, typer.Option(help="The random sample's and order's seed.")] = 0,
    corpus: Annotated[str, typer.Option(help="Corpus of the documents.")] = DEFAULT_CORPUS,
) -> None:
    """Give documents to annotators, each to one in turn and a share of them to two."""
    from annotator.core.errors import AnnotatorError
    from annotator.core.listing import DocumentQuery
    from annotator.services.assignments import assign
    from annotator.services.corpora import find_corpus
    from annotator.services.handles import DocumentPages

    db = database()
    target = find_corpus(db, corpus)
    ids = None
    if document:
        pages = DocumentPages(db, DocumentQuery(target.id))
        found = {uid: pages.id_of_uid(uid) for uid in document}
        missing = [uid for uid, i in found.items() if i is None]
        if missing:
            raise AnnotatorError(f"no document {', '.join(map(repr, missing))} in corpus {corpus!r}")
        ids = [i for i in found.values() if i is not None]
    made = assign(
        db,
        corpus_id=target.id,
        annotators=to,
        document_ids=ids,
        status=status,
        sample=sample,
        overlap=overlap,
        seed=seed,
    )
    for name, n in made.items():
        typer.echo(f"{name}: {n} new document{'' if n == 1 else 's'}")


@app.command("queue")
def queue_command(
    annotator: Annotated[str | None, typer.Option(help="Whose queue (default: yours).")] = None,
    corpus: Annotated[str, typer.Option(help="Corpus.")] = DEFAULT_CORPUS,
    bidi: Annotated[
        BidiMode, typer.Option(help="Shape Arabic for terminals without bidi support: auto, always or never.")
    ] = BidiMode.AUTO,
) -> None:
    """The documents given to an annotator, with their status in each: in progress, new, done."""
    from annotator.services.assignments import queue
    from annotator.services.corpora import annotator_for, find_corpus

    db = database()
    shape = needs_shaping(bidi)
    for item in queue(db, annotator=annotator or annotator_for(db), corpus_id=find_corpus(db, corpus).id):
        typer.echo(f"{item.status.value:<12} {for_display(item.uid, shape)}  {for_display(item.title, shape)}")
