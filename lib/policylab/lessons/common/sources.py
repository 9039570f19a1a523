"""The sources section: one table from ``Dataset.sources`` (five lessons built it five
ways from the manifest and raw file names)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from policylab.display import note, show_table
from policylab.i18n import N_, _
from policylab.i18n.dates import written_day
from policylab.lessons.context import Lesson
from policylab.text import MISSING, join_list, year_range

COLUMNS = ["Publisher", "Indicators", "Codes", "Years", "Licence"]
#: The column headers a reader sees (COLUMNS are the keys).
HEADERS = {"Publisher": N_("Publisher"), "Indicators": N_("Indicators"), "Codes": N_("Codes"),
           "Years": N_("Years"), "Licence": N_("Licence")}


def _headed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(columns={key: _(HEADERS[key])
                                 for key in COLUMNS})


def sources_table(lesson: Lesson, indicators: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per publisher: the indicators used (labels), their codes, the years the
    pack holds and the licence. ``indicators`` default to the spec's ``sources``."""
    wanted = list(indicators if indicators is not None else lesson.spec.sources)
    rows = lesson.ds.sources([i for i in wanted if i in lesson.ds.catalogue])
    if rows.empty:
        return _headed(pd.DataFrame(columns=COLUMNS))
    out = []
    for publisher, part in rows.groupby("publisher", sort=False):
        first, last = part["first_year"].min(), part["last_year"].max()
        years = MISSING if pd.isna(first) or pd.isna(last) else year_range(first, last)
        out.append({"Publisher": publisher,
                    "Indicators": "; ".join(dict.fromkeys(part["label"])),
                    "Codes": ", ".join(dict.fromkeys(c for c in part["source_code"] if c)),
                    "Years": years,
                    "Licence": join_list(dict.fromkeys(x for x in part["licence"] if x))})
    return _headed(pd.DataFrame(out, columns=COLUMNS))


def vintage_note(lesson: Lesson) -> str:
    """The pack's vintage and build date, for the sources section."""
    built = str(lesson.ds.manifest.get("built", ""))[:10]
    if built:
        return _("**Data vintage:** {vintage}. Data pack built on {built}.").format(
            vintage=lesson.ds.vintage_text, built=written_day(built))
    return _("**Data vintage:** {vintage}.").format(vintage=lesson.ds.vintage_text)


def show_sources(lesson: Lesson, indicators: Iterable[str] | None = None) -> None:
    """Show the vintage note and the sources table."""
    note(vintage_note(lesson))
    show_table(sources_table(lesson, indicators), _("Publishers and licences of the data used"),
               _("data pack manifest (policylab)."))
