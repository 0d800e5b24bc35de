"""Finding Arabic as a reader means it: marks and tatweel ignored, letters folded on request,
and the ranges found exact in the stored text (emoji before them included)."""

import pytest

from annotator.core.find import find_all

TEXT = "😀🇸🇾 وصل إلى دمشـــقَ، ثم غادر دِمَشق. أحمد واحمد وأحمد إلى مستشفى مستشفي مدرسة مدرسه"


@pytest.mark.parametrize(
    ("query", "letters", "found"),
    [
        ("دمشق", False, ["دمشـــقَ", "دِمَشق"]),  # tatweel and harakat in the text
        ("دَمَشْق", False, ["دمشـــقَ", "دِمَشق"]),  # harakat in the query
        ("أحمد", False, ["أحمد", "أحمد"]),  # also inside «وأحمد»: a substring search
        ("احمد", False, ["احمد"]),
        ("احمد", True, ["أحمد", "احمد", "أحمد"]),
        ("مستشفي", True, ["مستشفى", "مستشفي"]),
        ("مدرسة", True, ["مدرسة", "مدرسه"]),
        ("إلى", True, ["إلى", "إلى"]),
        ("ـــ", False, []),  # nothing left to find
        ("غائب", False, []),
    ],
)
def test_matches_are_exact_ranges_of_the_stored_text(query, letters, found):
    matches = find_all(TEXT, query, letters=letters)
    assert [TEXT[a:b] for a, b in matches] == found
    assert all(TEXT[a] not in "َُِّْـ" for a, _ in matches)  # a match starts on a letter


def test_offsets_count_code_points_after_emoji():
    [(start, end)] = find_all(TEXT, "غادر")
    assert TEXT.index("غادر") == start == 25 and end == 29  # 3 astral characters before: Qt would say 28
