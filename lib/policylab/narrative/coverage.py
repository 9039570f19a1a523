"""How old a lesson's data are: the last year each indicator reaches in the pack beside the
country's own latest year, for a method box, and an older source's last year, for a chart's
subtitle."""

from __future__ import annotations

from collections.abc import Iterable

from policylab.i18n import _
from policylab.metrics.greening_figures import data_end
from policylab.text import in_sentence


def coverage_note(ds, indicators: Iterable[str], country: str) -> str:
    """Markdown: for each indicator (of the catalogue), the last year in this pack and
    ``country``'s latest year."""
    lines = []
    for ind in (ds.indicator(i) for i in indicators if i in ds.catalogue):
        end, own = data_end(ds, ind.id), ds.latest(ind.id, country).year
        fields = {"indicator": ind.label, "end": end, "country": ds.name(country), "year": own}
        if end is None:
            line = _("- *{indicator}*: not in this data pack.")
        elif own is None:
            line = _("- *{indicator}*: data in this pack end in {end}; no figure for {country}.")
        else:
            line = _("- *{indicator}*: data in this pack end in {end}; {country.Possessive} "
                     "latest figure is from {year}.")
        lines.append(line.format(**fields))
    return _("**Data coverage in this pack.**") + "\n\n" + "\n".join(lines)


def older_source_label(ds, indicator: str) -> str:
    """"CO2 emissions from cement (Our World in Data) end in 2018", for a subtitle."""
    end = data_end(ds, indicator)
    publisher = ds.indicator(indicator).source.split(",")[0]
    what = in_sentence(ds.indicator(indicator).label)
    if end is None:
        return _("no {indicator} in this pack").format(indicator=what)
    return _("{indicator} ({publisher}) end in {year}").format(indicator=what,
                                                               publisher=publisher, year=end)
