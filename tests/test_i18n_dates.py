"""Dates on the pages: ISO in English (as before), the reader's own form in French and
Spanish (issue 15: "numbers and dates in its conventions")."""

from __future__ import annotations

import datetime as dt

from policylab.i18n import using_language
from policylab.i18n.dates import written_day, written_moment

MOMENT = dt.datetime(2026, 12, 3, 7, 9, tzinfo=dt.UTC)


def test_english_keeps_the_iso_form():
    assert written_day("2026-12-03") == "2026-12-03"
    assert written_moment(MOMENT) == "2026-12-03 07:09 UTC"


def test_french_and_spanish_write_the_day_in_words():
    with using_language("fr"):
        assert written_day("2026-12-03") == "3 décembre 2026"
        assert written_moment(MOMENT) == "3 décembre 2026, 07:09 UTC"
    with using_language("es"):
        assert written_day(dt.date(2026, 1, 1)) == "1 de enero de 2026"


def test_text_that_is_not_a_date_is_kept():
    with using_language("fr"):
        assert written_day("unknown") == "unknown"
