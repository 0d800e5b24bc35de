import json

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema_files import load_schema


def test_ace_2005_is_complete(ace):
    entities = [t for t in ace.entity_types if t.kind == "entity"]
    assert [t.name for t in entities] == ["PER", "ORG", "GPE", "LOC", "FAC", "VEH", "WEA"]
    assert len(ace.entity("ORG").subtypes) == 9
    assert len(ace.event_types) == 33
    assert len({t.name.split(".")[0] for t in ace.event_types}) == 8
    assert len(ace.relation_types) == 18
    assert [r.name for r in ace.event("Conflict.Attack").roles] == ["Attacker", "Target", "Instrument", "Time", "Place"]
    assert {a.name for a in ace.attributes} == {"mention_level", "Modality", "Polarity", "Genericity", "Tense"}


def test_wojood_has_its_21_types():
    wojood = load_schema("wojood")
    assert len(wojood.entity_types) == 21
    assert {"PERS", "NORP", "OCC", "CURR", "UNIT"} <= {t.name for t in wojood.entity_types}


def test_rules(ace):
    assert ace.check_span("GPE", "Nation", {"mention_level": "NAM"}) == []
    assert ace.check_span("Conflict.Attack", None, {}) == []  # a trigger
    assert "unknown label" in ace.check_span("CITY", None, {})[0]
    assert "subtype" in ace.check_span("GPE", "Village", {})[0]
    assert "mention_level takes" in ace.check_span("PER", None, {"mention_level": "XXX"})[0]
    errors, warnings = ace.check_event("Conflict.Attack", "Conflict.Attack", [("Attacker", "WEA")], {})
    assert errors == [] and "Attacker of Conflict.Attack takes PER/ORG/GPE" in warnings[0]
    errors, _ = ace.check_event("Conflict.Attack", "Conflict.Attack", [("Time", "TIME"), ("Time", "TIME")], {})
    assert errors == ["Conflict.Attack allows one Time"]
    errors, _ = ace.check_event("Conflict.Attack", "GPE", [("Victim", "PER")], {"Polarity": "Maybe"})
    assert len(errors) == 3


def write_schema(tmp_path, **changes):
    data = {
        "format": 1,
        "name": "mini",
        "entity_types": [
            {"name": "PER", "color": "#ff0000", "key": "p"},
            {"name": "LOC", "color": "#00ff00", "key": "l"},
        ],
    }
    data.update(changes)
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"entity_types": [{"name": "PER", "color": "red"}]}, r"entity_types\[0\] 'PER': color 'red'"),
        ({"entity_types": [{"name": "PER", "color": "#ff0000"}, {"name": "PER", "color": "#ff0000"}]}, "defined twice"),
        (
            {
                "entity_types": [
                    {"name": "A", "color": "#ff0000", "key": "a"},
                    {"name": "B", "color": "#00ff00", "key": "A"},
                ]
            },
            "key 'A' is already used by 'A'",
        ),
        (
            {"event_types": [{"name": "Attack", "color": "#000000", "roles": [{"name": "Place", "types": ["GPE"]}]}]},
            r"event_types\[0\] 'Attack' roles\[0\] 'Place': unknown entity type 'GPE'",
        ),
        ({"format": 2}, "format 2 is not supported"),
        ({"attributes": [{"name": "x", "applies_to": ["span"], "values": ["a"], "default": "b"}]}, "default 'b'"),
    ],
)
def test_invalid_schema_files_name_the_file_and_the_entry(tmp_path, changes, message):
    with pytest.raises(SchemaError, match=message) as info:
        load_schema(write_schema(tmp_path, **changes))
    assert "mini.json" in str(info.value)


@pytest.mark.parametrize(
    "changes, message",
    [
        (
            {"entity_types": [{"name": "PER", "color": "#ff0000", "defintion": "a person"}]},
            r"entity_types\[0\] 'PER': unknown key 'defintion' \(did you mean 'definition'\?\)",
        ),
        (
            {"entity_types": [{"name": "GPE", "color": "#ff0000", "subtype": ["Nation"]}]},
            r"entity_types\[0\] 'GPE': unknown key 'subtype' \(did you mean 'subtypes'\?\)",
        ),
        (
            {"event_types": [{"name": "Attack", "color": "#000000", "roles": [{"name": "Place", "typos": ["LOC"]}]}]},
            r"event_types\[0\] 'Attack' roles\[0\] 'Place': unknown key 'typos' \(did you mean 'types'\?\)",
        ),
        ({"colour_scheme": "dark"}, r"schema: unknown key 'colour_scheme' \(known: attributes, description,"),
        (
            {"attributes": [{"name": "x", "applies_to": ["span"], "values": ["a"], "definition": "what x is"}]},
            r"attributes\[0\] 'x': unknown key 'definition' \(known: applies_to, default, name, values\)",
        ),
    ],
)
def test_a_schema_file_is_checked_against_its_json_schema(tmp_path, changes, message):
    """A misspelt key would silently lose its definitions or subtypes: it is an error, with the key meant."""
    with pytest.raises(SchemaError, match=message):
        load_schema(write_schema(tmp_path, **changes))


def test_the_bundled_schemas_pass_their_json_schema():
    from annotator.core.schema_files import bundled_schemas

    assert set(bundled_schemas()) == {"ace2005", "wojood"}  # (the JSON Schema itself is not one)
    for name in bundled_schemas():
        load_schema(name)


def test_a_valid_file_loads(tmp_path):
    assert load_schema(write_schema(tmp_path)).entity("PER").key == "P"


def test_unknown_schema_name_lists_the_bundled_ones():
    with pytest.raises(SchemaError, match="ace2005, wojood"):
        load_schema("nope")


def test_bundled_schemas_carry_a_guideline_for_every_type():
    for name in ("ace2005", "wojood"):
        schema = load_schema(name)
        for t in (*schema.entity_types, *schema.event_types):
            assert t.definition and t.examples, t.name
    ace = load_schema("ace2005")
    assert "الكرملين" in " ".join(ace.entity("ORG").examples)  # the ORG-or-FAC question has an answer


def test_a_guideline_must_be_text(tmp_path):
    import json

    from annotator.core.errors import SchemaError

    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "format": 1,
                "name": "bad",
                "entity_types": [
                    {"name": "PER", "color": "#ff0000", "definition": "A person.", "examples": ["بشار", 7]}
                ],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(SchemaError, match=r"entity_types\[0\] 'PER': 'examples' must be a list of non-empty strings"):
        load_schema(path)
