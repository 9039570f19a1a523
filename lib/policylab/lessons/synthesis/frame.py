"""The brief's frame: its opening (the gathered results and what they cover) and its closing
(key messages, sources and data vintages).

A ``Forum`` has what the common sections need (``ds``, ``spec``, ``name``, ``messages``,
``say``), so the brief uses ``common.show_sources`` and ``common.show_key_messages`` like
every lesson; ``common.start`` does not fit, as the forum has no focus country."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from policylab.display import note
from policylab.forum.gather import coverage, gather, workshop_countries
from policylab.forum.recency import Current, current_results
from policylab.forum.workshop import indicator_facts
from policylab.i18n import N_, _, pgettext, set_language
from policylab.lessons.common import LessonSpec, dataset, show_sources
from policylab.metrics.forum_brief import source_indicators
from policylab.narrative import KeyMessage
from policylab.narrative.cells import dated
from policylab.pack.dataset import Dataset
from policylab.text import in_sentence, is_missing, join_list

#: Read with the sources table: licences in words and the disclaimer on names.
LICENCE_NOTE = N_(
    "Licences: World Bank WDI, Our World in Data and Climate Watch data are CC-BY 4.0; the "
    "Growth Lab at Harvard University's data (published Economic Complexity Index; "
    "International Trade Data (HS 1992), from UN Comtrade) are used under the Harvard "
    "Dataverse terms listed above, crediting the Growth Lab. Policy cases: the sources cited "
    "under each case. The names and boundaries used imply no opinion on the legal status of "
    "any country, territory or area.")
#: The notebook's default ``title`` parameter, shown in the current language (a title the
#: workshop sets is shown as given).
DEFAULT_TITLE = N_("Industrial policy forum: shared priorities and peer learning")


def forum_title(title: str) -> str:
    """The brief's title: the default one in the current language, any other as given."""
    return _(DEFAULT_TITLE) if title == DEFAULT_TITLE else title


@dataclass
class Forum:
    """One workshop's brief: ``results`` as gathered (``origin`` says from where,
    ``problems`` lists the files that could not be used), ``codes`` the countries with
    results, ``current`` the results inside the recency window."""

    spec: LessonSpec
    ds: Dataset
    results: list[dict]
    origin: str
    problems: pd.DataFrame
    current: Current
    messages: list[KeyMessage] = field(default_factory=list)
    name: str = "the workshop"

    @property
    def codes(self) -> list[str]:
        return workshop_countries(self.results)

    def say(self, *messages: KeyMessage | None) -> None:
        self.messages.extend(m for m in messages if m is not None)


def start_forum(spec: LessonSpec, countries: Iterable[str], results_dir: str = "",
                ds: Dataset | None = None, language: str = "en") -> Forum:
    """Gather the workshop's results (the folder's files, or computed on the spot without
    ``results_dir``) and keep their current part, after setting the kernel's language."""
    set_language(language)
    ds = ds if ds is not None else dataset()
    gathered = gather(ds, countries, results_dir)
    return Forum(spec, ds, gathered.results, gathered.origin, gathered.problems,
                 current_results(ds, gathered.results))


def coverage_table(ds: Dataset, results: Sequence[Mapping[str, Any]],
                   countries: Iterable[str]) -> pd.DataFrame:
    """Per workshop country, what the brief holds of it (``policylab.forum.gather.coverage``)."""
    table = coverage(results, countries)
    none = pgettext("table cell", "none")
    return pd.DataFrame({
        pgettext("table header", "Country"): table["country"].map(ds.name),
        pgettext("table header", "Notebooks with results"): table["notebooks"],
        pgettext("table header", "Headline figures"): table["figures"],
        pgettext("table header", "Challenges flagged"): table["flags"],
        pgettext("table header", "Peers"): [", ".join(ds.name(p) for p in peers) or none
                                            for peers in table["peers"]],
        pgettext("table header", "Latest data year"): table["latest_year"]})


#: The problems table's words: its columns and the status of each expected file.
PROBLEM_HEADERS = {"country": N_("country"), "notebook": N_("notebook"),
                   "status": N_("status"), "detail": N_("detail")}
PROBLEM_WORDS = {"missing": N_("missing"), "failed": N_("failed"),
                 "unreadable": N_("unreadable"), "ok": N_("ok"),
                 "no results file": N_("no results file"),
                 "the notebook failed; its output is under failed/":
                     N_("the notebook failed; its output is under failed/")}


def problems_table(ds: Dataset, problems: pd.DataFrame) -> pd.DataFrame:
    """The results files that could not be used, in the current language (a results
    file's own error stays as read)."""
    words = problems.assign(
        country=problems["country"].map(ds.name),
        status=problems["status"].map(lambda s: _(PROBLEM_WORDS.get(s, s))),
        detail=problems["detail"].map(lambda d: _(PROBLEM_WORDS[d]) if d in PROBLEM_WORDS
                                      else d))
    return words.rename(columns={k: _(v) for k, v in PROBLEM_HEADERS.items()})


def key_messages(ds: Dataset, results: Sequence[Mapping[str, Any]], shared: pd.DataFrame,
                 areas: pd.DataFrame, pairs: pd.DataFrame) -> list[KeyMessage]:
    """Its coverage, the most widely shared priority, the first collaboration area and the
    strongest learning pair."""
    countries = workshop_countries(results)
    messages = [KeyMessage(_("The brief covers {countries} countries with {results} results "
                             "documents.").format(countries=len(countries), results=len(results)),
                           values={"countries": len(countries), "results": len(results)})]
    if shared.empty:
        messages.append(KeyMessage(_("No challenge is flagged for two countries or more.")))
    else:
        top = shared.iloc[0]
        messages.append(KeyMessage(
            _("The most widely shared priority is {challenge} ({n} of {total} countries: "
              "{countries}); {shared} challenges are shared by two countries or more.").format(
                challenge=in_sentence(top["label"]), n=top["n_countries"], total=len(countries),
                countries=join_list([ds.name(c) for c in top["countries"]]), shared=len(shared)),
            values={"n_countries": int(top["n_countries"]), "shared": len(shared)}))
    if not areas.empty:
        messages.append(_area_message(ds, areas))
    if not pairs.empty:
        messages.append(_pair_message(ds, pairs.iloc[0]))
    return messages


def _area_message(ds: Dataset, areas: pd.DataFrame) -> KeyMessage:
    """The first collaboration area (with its panel year when known)."""
    first = areas.iloc[0]
    year = first["year"] if "year" in areas.columns else None
    fields = {"product": first["name"], "n": first["n_countries"],
              "countries": join_list([ds.name(c) for c in first["countries"]])}
    if is_missing(year):
        text = _("{product} was among the closest opportunities of {n} countries ({countries}), "
                 "a candidate for joint standards, skills or investment promotion.")
    else:
        text, fields["year"] = _(
            "In the {year} product panel, {product} was among the closest opportunities of "
            "{n} countries ({countries}), a candidate for joint standards, skills or "
            "investment promotion."), int(year)
    return KeyMessage(text.format(**fields), values={"n_countries": int(first["n_countries"])})


def _pair_message(ds: Dataset, best: pd.Series) -> KeyMessage:
    """The strongest learning pair: who could learn from whom, with the teacher's path."""
    about = indicator_facts(ds, best["indicator"])
    return KeyMessage(
        _("{learner} could learn from {teacher} on {indicator}: {teacher} went from {start} "
          "to {end}.").format(
            learner=ds.name(best["learner"]), teacher=ds.name(best["teacher"]),
            indicator=in_sentence(about["label"]),
            start=dated(best["teacher_start_value"], about["unit"], best["teacher_start_year"]),
            end=dated(best["teacher_end_value"], about["unit"], best["teacher_end_year"])),
        indicator=best["indicator"])


def vintages(ds: Dataset, results: Sequence[Mapping[str, Any]]) -> str:
    """The pack's vintage, and the results' own vintages where they differ from it."""
    other = sorted({str(r.get("data_vintage")) for r in results} - {str(ds.vintage)})
    if not other:
        return ""
    return _("Some results files were computed from another data vintage: {vintages}. Re-run "
             "the country notebooks to align them.").format(vintages="; ".join(other))


def show_forum_sources(forum: Forum) -> None:
    """The sources of the indicators shown, the results' vintages where they differ from the
    pack's, and the licences in words."""
    show_sources(forum, source_indicators(forum.ds, forum.results))
    note(" ".join(t for t in (vintages(forum.ds, forum.results), _(LICENCE_NOTE)) if t))
