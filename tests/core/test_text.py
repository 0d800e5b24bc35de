import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.text import (
    decode,
    normalize_newlines,
    normalize_with_offsets,
    snap_to_graphemes,
    snap_to_words,
    strip_proclitic,
)

SEED_LINE = "بسطت سيطرتها على مدينة الرستن وبلدة تلبيسة وقريتي الزعفرانة ودير فول شمال المدينة"


def test_only_bom_and_line_ends_are_normalised():
    text = "\ufeffسطر\r\nثانٍ\rثالث ـــ \u200f(RLM) \u200e\u0651\u064e"
    assert normalize_newlines(text) == "سطر\nثانٍ\nثالث ـــ \u200f(RLM) \u200e\u0651\u064e"


def test_offsets_follow_the_normalisation():
    text = "\ufeffأ\r\nب\r\nدمشق"
    new, remap = normalize_with_offsets(text)
    start = text.index("دمشق")
    assert new[remap(start) : remap(start + 4)] == "دمشق"
    assert remap(text.index("\n")) == new.index("\n")  # between CR and LF: the LF


def test_strict_decoding_names_the_source_and_byte():
    with pytest.raises(AnnotatorError, match=r"a\.txt: not valid utf-8 at byte 4"):
        decode("خبر".encode()[:4] + b"\xff\xfe", source="a.txt")


def test_windows_1256_decodes_with_its_encoding():
    data = "روسيا وسوريا".encode("windows-1256")
    assert decode(data, encoding="windows-1256") == "روسيا وسوريا"
    with pytest.raises(AnnotatorError, match="--encoding"):
        decode(data)


def test_unknown_encoding():
    with pytest.raises(AnnotatorError, match="unknown encoding"):
        decode(b"x", encoding="klingon")


def test_snap_widens_to_words_and_trims_spaces_and_punctuation():
    text = "قال المصدر الروسي، إن روسيا"
    start = text.index("صدر")
    assert text[slice(*snap_to_words(text, start, start + 2))] == "المصدر"
    comma = text.index("،")
    assert text[slice(*snap_to_words(text, comma - 3, comma + 2))] == "الروسي"
    start, end = snap_to_words(text, comma, comma + 1)  # nothing but punctuation: empty
    assert start == end


def test_snap_keeps_diacritics_and_tatweel_inside_words():
    text = "تــابــع عسكريًّا الآن"
    i = text.index("عسكري")
    assert text[slice(*snap_to_words(text, i + 1, i + 2))] == "عسكريًّا"
    assert text[slice(*snap_to_words(text, 2, 3))] == "تــابــع"


def test_snap_to_graphemes_keeps_marks_with_their_letter():
    text = "عسكريًّا"
    i = text.index("ً")
    assert snap_to_graphemes(text, 0, i) == (0, i + 2)


def test_strip_a_conjunction_to_mark_a_village_inside_a_word():
    start = SEED_LINE.index("ودير")
    start, end = snap_to_words(SEED_LINE, start, start + 6)
    end = SEED_LINE.index("فول") + 3
    assert SEED_LINE[slice(*strip_proclitic(SEED_LINE, start, end))] == "دير فول"


def test_strip_leaves_short_words_alone():
    assert strip_proclitic("ول", 0, 2) == (0, 2)
    assert strip_proclitic("دمشق", 0, 4) == (0, 4)


def test_is_mark_agrees_with_unicode_everywhere():
    import sys
    import unicodedata

    from annotator.core.text import is_mark

    assert all(is_mark(chr(i)) == (unicodedata.category(chr(i)) in ("Mn", "Me")) for i in range(sys.maxunicode + 1))
