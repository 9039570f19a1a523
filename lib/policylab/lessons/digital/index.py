"""Section 6: the digital-readiness index (computed once per Dataset in
``metrics.digital.composite_scores``): its weights, the country's score and rank."""

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import bar_compare, title_with_subtitle
from policylab.i18n import _, ngettext, pgettext
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import short, window_text
from policylab.metrics.digital import COMPONENTS, composite_scores
from policylab.narrative import KeyMessage, fmt_number
from policylab.narrative.format import ordinal
from policylab.narrative.phrases import many_series_source
from policylab.text import in_sentence, join_list

#: The lesson's one recency window ("2020–2025"), as the coverage section states it.
window = window_text


def weights_table(lesson: Lesson) -> pd.DataFrame:
    """The composite's stated weights and transformations, for the method box."""
    return pd.DataFrame({
        pgettext("table header", "Component"):
            [lesson.ds.indicator(c.indicator).label for c in COMPONENTS],
        _("Weight (%)"): [100.0 * c.weight for c in COMPONENTS],
        _("Treatment before normalising"): [_(c.why) for c in COMPONENTS],
    })


def _missing(lesson: Lesson, text: object, sentence: bool = True) -> list[str]:
    """The labels of the components in a ``missing`` cell ("a, b"), for a sentence or a
    title (``sentence`` False)."""
    labels = [short(lesson, m) for m in str(text).split(", ") if m]
    return [in_sentence(label) for label in labels] if sentence else labels


def composite_table(lesson: Lesson) -> pd.DataFrame:
    """The index for the focus country and its peers: the full score and rank (complete
    data only), the partial score, the weight behind it and the components missing."""
    everyone = composite_scores(lesson.ds, lesson.end_year)
    scores = everyone.reindex(lesson.codes)
    ranked = int(everyone["score"].notna().sum())
    return pd.DataFrame({
        _("Index (complete data, 0–100)"): scores["score"].to_numpy(),
        _("Rank of {n}").format(n=ranked): scores["rank"].array,
        _("Partial index (components present)"): scores["partial_score"].to_numpy(),
        _("Weight present (%)"): (100 * scores["weight_used"]).to_numpy(),
        _("Missing components"): [", ".join(_missing(lesson, text))
                                  or pgettext("missing components", "none")
                                  for text in scores["missing"]],
    }, index=pd.Index(list(lesson.names.values()), name=pgettext("table header", "Country")))


def composite_message(lesson: Lesson) -> KeyMessage:
    """The focus country's index and rank, or why it has no full score."""
    scores = composite_scores(lesson.ds, lesson.end_year)
    complete, row = int(scores["score"].notna().sum()), scores.loc[lesson.country]
    rank = None if pd.isna(row["rank"]) else int(row["rank"])
    values = {"score": float(row["score"]), "rank": rank, "count": complete,
              "partial_score": float(row["partial_score"]), "year": lesson.end_year}
    fields = {"country": lesson.name, "window": window(lesson)}
    if rank is not None:
        text = _("On the digital-readiness index (0–100, stated weights, data {window}), "
                 "{country} scores {score} and ranks {rank} of {n} countries with complete "
                 "data.").format(score=fmt_number(row["score"]), rank=ordinal(rank), n=complete,
                                 **fields)
        return KeyMessage(text, "digital_readiness", values)
    fields["missing"] = ", ".join(_missing(lesson, row["missing"]))
    if pd.isna(row["partial_score"]):
        text = _("{country} cannot be ranked on the digital-readiness index: it has no figure "
                 "for {window} on {missing}.").format(**fields)
    else:
        text = _("{country} cannot be ranked on the digital-readiness index: it has no figure "
                 "for {window} on {missing}; over the components it has, its partial index is "
                 "{partial} (not comparable with full scores).").format(
            partial=fmt_number(row["partial_score"]), **fields)
    return KeyMessage(text, "digital_readiness", values)


def composite_chart(lesson: Lesson) -> go.Figure | None:
    """The index ranking: the top countries, the focus country and its peers."""
    scores = composite_scores(lesson.ds, lesson.end_year)
    full = scores["score"].dropna()
    if full.empty:
        lesson.skip(_("Digital-readiness index"),
                    _("No country has every component in the window."))
        return None
    names = lesson.ds.countries()["name"].to_dict()
    unranked = [names[c] for c in lesson.peer_codes if pd.isna(scores.at[c, "score"])]
    subtitle = (_("Top ten, the focus country and its peers; countries with complete data only "
                  "(not ranked: {names})").format(names=", ".join(unranked)) if unranked else
                _("Top ten, the focus country and its peers; countries with complete data only"))
    source = many_series_source(lesson.ds, [c.indicator for c in COMPONENTS],
                                _("Latest figures {window}; weights and method in the method "
                                  "box.").format(window=window(lesson)))
    return bar_compare(full, lesson.country, lesson.peer_codes,
                       title=title_with_subtitle(_rank_title(lesson, scores, len(full)), subtitle),
                       unit=_("index 0–100"), source=source, names=names,
                       x_label=_("Digital-readiness index"), limit=10)


def _rank_title(lesson: Lesson, scores: pd.DataFrame, ranked: int) -> str:
    own = scores.loc[lesson.country]
    if not pd.isna(own["score"]):
        return _("{country} ranks {rank} of {n} countries on the digital-readiness "
                 "index").format(country=lesson.name, rank=ordinal(int(own["rank"])), n=ranked)
    missing = _missing(lesson, own["missing"], sentence=False)
    lacking = (join_list(missing) if len(missing) <= 2 else
               ngettext("{n} of {total} components", "{n} of {total} components",
                        len(missing)).format(n=len(missing), total=len(COMPONENTS)))
    return _("{country} cannot be ranked on the digital-readiness index: no recent figure on "
             "{lacking}").format(country=lesson.name, lacking=lacking)
