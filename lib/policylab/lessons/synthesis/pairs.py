"""Section 4, peer learning: who started where a workshop country is now and improved
strongly since (``policylab.forum.peer_learning_pairs`` with the brief's parameters)."""

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.breaks import mark_breaks
from policylab.charts.path_level import path_level
from policylab.charts.template import axis_title
from policylab.forum import peer_learning as rule
from policylab.forum.workshop import indicator_facts
from policylab.i18n import _, pgettext
from policylab.narrative import fmt_number, fmt_quantity
from policylab.narrative.cells import dated
from policylab.pack.dataset import Dataset
from policylab.text import in_sentence


def pairs_table(ds: Dataset, pairs: pd.DataFrame, limit: int = 15) -> pd.DataFrame:
    """The strongest learner-teacher pairs (one per learner and indicator), in words."""
    columns = [pgettext("table header", "Learner"),
               pgettext("table header", "Indicator"),
               pgettext("table header", "Learner now"),
               pgettext("table header", "Teacher"),
               pgettext("table header", "Teacher then"),
               pgettext("table header", "Teacher now"),
               pgettext("table header", "Improvement (SD)")]
    rows = []
    for row in pairs.drop_duplicates(["learner", "indicator"]).head(limit).itertuples():
        about = indicator_facts(ds, row.indicator)
        unit = about["unit"]
        rows.append((
            ds.name(row.learner), about["label"], dated(row.learner_value, unit, row.learner_year),
            ds.name(row.teacher), dated(row.teacher_start_value, unit, row.teacher_start_year),
            dated(row.teacher_end_value, unit, row.teacher_end_year), row.change_in_spreads))
    return pd.DataFrame(rows, columns=columns)


def pair_figure(ds: Dataset, pair: Mapping[str, Any]) -> go.Figure:
    """One pair: the teacher's path since its start year, against the learner's level
    today (dashed), so the group sees where the teacher came from and how far it went."""
    indicator, teacher, learner = pair["indicator"], pair["teacher"], pair["learner"]
    about = indicator_facts(ds, indicator)
    unit = about["unit"]
    first = int(pair["teacher_start_year"])
    last = max(int(pair["teacher_end_year"]), int(pair["learner_year"]))
    title = _("{teacher} took {indicator} from {start} in {first} to {end} in {last}; "
              "{learner} is at {now} ({year})").format(
        teacher=ds.name(teacher), indicator=in_sentence(about["label"]),
        start=fmt_quantity(pair["teacher_start_value"], unit), first=first,
        end=fmt_quantity(pair["teacher_end_value"], unit), last=int(pair["teacher_end_year"]),
        learner=ds.name(learner), now=fmt_quantity(pair["learner_value"], unit),
        year=int(pair["learner_year"]))
    source = (f"{about['source']} ({about['source_code']})" if about["source_code"]
              else about["source"])
    fig = path_level(ds.panel(indicator, [teacher, learner], years=(first, last)),
                     {teacher: ds.name(teacher), learner: ds.name(learner)}, learner,
                     pair["learner_value"], (first, last),
                     level_name=_("{country} today").format(country=ds.name(learner)),
                     title=title, source=_("Source: {source}.").format(source=source),
                     y_title=axis_title(about["label"], unit))
    for code in (teacher, learner) if indicator in ds.catalogue else ():
        mark_breaks(fig, ds, indicator, code, ds.name(code))
    return fig


def best_pairs(pairs: pd.DataFrame, n: int = 2) -> list[dict]:
    """The ``n`` strongest pairs on different indicators (for charts)."""
    return pairs.drop_duplicates("indicator").head(n).to_dict("records")


def pair_rule_text() -> str:
    """The peer-learning rule's parameters in words, for the method box."""
    return _("Parameters used here: the teacher's starting year is {window} years before the "
             "learner's latest year; a similar start means within {tolerance} standard "
             "deviations of the learner's current level and, for positive levels, within a "
             "factor of {ratio}; strong progress means at least {improvement} standard "
             "deviations in the better direction since, held in each of the teacher's "
             "{sustained} latest values (a one-year jump is not progress). Series with a likely "
             "break or outlier between the teacher's starting year and its latest year, and "
             "erratic series (of teacher or learner), are left out: no pair rests on a change "
             "that may be a change of method rather than progress.").format(
        window=rule.PAIR_WINDOW_YEARS, tolerance=fmt_number(rule.PAIR_TOLERANCE_SD),
        ratio=fmt_number(rule.PAIR_MAX_RATIO), improvement=fmt_number(rule.PAIR_MIN_IMPROVEMENT_SD),
        sustained=rule.PAIR_SUSTAINED)
