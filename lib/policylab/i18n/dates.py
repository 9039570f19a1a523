"""How a date is written in each language.

English pages keep the ISO form they have always shown ("2026-12-03", "2026-12-03 07:09
UTC"): unambiguous, sortable, and the English material stays as it was. French and
Spanish pages write the day as their readers do, from CLDR through Babel ("3 décembre
2026", "3 de diciembre de 2026"), with the time in 24-hour UTC after it.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from policylab.i18n.language import is_source_language, language_or_current


def written_day(day: dt.date | str) -> str:
    """A calendar day (a date or an ISO "YYYY-MM-DD" string) in the current language;
    text that is not an ISO date is returned as it is."""
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            return day
    if is_source_language():
        return day.isoformat()
    return format_date(day, format="long", locale=language_or_current(None))


def written_moment(moment: dt.datetime) -> str:
    """A UTC moment to the minute, in the current language ("2026-12-03 07:09 UTC" in
    English, "3 décembre 2026, 07:09 UTC" in French)."""
    moment = moment.astimezone(dt.UTC)
    if is_source_language():
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return f"{written_day(moment.date())}, {moment:%H:%M} UTC"
