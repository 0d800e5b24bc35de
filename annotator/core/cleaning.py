"""Recognising the parts of a scraped Arabic news page: title, source, section, date, body.

Pages saved from news sites carry furniture around the article: placeholder lines, the site
name repeated, the title twice, follow/subscribe prompts and "most read" lists. `clean_news_page`
finds the article in that and returns the body as a slice of the page's own lines, unchanged.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from annotator.core.text import TATWEEL

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Month names of the Levantine/Iraqi (Syriac) system and of the Gregorian transliterations used
# from Egypt to the Maghreb; several spellings each.
MONTHS: dict[str, int] = {
    "كانون الثاني": 1,
    "شباط": 2,
    "آذار": 3,
    "اذار": 3,
    "نيسان": 4,
    "أيار": 5,
    "ايار": 5,
    "حزيران": 6,
    "تموز": 7,
    "آب": 8,
    "اب": 8,
    "أيلول": 9,
    "ايلول": 9,
    "تشرين الأول": 10,
    "تشرين الاول": 10,
    "تشرين الثاني": 11,
    "كانون الأول": 12,
    "كانون الاول": 12,
    "يناير": 1,
    "جانفي": 1,
    "فبراير": 2,
    "فيفري": 2,
    "مارس": 3,
    "أبريل": 4,
    "ابريل": 4,
    "إبريل": 4,
    "أفريل": 4,
    "افريل": 4,
    "مايو": 5,
    "ماي": 5,
    "يونيو": 6,
    "يونيه": 6,
    "جوان": 6,
    "يوليو": 7,
    "يوليه": 7,
    "جويلية": 7,
    "أغسطس": 8,
    "اغسطس": 8,
    "غشت": 8,
    "أوت": 8,
    "اوت": 8,
    "سبتمبر": 9,
    "شتنبر": 9,
    "أكتوبر": 10,
    "اكتوبر": 10,
    "نوفمبر": 11,
    "نونبر": 11,
    "ديسمبر": 12,
    "دجنبر": 12,
}
_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_DATE = re.compile(
    rf"(?P<day>\d{{1,2}})\s*(?:/\s*)?(?P<month>{_MONTH})\s*(?:/\s*)?(?P<year>\d{{4}})"
    r"(?:\s*[-–،,]?\s*(?:الساعة\s*)?(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<ampm>ص|م|AM|PM|am|pm)?)?"
)
_NUMERIC_DATE = re.compile(
    r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})"
    r"(?:\s*[-–،,]?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<ampm>ص|م|AM|PM|am|pm)?)?"
)
_WEEKDAY = re.compile(r"^\s*(?:ال)?(?:سبت|أحد|احد|اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة)\s*[،,]?\s*")

# Page furniture, matched after tatweel is removed and spaces folded.
_FURNITURE = re.compile(
    r"^(?:placeholder|arrow.*|whatsapp|telegram|facebook|twitter|x|"
    r"تابع(?:نا)?\s+.*|[إا]شترك.*|.*على\s+واتساب|.*على\s+تلغرام|على\s+مدار\s+الساعة|"
    r"المزيد|اقرأ\s+أيضا.*|اقرأ\s+ايضا.*|الأكثر\s+قراءة|الاكثر\s+قراءة|شارك.*|"
    r"مشاركة|إعلان|اعلان|تعليقات.*|أخبار\s+ذات\s+صلة|اخبار\s+ذات\s+صلة)\.?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CleanedPage:
    body: str
    title: str | None = None
    source: str | None = None
    section: str | None = None
    published: datetime | None = None


def fold(line: str) -> str:
    """A line as compared for furniture and repeats: no tatweel, single spaces."""
    return " ".join(line.replace(TATWEEL, "").split())


def is_furniture(line: str) -> bool:
    """A short line of page furniture; a paragraph that happens to start with "تابع" is not."""
    folded = fold(line)
    return len(folded.split()) <= 8 and bool(_FURNITURE.match(folded))


def parse_date(line: str) -> tuple[datetime, str] | None:
    """A publication date in the line, and what follows it on the line (often the source)."""
    ascii_line = line.translate(_DIGITS)
    for pattern, named_month in ((_DATE, True), (_NUMERIC_DATE, False)):
        m = pattern.search(ascii_line)
        if not m:
            continue
        month = MONTHS[m["month"]] if named_month else int(m["month"])
        hour, minute = int(m["hour"] or 0), int(m["minute"] or 0)
        if m["ampm"] in ("م", "PM", "pm") and hour < 12:
            hour += 12
        elif m["ampm"] in ("ص", "AM", "am") and hour == 12:
            hour = 0
        try:
            when = datetime(int(m["year"]), month, int(m["day"]), hour, minute)
        except ValueError:
            continue
        return when, line[m.end() :].strip(" -–،,|")
    return None


def clean_news_page(text: str) -> CleanedPage:
    """Split a scraped page into metadata and body. `text` has LF line ends."""
    lines = text.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip() and not is_furniture(line)]
    if not content:
        return CleanedPage(body=text.strip())

    # The date line, near the top.
    published, date_index, after_date = None, None, ""
    for i in content[:12]:
        found = parse_date(lines[i])
        if found and len(fold(lines[i])) < 80:
            (published, after_date), date_index = found, i
            break

    # The title: the first line repeated right after itself (blank lines aside), or else the
    # first line after the header.
    header_end = date_index if date_index is not None else -1
    after = [i for i in content if i > header_end]
    title_index: int | None = None
    body_from = -1
    for a, b in zip(after, after[1:]):
        if fold(lines[a]) == fold(lines[b]) and len(fold(lines[a])) > 15:
            title_index, body_from = a, b
            break
    repeats = Counter(fold(lines[i]) for i in content)
    if title_index is None:
        candidates = [i for i in after if repeats[fold(lines[i])] == 1]
        if not candidates:
            return CleanedPage(body=text.strip(), published=published)
        title_index = body_from = candidates[0]
        if len(fold(lines[title_index]).split()) > 25:  # a paragraph, not a title: keep it
            title_index, body_from = None, candidates[0] - 1

    # The source: short lines repeated in the header, or what followed the date.
    head = [i for i in content if i < (title_index if title_index is not None else body_from)]
    short_repeats = [fold(lines[i]) for i in head if repeats[fold(lines[i])] > 1 and len(fold(lines[i])) < 40]
    source = after_date or (short_repeats[0] if short_repeats else None)
    if source and short_repeats and source not in short_repeats:
        source = next((s for s in short_repeats if s in source), source)
    section = next(
        (fold(lines[i]) for i in head if i != date_index and fold(lines[i]) != source and len(fold(lines[i])) < 40),
        None,
    )

    # The body: after the title up to the furniture that closes the page. Short lines between
    # the last paragraph and the end ("WhatsApp", "المزيد") go with it.
    body_lines = [i for i in content if i > body_from and fold(lines[i]) != source]
    while body_lines and _is_closing(lines[body_lines[-1]]):
        body_lines.pop()
    if not body_lines:
        return CleanedPage(
            body="", title=_title(lines, title_index), source=source, section=section, published=published
        )
    first, last = body_lines[0], body_lines[-1]
    kept = [line for i, line in enumerate(lines[first : last + 1], first) if i in body_lines or not line.strip()]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(kept))
    return CleanedPage(body=body, title=_title(lines, title_index), source=source, section=section, published=published)


def _title(lines: list[str], index: int | None) -> str | None:
    return lines[index].strip() if index is not None else None


def _is_closing(line: str) -> bool:
    """A short closing line without a sentence end: a prompt or link left in the page footer."""
    folded = fold(line)
    return len(folded.split()) <= 5 and not folded.endswith((".", "؟", "!", '"', "»"))
