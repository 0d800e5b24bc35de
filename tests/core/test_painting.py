"""Which text to paint for a span, and which spans cover a place."""

import random

from annotator.core.intervals import IntervalIndex
from annotator.core.text import paint_range


def test_a_span_inside_a_lam_alef_ligature_paints_exactly_its_letters():
    """Ctrl+K on «لأن» stores «أن»: the painting shows «أن», not the whole ligature."""
    text = "بشار الأسد لإنقاذ الآن لأن"
    for word in ("أسد", "إنقاذ", "الأ", "أن"):
        start = text.rindex(word)
        assert paint_range(text, start, start + len(word)) == (start, start + len(word))


def test_marks_stay_with_their_letter_when_painting():
    text = "عسكريًّا"
    assert paint_range(text, 0, 5) == (0, 7)


def test_interval_index_matches_a_plain_scan():
    rng = random.Random(11)
    items = []
    for i in range(400):
        start = rng.randrange(0, 1000)
        items.append((start, start + rng.randrange(1, 40), i))
    index = IntervalIndex(items[:200])
    for item in items[200:]:
        index.add(*item)
    for item in items[::7]:
        index.remove(*item)
    kept = [item for item in items if item not in items[::7]]
    for start in range(0, 1040, 13):
        end = start + rng.randrange(0, 30)
        expected = sorted(i for i in kept if i[0] < max(end, start + 1) and i[1] > start)
        assert index.overlapping(start, end) == expected
    assert len(index) == len(kept)
