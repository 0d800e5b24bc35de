"""A schema's types get colours no two of which are alike: the bundled schemas repeat theirs
(ACE 2005 gives Life.* and PER one red), and the window must not."""

import pytest

from annotator.core.colors import KEEP_AT, difference, distinct_colors, lab
from annotator.core.schema_files import load_schema


def closest_pair(colors: dict[str, str]) -> tuple[float, str, str]:
    """The smallest difference between two of the colours, and the two names."""
    names = list(colors)
    points = [lab(colors[n]) for n in names]
    return min(
        (difference(points[i], points[j]), names[i], names[j])
        for i in range(len(names))
        for j in range(i + 1, len(names))
    )


@pytest.mark.parametrize(("name", "floor"), [("ace2005", 11.5), ("wojood", 18.0)])
def test_no_two_types_of_a_bundled_schema_look_alike(name, floor):
    schema = load_schema(name)
    given = dict(schema.colors())
    assert closest_pair(given)[0] < 3  # as shipped, some types share a colour
    colors = distinct_colors(schema.colors())
    assert colors.keys() == given.keys()
    assert closest_pair(colors)[0] >= floor
    kept = [n for n in colors if colors[n] == given[n]]
    assert kept and kept[0] == schema.entity_types[0].name  # the schema's colours are kept where distinct


def test_the_pairs_analysts_confused_are_far_apart_now():
    colors = distinct_colors(load_schema("ace2005").colors())
    for a, b in (
        ("Life.Die", "PER"),
        ("Conflict.Attack", "LOC"),
        ("Movement.Transport", "FAC"),
        ("Life.Injure", "Life.Die"),
    ):
        assert difference(lab(colors[a]), lab(colors[b])) >= 11.5, (a, b)


def test_distinct_colours_are_kept_as_they_are():
    types = (("A", "#e6194b"), ("B", "#3cb44b"), ("C", "#4363d8"))
    assert distinct_colors(types) == dict(types)
    assert difference(lab("#e6194b"), lab("#3cb44b")) >= KEEP_AT
