"""Which text to paint for a span, and which spans cover a place."""

import random

from annotator.core.intervals import IntervalIndex
from annotator.core.text import paint_range


def test_a_span_inside_a_lam_alef_ligature_paints_the_whole_glyph():
    text = "بشار الأسد لإنقاذ الآن"
    asad = text.index("أسد")
    assert text[slice(*paint_range(text, asad, asad + 3))] == "لأسد"  # لأ is one glyph
    inqath = text.index("إنقاذ")
    assert text[slice(*paint_range(text, inqath, inqath + 5))] == "لإنقاذ"
    al = text.index("الأسد")
    assert text[slice(*paint_range(text, al, al + 2))] == "الأ"  # ends between lam and alef
    plain = text.index("بشار")
    assert paint_range(text, plain, plain + 4) == (plain, plain + 4)


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
