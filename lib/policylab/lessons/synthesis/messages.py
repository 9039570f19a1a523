"""The key messages: three to five computed sentences that sum up the brief."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from policylab.forum.gather import workshop_countries
from policylab.forum.workshop import indicator_facts
from policylab.lessons.synthesis.meta import quantity
from policylab.narrative import KeyMessage
from policylab.pack.dataset import Dataset
from policylab.text import in_sentence, is_missing, join_list


def key_messages(ds: Dataset, results: Sequence[Mapping[str, Any]], shared: pd.DataFrame,
                 areas: pd.DataFrame, pairs: pd.DataFrame) -> list[KeyMessage]:
    """Three to five computed sentences that sum up the brief."""
    countries = workshop_countries(results)
    messages = [KeyMessage(f"The brief covers {len(countries)} countries with "
                           f"{len(results)} results documents.",
                           values={"countries": len(countries), "results": len(results)})]
    if shared.empty:
        messages.append(KeyMessage("No challenge is flagged for two countries or more."))
    else:
        top = shared.iloc[0]
        names = join_list([ds.name(c) for c in top["countries"]])
        messages.append(KeyMessage(
            f"The most widely shared priority is {in_sentence(top['label'])} "
            f"({top['n_countries']} of {len(countries)} countries: {names}); "
            f"{len(shared)} challenges are shared by two countries or more.",
            values={"n_countries": int(top["n_countries"]), "shared": len(shared)}))
    if not areas.empty:
        first = areas.iloc[0]
        names = join_list([ds.name(c) for c in first["countries"]])
        year = first["year"] if "year" in areas.columns else None
        lead = "" if is_missing(year) else f"In the {int(year)} product panel, "
        messages.append(KeyMessage(
            f"{lead}{first['name']} was among the closest "
            f"opportunities of {first['n_countries']} countries ({names}), "
            "a candidate for joint standards, skills or investment promotion.",
            values={"n_countries": int(first["n_countries"])}))
    if not pairs.empty:
        best = pairs.iloc[0]
        about = indicator_facts(ds, best["indicator"])
        unit = about["unit"]
        messages.append(KeyMessage(
            f"{ds.name(best['learner'])} could learn from {ds.name(best['teacher'])} on "
            f"{in_sentence(about['label'])}: {ds.name(best['teacher'])} "
            f"went from {quantity(best['teacher_start_value'], unit)} "
            f"({best['teacher_start_year']}) to {quantity(best['teacher_end_value'], unit)} "
            f"({best['teacher_end_year']}).", indicator=best["indicator"]))
    return messages
