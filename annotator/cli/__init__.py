"""The command line: `annotator [--db URL] import|export|formats|search|schema|stats|gui`.

User errors print one line on stderr and exit with status 1; usage errors exit with 2.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from annotator import __version__
from annotator.cli.terminal import BidiMode, for_display, needs_shaping
from annotator.core.errors import AnnotatorError, InputError, one_line, printable
from annotator.core.find import Kind
from annotator.core.location import ENV_VAR, as_url, default_url
from annotator.core.model import DEFAULT_CORPUS, Status
from annotator.formats.base import Clitics, ExportOptions, Nested
from annotator.formats.registry import FORMATS, WRITERS

if TYPE_CHECKING:
    from annotator.core.progress import Progress, Tick
    from annotator.services.handles import Database

# The database, the services and the schemas are imported by the commands that use them:
# `annotator --help` starts in a fraction of the time (SQLAlchemy and Alembic alone take 0.3 s).

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # click's plain help: rich's would add 0.1 s to every --help
    help="Annotate Arabic news: entities, events, relations; import and export corpora.",
)


class State:
    db_url: str = ""


def database(*, create: bool = False) -> Database:
    """The database of --db. Only `import` may create one (and says so): a mistyped path given
    to a command that only reads is an error, not a new empty database."""
    configure_logging()
    from annotator.services.handles import Database

    return Database.open(State.db_url, create=create)


def progress_bar(description: str) -> Progress | None:
    """A progress callback drawing on stderr when it is a terminal (documents, their rate and the
    time left), else None."""
    if not sys.stderr.isatty():
        return None
    from rich.progress import Progress as Bar

    bar = Bar(*Bar.get_default_columns(), "{task.fields[rate]}", transient=True, console=None)
    task = bar.add_task(description, total=None, rate="")
    bar.start()

    def update(tick: Tick) -> None:
        bar.update(
            task, completed=tick.done, total=tick.total, rate=f"{tick.documents:,} documents, {tick.rate:,.0f}/s"
        )
        if tick.done >= tick.total:
            bar.stop()

    return update


def version(value: bool) -> None:
    if value:
        typer.echo(f"annotator {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar=ENV_VAR,
            help="SQLAlchemy URL or SQLite file path; default: a file in the user's data folder.",
        ),
    ] = None,
    _version: Annotated[
        bool, typer.Option("--version", callback=version, is_eager=True, metavar="", help="Show the version.")
    ] = False,
) -> None:
    State.db_url = as_url(db) if db else default_url()


@app.command("import")
def import_command(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .jsonl) or folders, searched recursively.")],
    corpus: Annotated[str, typer.Option(help="Corpus to import into; made if new.")] = DEFAULT_CORPUS,
    schema: Annotated[str | None, typer.Option(help="Schema for a new corpus: a bundled name or a file.")] = None,
    encoding: Annotated[str, typer.Option(help="Encoding of the files, e.g. windows-1256.")] = "utf-8",
    clean: Annotated[
        bool,
        typer.Option(
            "--clean",
            metavar="",
            help="Recognise title, source, section and date in scraped news pages and drop page furniture.",
        ),
    ] = False,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", metavar="", help="Import the valid documents and report the rest.")
    ] = False,
    annotator: Annotated[
        str | None,
        typer.Option(help="Annotator for annotations that name none (default: ANNOTATOR_USER or your user name)."),
    ] = None,
    layer: Annotated[
        str | None,
        typer.Option(help="Put every annotation read into this layer (e.g. gold), whatever annotator the file names."),
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="OLD=NEW",
            help="Rename a label as it is read (ANERcorp's PERS=PER); OLD= leaves those spans out. Repeatable.",
        ),
    ] = None,
) -> None:
    """Import documents, with their annotations when the files carry any.

    A document already there with the same text is merged: new annotations are added, identical
    ones kept once, differing ones reported as conflicts (the stored one stays), and the status
    only moves forward."""
    from annotator.services.importing import import_paths

    db = database(create=True)
    report = import_paths(
        db,
        paths,
        corpus=corpus,
        schema=schema,
        encoding=encoding,
        clean=clean,
        skip_invalid=skip_invalid,
        annotator=annotator,
        layer=layer,
        mapping=label_mapping(map_ or []),
        progress=progress_bar("reading"),
    )
    for kind, problems in (("skipped", report.skipped), ("warning", report.warnings), ("conflict", report.conflicts)):
        for problem in problems:
            typer.echo(f"{kind} {problem}", err=True)
        if problems.more:
            typer.echo(f"{kind}: and {problems.more} more", err=True)
    if db.created:
        typer.echo(f"created a new database: {printable(str(db.path or db.url))}", err=True)
    typer.echo(
        f"imported {plural(len(report.added), 'new document')}; added {plural(report.spans, 'span')}, "
        f"{plural(report.events, 'event')}, {plural(report.relations, 'relation')}; "
        f"{len(report.merged)} merged, {len(report.updated)} replaced, "
        f"{len(report.unchanged)} already there unchanged, {len(report.conflicts)} conflicts, "
        f"{len(report.skipped)} skipped"
    )


def label_mapping(pairs: list[str]) -> dict[str, str]:
    from annotator.services.importing import parse_mapping

    try:
        return parse_mapping(pairs)
    except AnnotatorError as e:
        raise typer.BadParameter(str(e), param_hint="--map") from None


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@app.command(
    "export", help="Export a corpus. Formats:\n\n" + "\n\n".join(f"{f.id} ({f.name}): {f.description}" for f in WRITERS)
)
def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (replaced atomically).")],
    format: Annotated[
        str, typer.Option("--format", "-f", help=f"One of: {', '.join(f.id for f in WRITERS)} (see above).")
    ] = "jsonl",
    clitics: Annotated[
        Clitics,
        typer.Option(
            help="Token formats: a span starting or ending inside a word (a clitic) is expanded to the whole token, split off as its own token, or dropped."
        ),
    ] = Clitics.EXPAND,
    nested: Annotated[
        Nested,
        typer.Option(
            help="Token formats: of nested spans keep the outer, the inner, or (CoNLL) all as layers, a tag column each."
        ),
    ] = Nested.OUTER,
    corpus: Annotated[str, typer.Option(help="Corpus to export.")] = DEFAULT_CORPUS,
    status: Annotated[
        list[str] | None, typer.Option(help=f"Only documents with this status ({', '.join(Status)}); repeatable.")
    ] = None,
    layer: Annotated[
        list[str] | None,
        typer.Option(
            "--layer",
            "--annotator",
            help="Only this layer's annotations (an annotator's name, or gold); repeatable. Default: a document's gold layer where it has one, else every layer.",
        ),
    ] = None,
    all_layers: Annotated[
        bool, typer.Option("--all-layers", metavar="", help="Every layer of every document, gold or not.")
    ] = False,
    label: Annotated[list[str] | None, typer.Option(help="Only spans with this label; repeatable.")] = None,
    replace_read_only: Annotated[
        bool, typer.Option("--replace-read-only", metavar="", help="Replace the output file even if it is read-only.")
    ] = False,
) -> None:
    from annotator.services.exporting import Filters, export_corpus

    db = database()
    report = export_corpus(
        db,
        output,
        format=format,
        corpus=corpus,
        filters=Filters(status or (), layer or (), label or (), gold_first=not all_layers),
        options=ExportOptions(clitics=clitics, nested=nested),
        progress=progress_bar("exporting"),
        replace_read_only=replace_read_only,
    )
    head, *changes = report.lines()
    typer.echo(f"{head} to {printable(os.fsdecode(report.path))}")
    for side in report.side_files:
        typer.echo(f"wrote {printable(os.fsdecode(side))}")
    for line in changes:
        typer.echo(f"  {printable(line, 1000)}")


@app.command("formats")
def formats_command(
    markdown: Annotated[bool, typer.Option("--markdown", metavar="", help="As the table of docs/formats.md.")] = False,
) -> None:
    """The formats annotator reads and writes, and what each can carry."""
    from annotator.formats.table import format_table

    typer.echo(
        format_table()
        if markdown
        else "\n".join(
            f"{f.id:<12} {'read' if f.read else '    '} {'write' if f.writer else '     '}  {f.name}: {f.description}"
            for f in FORMATS
        )
    )


@app.command("stats")
def stats_command(
    corpus: Annotated[str, typer.Option(help="Corpus to count.")] = DEFAULT_CORPUS,
    bidi: Annotated[
        BidiMode, typer.Option(help="Shape Arabic for terminals without bidi support: auto, always or never.")
    ] = BidiMode.AUTO,
) -> None:
    """Documents by status and source, spans by label, events and relations by type, and the work
    of each annotator and each day (spans, events and relations made)."""
    from annotator.services.stats import corpus_stats

    stats = corpus_stats(database(), corpus=corpus)
    shape = needs_shaping(bidi)
    typer.echo(f"corpus {stats.corpus} (schema {stats.schema})")
    for title, counts in (
        ("documents by status", stats.documents_by_status),
        ("documents by source", stats.documents_by_source),
        ("spans by label", stats.spans_by_label),
        ("events by type", stats.events_by_type),
        ("relations by type", stats.relations_by_type),
        ("annotations by annotator", stats.work_by_annotator),
        ("annotations by day made", stats.work_by_day),
    ):
        typer.echo(f"\n{title}: {sum(counts.values())}")
        for key, n in counts.items():
            typer.echo(f"  {n:>9}  {for_display(key, shape)}")


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="The string to look for (harakat and tatweel ignored).")] = "",
    kind: Annotated[
        Kind,
        typer.Option(
            help="text: every occurrence; unlabelled: those no span covers; "
            "spans: spans (of --label) containing it; events: triggers "
            "(of --label, an event type) containing it."
        ),
    ] = Kind.TEXT,
    label: Annotated[str, typer.Option(help="The span label or event type, for --kind spans or events.")] = "",
    strict: Annotated[bool, typer.Option("--strict", help="Do not fold alef forms, ى/ي and ة/ه.")] = False,
    limit: Annotated[int, typer.Option(help="Stop after this many hits.", min=1)] = 500,
    corpus: Annotated[str, typer.Option(help="Corpus to search.")] = DEFAULT_CORPUS,
    bidi: Annotated[
        BidiMode, typer.Option(help="Shape Arabic for terminals without bidi support: auto, always or never.")
    ] = BidiMode.AUTO,
) -> None:
    """Search every document's text and annotations; prints one hit a line: document, [start, end)
    in code points, label, and the line around it."""
    from annotator.services.corpora import find_corpus
    from annotator.services.search import SearchQuery, search

    db = database()
    result = search(
        db, corpus_id=find_corpus(db, corpus).id, query=SearchQuery(query, kind, label, letters=not strict, limit=limit)
    )
    shape = needs_shaping(bidi)
    for hit in result.hits:
        typer.echo(f"{hit.uid}\t{hit.start}\t{hit.end}\t{hit.label}\t{for_display(hit.context, shape)}")
    documents = "" if result.documents is None else f" in {result.documents} documents"
    more = "" if result.complete else f" (stopped at {limit}; --limit for more)"
    typer.echo(f"{len(result.hits)} hits{documents}{more}, {result.seconds * 1000:.0f} ms", err=True)


@app.command("desktop-entry")
def desktop_entry_command(
    remove: Annotated[bool, typer.Option("--remove", help="Take the menu entry and the icon away.")] = False,
    command: Annotated[
        str | None, typer.Option(help="The annotator program the entry starts (default: this one).")
    ] = None,
) -> None:
    """Add annotator to your desktop's application menu, with its icon (for the current user:
    $XDG_DATA_HOME, by default ~/.local/share)."""
    from annotator.services import desktop

    if remove:
        removed = desktop.remove()
        typer.echo("\n".join(f"removed {printable(str(p))}" for p in removed) or "no desktop entry to remove")
        return
    files = desktop.install(command)
    typer.echo(f"added {printable(str(files.entry))}\nadded {printable(str(files.icon))}")


@app.command("gui")
def gui_command(corpus: Annotated[str, typer.Option(help="Corpus to open.")] = DEFAULT_CORPUS) -> None:
    """Open the annotation window (on the sample corpus when the database is empty)."""
    configure_logging()
    from annotator.ui.app import run

    raise typer.Exit(run(State.db_url, corpus=corpus))


def configure_logging() -> None:
    """Warnings of the modules that log (the database, the window) on stderr, named; set by the
    commands that use them, so that `--help` does not import logging (8 ms)."""
    import logging

    logging.basicConfig(format="annotator: %(message)s", level=logging.WARNING)


def main() -> None:
    try:
        app()
    except InputError as e:
        for problem in e.problems:
            typer.echo(f"error: {problem}", err=True)
        typer.echo("error: nothing was imported", err=True)
        sys.exit(1)
    except AnnotatorError as e:
        typer.echo(f"error: {printable(str(e), 1000)}", err=True)
        sys.exit(1)
    except OSError as e:
        where = f"{printable(os.fsdecode(e.filename))}: " if e.filename else ""
        typer.echo(f"error: {where}{e.strerror or printable(str(e))}", err=True)
        sys.exit(1)
    except Exception as e:
        # The drivers' errors, when their modules were imported (if not, the error is not theirs).
        drivers = tuple(
            module.Error if name == "sqlite3" else module.SQLAlchemyError
            for name in ("sqlite3", "sqlalchemy.exc")
            if (module := sys.modules.get(name)) is not None
        )
        if not isinstance(e, drivers):
            raise
        database_error(e)


def database_error(e: Exception) -> None:
    typer.echo(f"error: database: {printable(one_line(str(getattr(e, 'orig', None) or e)))}", err=True)
    sys.exit(1)


from annotator.cli import schemas, team  # noqa: E402,F401  (their commands join the app)
