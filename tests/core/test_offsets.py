import pytest

from annotator.core.offsets import OffsetMap

TEXTS = [
    "",
    "دمشق",
    "🇸🇾 😀 خبر عاجل من دمشق",
    "a😀b𝕏c\U0010ffffd",
    "😀😀😀",
    "سوريا 🇸🇾\nوقال: «بشار» 𝟚𝟘𝟙𝟝",
]


def utf16(text: str, i: int) -> int:
    return len(text[:i].encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", TEXTS)
def test_every_code_point_offset_maps_to_its_utf16_position_and_back(text):
    offsets = OffsetMap(text)
    assert offsets.utf16_length == len(text.encode("utf-16-le")) // 2
    for i in range(len(text) + 1):
        assert offsets.to_utf16(i) == utf16(text, i)
        assert offsets.to_codepoint(utf16(text, i)) == i
        assert offsets.to_codepoint(utf16(text, i), round_up=True) == i


def test_the_reference_example_damascus_after_flags():
    text = "🇸🇾 😀 ... دمشق"
    assert text.index("دمشق") == 9
    offsets = OffsetMap(text)
    assert offsets.to_utf16(9) == 12
    assert text[offsets.to_codepoint(12) : offsets.to_codepoint(16)] == "دمشق"


def test_a_position_inside_a_surrogate_pair_snaps_to_the_character_edges():
    text = "a😀b"
    offsets = OffsetMap(text)
    assert offsets.to_codepoint(2) == 1  # between the halves of 😀: start of it
    assert offsets.to_codepoint(2, round_up=True) == 2  # or past it, for a span end


def test_out_of_range_is_an_error():
    offsets = OffsetMap("ab😀")
    with pytest.raises(ValueError):
        offsets.to_utf16(4)
    with pytest.raises(ValueError):
        offsets.to_codepoint(5)
