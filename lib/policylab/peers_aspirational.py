"""Aspirational peers: countries that some years ago looked like the focus today and have
progressed since (DESIGN §4), for "who went this way before us?" rather than "who is like us".
Built on the structural-peer machinery of :mod:`policylab.peers`."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from policylab.i18n import N_, _
from policylab.i18n.labels import label_phrase
from policylab.peers import (
    INCOME,
    LOG_SPAN,
    MANUFACTURING,
    MIN_SHARED_VARIABLES,
    POPULATION,
    RESOURCES,
    WINDOW_YEARS,
    Measure,
    PeerSelection,
    StructuralVariable,
    _compared,
    _distance_table,
    _distances,
    _measure,
    _Measured,
    _source_values,
    _standardise,
    how_compared,
    latest_values,
)
from policylab.text import in_sentence, join_list

#: Aspirational matching compares values years apart, so income is measured at constant
#: prices first (GDP per person employed, constant PPP $); current-price GDP per capita
#: would make every country look richer in the later year through inflation alone.
ASPIRATIONAL_INCOME = StructuralVariable(
    "income", INCOME.label,
    (Measure(("gdp_per_person_employed",), N_("output per worker at constant prices")),
     *INCOME.sources), log=True)
ASPIRATIONAL_VARIABLES = (ASPIRATIONAL_INCOME, POPULATION, MANUFACTURING, RESOURCES)


def aspirational_peers(ds, country: str, indicator: str = "mva_per_capita", lag: int = 15,
                       k: int = 5, year: int | None = None, window: int = WINDOW_YEARS,
                       min_variables: int = MIN_SHARED_VARIABLES) -> PeerSelection:
    """Countries that ``lag`` years ago resembled the focus today and improved ``indicator``.

    Method: the focus's profile today -- ``ASPIRATIONAL_VARIABLES`` (income at constant
    prices) plus ``indicator`` itself, on a log scale when its values are positive and
    span more than ``LOG_SPAN`` -- is compared with every other country's profile ``lag``
    years earlier, both standardised with today's cross-country mean and spread, by the
    same distance as ``structural_peers``. Only countries whose ``indicator`` moved in the
    better direction (catalogue ``higher_is_better``; up when unspecified) between then and
    now qualify; the ``k`` closest are returned with their then/now values in ``table``.
    An indicator in current prices is compared as published (not deflated).
    """
    focus = ds.resolve(country)
    target = ds.indicator(indicator)
    candidates = list(ds.countries().index)
    variables = list(ASPIRATIONAL_VARIABLES)
    if indicator not in {variable.key for variable in variables}:
        variables.append(StructuralVariable(
            indicator, in_sentence(target.label), (Measure((indicator,)),),
            log=_spans_orders_of_magnitude(latest_values(ds, indicator, candidates, year))))
    now = _measure(ds, variables, candidates, focus, year, window)
    then = _measure_like(ds, now, variables, candidates, lag, window)
    scaled_now = _standardise(now.values, now.values)
    scaled_then = _standardise(then.values, now.values)
    mixed = scaled_then.copy()
    mixed.loc[focus] = scaled_now.loc[focus]
    distances = _distances(mixed, focus, min(min_variables, len(mixed.columns)))

    end = now.year if now.year is not None else year
    current = latest_values(ds, indicator, candidates, end, window)
    past = latest_values(ds, indicator, candidates, None if end is None else end - lag, window)
    progress = current.join(past, lsuffix="_now", rsuffix="_then", how="inner")
    sign = -1.0 if target.higher_is_better is False else 1.0
    progress["change"] = progress["value_now"] - progress["value_then"]
    improved = progress.index[sign * progress["change"] > 0]

    eligible = distances.drop(index=focus, errors="ignore")
    eligible = eligible[eligible.index.isin(improved)]
    chosen = list(eligible.sort_values(["distance", "iso3_sort"]).index[:k])
    table = _distance_table(ds, focus, chosen, distances, then.raw, variables,
                            focus_values=now.raw)
    for column in ("year_then", "value_then", "year_now", "value_now", "change"):
        table[column] = progress[column].reindex(table.index)

    fields = {"country": ds.name(focus), "lag": lag,
              "label": label_phrase(indicator, target.label),
              "variables": join_list([now.descriptions[key] for key in mixed.columns]),
              "unit": target.unit}
    if sign < 0:
        first = _("Aspirational peers of {country}: countries whose profile {lag} years "
                  "earlier was closest to {country}'s today on {variables}, and whose {label} "
                  "({unit}) fell since then.").format(**fields)
    else:
        first = _("Aspirational peers of {country}: countries whose profile {lag} years "
                  "earlier was closest to {country}'s today on {variables}, and whose {label} "
                  "({unit}) rose since then.").format(**fields)
    lines = [first, *how_compared(variables, list(mixed.columns))]
    lines += now.notes
    if not chosen:
        lines.append(_("No country met both conditions with data {lag} years back.").format(
            lag=lag))
    lines += [_("{country}: most similar then on {variables}.").format(
        country=table.at[code, "name"], variables=table.at[code, "similar_on"])
        for code in chosen]
    return PeerSelection(focus, chosen, "aspirational", " ".join(lines), table,
                         variables=dict(now.descriptions), notes=list(now.notes))


def _spans_orders_of_magnitude(values: pd.DataFrame) -> bool:
    positive = values["value"]
    if positive.empty or (positive <= 0).any():
        return False
    return bool(positive.max() / positive.min() > LOG_SPAN)


def _measure_like(ds, reference: _Measured, variables: Sequence[StructuralVariable],
                  candidates: list[str], lag: int, window: int) -> _Measured:
    """The same measures as ``reference``, ``lag`` years before its reference year."""
    logs = {variable.key for variable in variables if variable.log}
    year = None if reference.year is None else reference.year - lag
    columns = {key: _source_values(ds, source, candidates, year, window)[0]
               for key, source in reference.sources.items()}
    raw = pd.DataFrame(columns).reindex(candidates)
    return _Measured(raw, _compared(raw, logs), dict(reference.sources), year,
                     dict(reference.descriptions), [])
