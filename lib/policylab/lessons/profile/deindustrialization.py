"""Section 6: manufacturing against income and the premature de-industrialization check
(``metrics.profile_deindustrialization``), with its exercise."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from policylab.charts import scatter_compare, title_with_subtitle
from policylab.evidence.breaks import why_not_short, withheld
from policylab.evidence.deindustrialization import choices, distance_words, forms
from policylab.i18n import _
from policylab.learning.exercises import Exercise
from policylab.lessons.common import Lesson
from policylab.lessons.profile.base import source_text
from policylab.metrics import profile_deindustrialization as deind
from policylab.metrics import world_pattern as wp
from policylab.metrics.profile_deindustrialization import DROP_PP
from policylab.narrative import KeyMessage
from policylab.narrative.changes import points, usd
from policylab.text import format_value, signed, year_range


def deindustrialization_chart(lesson: Lesson) -> go.Figure | None:
    """MVA share against income: all countries, the world pattern, the country's path."""
    found = deind.reading(lesson.ds, lesson.country, lesson.years)
    if found is None:
        lesson.skip(_("Manufacturing and income"),
                    _("The data pack has no year with both GDP at constant prices and the "
                      "manufacturing share for {country}.").format(country=lesson.name))
        return None
    cross, pattern, own, path = found.cross, found.pattern, found.own, found.path
    title = _("{country.Possessive} manufacturing share ({share}, {year}) is {distance}").format(
        country=lesson.name,
        share=format_value(own["mva_share"], _("% of GDP")), year=int(own["year"]),
        distance=distance_words(pattern, own["income"], own["mva_share"]))
    subtitle = _("Each dot a country's latest year up to {year}; the line is a quadratic fit "
                 "over {n} countries (typical scatter around it: {scatter}); the orange path "
                 "is {country} over time").format(
        year=found.year, n=pattern.n_countries, scatter=points(pattern.scatter),
        country=lesson.name)
    span = year_range(int(path["year"].iloc[0]), int(path["year"].max()))
    path_name = (_("{country}, {years} (line broken at a likely series break in {breaks})")
                 if found.breaks else _("{country}, {years}")).format(
        country=lesson.name, years=span, breaks=", ".join(map(str, found.breaks)))
    peak = pattern.peak_income
    return scatter_compare(
        cross, "income", "mva_share", lesson.country, lesson.peer_codes,
        title=title_with_subtitle(title, subtitle),
        x_label=_("GDP per person"), y_label=_("Manufacturing value added"),
        x_unit=_("constant 2015 US$, log scale"), y_unit=_("% of GDP"),
        source=source_text(lesson, "mva_share_gdp", "gdp_const_usd", "population"),
        names=lesson.names_of(cross.index), log_x=True, trend="quadratic",
        path=deind.broken_path(path, found.breaks), path_name=path_name,
        path_hover=_("%{customdata}: %{y:.1f}% of GDP at US$ %{x:,.0f}<extra></extra>"),
        # the note says where the fitted line peaks, not whether the peak is clear: that is
        # check 2 of the exercise below, whose answer the participant page does not give
        marker_line=None if math.isnan(peak) else (
            peak, _("fitted peak at {amount}").format(amount=usd(peak))),
    )


def _change_words(lesson: Lesson, found: deind.Reading) -> str:
    """The share's change over years without a likely break, or why it is not read."""
    if len(found.path) < 2:
        return ""
    y0, y1 = int(found.path["year"].iloc[0]), int(found.path["year"].iloc[-1])
    if math.isnan(found.change):
        reason = withheld(lesson.ds, "mva_share_gdp", lesson.country, y0, y1,
                          words=why_not_short)
        return " " + _("The change since {year} is not read ({reason}; see the method box on "
                       "series breaks).").format(year=y0, reason=reason)
    change, p0 = found.change, int(found.sound["year"].iloc[0])
    moved = (_("The share fell by {change} over {years}") if change < 0 else
             _("The share rose by {change} over {years}") if change > 0 else
             _("The share did not change over {years}"))
    text = moved.format(change=points(change), years=year_range(p0, y1))
    if p0 > y0:
        reason = withheld(lesson.ds, "mva_share_gdp", lesson.country, y0, p0,
                          words=why_not_short)
        text = _("{sentence} (read from {year} on only: {reason})").format(
            sentence=text, year=p0, reason=reason)
    return f" {text}."


def deindustrialization_message(lesson: Lesson) -> KeyMessage | None:
    """Where the country stands against the world pattern and how its share moved; the
    verdict is the exercise's answer, so it stays on the facilitator page."""
    found = deind.reading(lesson.ds, lesson.country, lesson.years)
    if found is None:
        return None
    pattern, own = found.pattern, found.own
    values = {"mva_share": float(own["mva_share"]), "year": int(own["year"]),
              "expected": found.expected, "peak_income": pattern.peak_income,
              "income": float(own["income"]), "scatter": pattern.scatter,
              "pattern_clear": pattern.clear}
    if not math.isnan(found.change):
        values["change"] = found.change
    text = _("At {country.possessive} income ({income} per person at constant 2015 prices, "
             "{year}), the world pattern predicts a manufacturing share of {expected}; the "
             "actual share is {actual}, {distance}.").format(
        country=lesson.name, income=usd(own["income"]), year=int(own["year"]),
        expected=format_value(found.expected, _("% of GDP")),
        actual=format_value(own["mva_share"], "%"),
        distance=distance_words(pattern, own["income"], own["mva_share"]))
    return KeyMessage(text + _change_words(lesson, found), "mva_share_gdp", values)


def verdict_text(lesson: Lesson) -> str:
    """The rule applied to the country: facilitator page only (it answers the exercise)."""
    found = deind.reading(lesson.ds, lesson.country, lesson.years)
    if found is None or found.verdict is None:
        return _("**Facilitator: the reading for {country}.** No verdict: the change in the "
                 "manufacturing share cannot be read over this period.").format(
            country=lesson.name)
    return _("**Facilitator: the reading for {country}.** {verdict}.").format(
        country=lesson.name, verdict=choices()[found.verdict])


def deindustrialization_method_note() -> str:
    """The check's method box, with its threshold."""
    return wp.method_note(DROP_PP)


def pattern_exercise(lesson: Lesson) -> Exercise:
    """"By the rule in the method box, does the country show premature
    de-industrialization?", with every number the rule needs given in the question."""
    found = deind.reading(lesson.ds, lesson.country, lesson.years)
    if found is None or found.verdict is None:
        return Exercise(_("Does {country} show a sign of premature de-industrialization by "
                          "the rule in the method box?").format(country=lesson.name),
                        float("nan"))
    first, last = found.sound.iloc[0], found.sound.iloc[-1]
    pattern, change, answer = found.pattern, found.change, choices()[found.verdict]
    peak, threshold = pattern.peak_income, points(DROP_PP)
    moved = signed(change, _("percentage points"))
    humped = not math.isnan(pattern.rise)
    sizes = {"rise": points(pattern.rise), "fall": points(pattern.fall),
             "scatter": points(pattern.scatter)}
    shape = (_("the fitted line rises by {rise} from the poorest country's income to its peak "
               "at about {peak} (the dotted line on the chart) and falls by {fall} from there "
               "to the richest country's; countries lie typically {scatter} from the line")
             .format(peak=usd(peak), **sizes) if humped else
             _("the fitted line has no peak inside the range of countries' incomes"))
    against = (_("the line rises by {rise} and falls by {fall} against a typical scatter of "
                 "{scatter}").format(**sizes) if humped else _("the line has no peak in range"))
    place = ("" if not humped else
             _("; income is below the peak") if last["income"] < peak else
             _("; income is above the peak"))
    shares = {"first": format_value(first["mva_share"], "%"),
              "last": format_value(last["mva_share"], "%")}
    return Exercise(
        question=_("Apply the rule of the method box. {country.Possessive} manufacturing share was "
                   "{first} in {y0} and {last} in {y1}; its income in {y1} was {income} per "
                   "person; {shape}. Is this a sign of premature de-industrialization?").format(
            country=lesson.name,
            first=format_value(first["mva_share"], _("% of GDP")), y0=int(first["year"]),
            last=format_value(last["mva_share"], _("% of GDP")), y1=int(last["year"]),
            income=usd(last["income"]), shape=shape),
        answer=answer, choices=choices(), answer_forms=forms(found.verdict),
        hint=_("Three checks, in order: did the share fall by more than {threshold}? Are the "
               "line's rise and fall each larger than the typical scatter? Is the income "
               "below the peak?").format(threshold=threshold),
        explanation=_("the share changed by {change} (threshold: a fall of more than "
                      "{threshold}); {against}{place}.").format(
            change=moved, threshold=threshold, against=against, place=place),
        solution=(_("Change: {last} − {first} = {change}; {against}; income {income} against "
                    "a peak at {peak}. {answer}.") if humped else
                  _("Change: {last} − {first} = {change}; {against}. {answer}.")).format(
            change=moved, against=against, income=usd(last["income"]), peak=usd(peak),
            answer=answer, **shares),
    )
