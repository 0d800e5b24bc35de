"""Adding an annotation attribute is a change of the schema file only (docs/architecture.md): a
toy attribute, added to a copy of ACE 2005, is checked on every write, saved, undone and
exported, with no code changed."""

import json

import orjson
import pytest

from annotator.core.errors import AnnotatorError
from annotator.services.corpora import open_corpus
from annotator.services.editing import DocumentEditor
from annotator.services.exporting import export_corpus
from annotator.services.importing import import_paths
from tests.conftest import ROOT, list_documents

TEXT = "قال مسؤول في حمص إن الوضع هادئ"


def test_a_toy_span_attribute_added_to_the_schema_file_is_checked_saved_and_exported(db, tmp_path):
    schema = json.loads((ROOT / "resources" / "schemas" / "ace2005.json").read_text(encoding="utf-8"))
    schema["name"] = "ace-certainty"
    schema["attributes"].append({"name": "Certainty", "applies_to": ["span"], "values": ["low", "high"]})
    schema_file = tmp_path / "ace-certainty.json"
    schema_file.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    import_paths(db, [article], corpus="toy", schema=str(schema_file))
    corpus = open_corpus(db, name="toy")
    assert [a.name for a in corpus.schema.attributes][-1] == "Certainty"
    [document] = list_documents(db, corpus_id=corpus.id)
    editor = DocumentEditor(db, schema=corpus.schema, annotator="tester", document_id=document.id)

    start = TEXT.index("حمص")
    span_id = next(iter(editor.add_span(start, start + 3, "GPE").spans))
    with pytest.raises(AnnotatorError, match="Certainty"):  # a value the schema does not list
        editor.update_span(span_id, attributes={"Certainty": "certain"})
    editor.update_span(span_id, attributes={"Certainty": "low"})
    editor.update_span(span_id, attributes={"Certainty": "high"})
    editor.undo()

    out = tmp_path / "toy.jsonl"
    export_corpus(db, out, corpus="toy")
    [line] = out.read_bytes().splitlines()
    [span] = orjson.loads(line)["spans"]
    assert (span["text"], orjson.loads(span["attributes"])) == ("حمص", {"Certainty": "low"})
