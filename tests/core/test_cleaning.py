from datetime import datetime

from annotator.core.cleaning import clean_news_page, parse_date
from annotator.core.text import normalize_newlines
from tests.conftest import SEED


def test_the_seed_cleans_to_title_source_section_date_and_body():
    page = clean_news_page(normalize_newlines(SEED.read_text(encoding="utf-8")))
    assert page.title == '"لا خطة لدى روسيا لإنقاذ بشار الأسد"!'
    assert page.source == "عربي21"
    assert page.section == "اقليمي ودولي"
    assert page.published == datetime(2024, 12, 6, 19, 37)
    assert page.body.startswith("كشف مصدر مقرب من الكرملين")
    assert page.body.endswith("في ريف حلب الشرقي.")
    for furniture in ("placeholder", "WhatsApp", "الأكثر قراءة", "واتساب", "المزيد", "تــابــــع"):
        assert furniture not in page.body
    assert "\n\nوقال المصدر الروسي" in page.body  # paragraphs kept as written


def test_dates_in_both_month_systems_and_arabic_indic_digits():
    assert parse_date("الجمعة 06 كانون الأول 2024 - 19:37 عربي21") == (datetime(2024, 12, 6, 19, 37), "عربي21")
    assert parse_date("الجمعة، ٦ ديسمبر ٢٠٢٤ - ٠٧:٣٧ م")[0] == datetime(2024, 12, 6, 19, 37)
    assert parse_date("27 تشرين الثاني 2024")[0] == datetime(2024, 11, 27)
    assert parse_date("3 أيار 2025 الساعة 09:05")[0] == datetime(2025, 5, 3, 9, 5)
    assert parse_date("06/12/2024 12:10 ص")[0] == datetime(2024, 12, 6, 0, 10)
    assert parse_date("لا تاريخ هنا") is None


def test_a_paragraph_starting_like_a_prompt_is_not_furniture():
    text = "عنوان الخبر المهم جدا اليوم\n\nتابع الرئيس حديثه أمام البرلمان قائلا إن الحكومة ستواصل العمل على الإصلاحات.\n\nالأكثر قراءة"
    page = clean_news_page(text)
    assert page.title == "عنوان الخبر المهم جدا اليوم"
    assert page.body == "تابع الرئيس حديثه أمام البرلمان قائلا إن الحكومة ستواصل العمل على الإصلاحات."
