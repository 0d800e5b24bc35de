"""The floor: the same import and export done with nothing but sqlite3 and orjson, on the same
database schema (made by annotator, empty, before the clock starts).

    python benchmarks/floor.py import DB CORPUS.jsonl
    python benchmarks/floor.py export DB OUT.jsonl

The import writes the same rows as annotator's: documents, their state, the search index (the
text as it is: the floor does not fold letters), spans, events, arguments and relations, in one
transaction with WAL and synchronous=FULL, a thousand lines at a time. It validates nothing.
The export writes the same bytes as `annotator export -f jsonl` on the benchmark corpus (the
benchmark checks it): documents, spans, events and relations read in document order and merged.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

import orjson

BATCH = 1000


def connect(db: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    return connection


def import_corpus(db: Path, corpus: Path) -> int:
    connection = connect(db)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO corpora (name, schema_name, schema_json) VALUES ('default', 'ace2005', '{}')")
    corpus_id = connection.execute("SELECT max(id) FROM corpora").fetchone()[0]
    connection.execute("INSERT OR IGNORE INTO annotators (name) VALUES ('bench')")
    who = connection.execute("SELECT id FROM annotators WHERE name = 'bench'").fetchone()[0]
    document_id = connection.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]
    span_id = connection.execute("SELECT coalesce(max(id), 0) FROM spans").fetchone()[0]
    event_id = connection.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
    count = 0
    with corpus.open("rb", buffering=1 << 20) as f:
        while lines := list(itertools.islice(f, BATCH)):
            documents, states, search, spans, events, arguments, relations = [], [], [], [], [], [], []
            for line in lines:
                doc = orjson.loads(line)
                text = doc["text"]
                document_id += 1
                digest = hashlib.sha256(text.encode()).hexdigest()
                meta = doc.get("meta", {})
                published = meta.get("published")  # stored as SQLAlchemy stores a DateTime on SQLite
                documents.append(
                    (
                        document_id,
                        corpus_id,
                        doc["id"],
                        text,
                        digest,
                        meta.get("title"),
                        meta.get("source"),
                        published.replace("T", " ") + ".000000" if published else None,
                        meta.get("status", "new"),
                    )
                )
                states.append((document_id, digest, len(text), corpus_id, len(doc["spans"])))
                search.append((document_id, text))
                ids = {}
                for span in doc["spans"]:
                    span_id += 1
                    ids[span["id"]] = span_id
                    spans.append((span_id, document_id, span["start"], span["end"], span["label"], who))
                for event in doc["events"]:
                    event_id += 1
                    events.append((event_id, document_id, event["type"], ids[event["trigger"]], who))
                    arguments += [(event_id, a["role"], ids[a["span"]]) for a in event["arguments"]]
                relations += [(document_id, r["type"], ids[r["head"]], ids[r["tail"]], who) for r in doc["relations"]]
            connection.executemany(
                "INSERT INTO documents (id, corpus_id, uid, text, sha256, title, source, published, status, extra) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')",
                documents,
            )
            connection.executemany("INSERT INTO document_search (rowid, body) VALUES (?, ?)", search)
            connection.executemany(
                'INSERT INTO spans (id, document_id, start, "end", label, attributes, annotator_id) '
                "VALUES (?, ?, ?, ?, ?, '{}', ?)",
                spans,
            )
            connection.executemany(
                "INSERT INTO document_state (document_id, sha256, length, corpus_id, spans) VALUES (?, ?, ?, ?, ?)",
                states,
            )
            connection.executemany(
                "INSERT INTO events (id, document_id, type, trigger_id, attributes, annotator_id) "
                "VALUES (?, ?, ?, ?, '{}', ?)",
                events,
            )
            connection.executemany("INSERT INTO event_arguments (event_id, role, span_id) VALUES (?, ?, ?)", arguments)
            connection.executemany(
                "INSERT INTO relations (document_id, type, head_id, tail_id, attributes, "
                "annotator_id) VALUES (?, ?, ?, ?, '{}', ?)",
                relations,
            )
            count += len(lines)
    connection.execute("INSERT INTO corpus_state (corpus_id, version) VALUES (?, 1)", (corpus_id,))
    connection.execute("COMMIT")
    connection.close()
    return count


def _grouped(connection: sqlite3.Connection, sql: str) -> itertools.groupby[int, tuple[object, ...]]:
    return itertools.groupby(connection.execute(sql), key=lambda row: row[0])


def export_corpus(db: Path, out: Path) -> int:
    """Documents in id order, each with its spans, events and relations taken from streams read
    in document order alongside."""
    connection = connect(db)
    names = dict(connection.execute("SELECT id, name FROM annotators"))
    streams = {
        "spans": _grouped(
            connection,
            "SELECT document_id, start, \"end\", label, coalesce(subtype, ''), annotator_id, "
            "attributes, id, note FROM spans ORDER BY document_id",
        ),
        "events": _grouped(
            connection,
            "SELECT document_id, id, type, trigger_id, attributes, annotator_id FROM events ORDER BY document_id, id",
        ),
        "arguments": _grouped(
            connection,
            "SELECT e.document_id, a.event_id, a.role, a.span_id FROM event_arguments a "
            "JOIN events e ON e.id = a.event_id ORDER BY e.document_id, a.id",
        ),
        "relations": _grouped(
            connection,
            "SELECT document_id, id, type, head_id, tail_id, attributes, annotator_id "
            "FROM relations ORDER BY document_id, id",
        ),
    }
    pending: dict[str, tuple[int, object] | None] = {}

    def rows(name: str, document_id: int) -> list[tuple[object, ...]]:
        if name not in pending:
            pending[name] = next(streams[name], None)  # type: ignore[arg-type]
        group = pending[name]
        if group is None or group[0] != document_id:
            return []
        del pending[name]
        return list(group[1])  # type: ignore[call-overload]

    count = 0
    with out.open("wb") as f:
        for document_id, uid, text, title, source, section, published, url, status, extra, digest in connection.execute(
            "SELECT id, uid, text, title, source, section, published, url, status, extra, sha256 "
            "FROM documents ORDER BY id"
        ):
            spans = sorted((s[1], s[2], s[3], s[4], names[s[5]], s[6], s[7], s[8]) for s in rows("spans", document_id))
            key = {s[6]: f"T{i}" for i, s in enumerate(spans, 1)}
            roles: dict[int, list[dict[str, str]]] = {}
            for _, event, role, span in rows("arguments", document_id):
                roles.setdefault(event, []).append({"role": role, "span": key[span]})  # type: ignore[index]
            f.write(
                orjson.dumps(
                    {
                        "id": uid,
                        "text": text,
                        "meta": {
                            "title": title or "",
                            "source": source or "",
                            "section": section or "",
                            "published": datetime.fromisoformat(published).isoformat() if published else "",
                            "url": url or "",
                            "status": status,
                            "sha256": digest,
                            "extra": extra,
                        },
                        "spans": [
                            {
                                "id": key[s[6]],
                                "start": s[0],
                                "end": s[1],
                                "label": s[2],
                                "text": text[s[0] : s[1]],
                                "subtype": s[3],
                                "attributes": s[5],
                                "annotator": s[4],
                                "note": s[7] or "",
                            }
                            for s in spans
                        ],
                        "events": [
                            {
                                "id": f"E{i}",
                                "type": e[2],
                                "trigger": key[e[3]],
                                "arguments": roles.get(e[1], []),
                                "attributes": e[4],
                                "annotator": names[e[5]],
                            }
                            for i, e in enumerate(rows("events", document_id), 1)
                        ],
                        "relations": [
                            {
                                "id": f"R{i}",
                                "type": r[2],
                                "head": key[r[3]],
                                "tail": key[r[4]],
                                "attributes": r[5],
                                "annotator": names[r[6]],
                            }
                            for i, r in enumerate(rows("relations", document_id), 1)
                        ],
                    },
                    option=orjson.OPT_APPEND_NEWLINE,
                )
            )
            count += 1
        f.flush()
        os.fsync(f.fileno())  # durable, as annotator's export is
    connection.close()
    return count


if __name__ == "__main__":
    action, db, path = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    print((import_corpus if action == "import" else export_corpus)(db, path))
