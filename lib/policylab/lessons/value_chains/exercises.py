"""The lesson's exercises on real data: export diversity against the peers and the RCA of
the largest export (panel year; unavailable where product-level results may not be shown).
The worked example's exercise is in ``example``."""

from __future__ import annotations

from policylab.evidence import peer_median
from policylab.i18n import _, pgettext
from policylab.i18n.language import SOURCE_LANGUAGE, using_language
from policylab.learning.answer_text import written_in
from policylab.learning.exercises import Exercise
from policylab.lessons.common import Lesson
from policylab.lessons.value_chains import panel, products
from policylab.metrics import product_level as pl
from policylab.text import format_value, in_sentence, signed
from policylab.text.figures import share_figures


def lesson_text(lesson: Lesson) -> str:
    """The numbers the page writes in its tables and key messages (the top exports' RCAs
    are in :func:`top_rca_text`), as the English page writes them, once per lesson: what an
    exercise's answer must not coincide with, in any language."""
    key = ("value_chains.lesson_text", lesson.country, tuple(lesson.peer_codes),
           lesson.start_year, lesson.end_year)
    return lesson.ds.cached(key, lambda: _english_text(lesson))


def _english_text(lesson: Lesson) -> str:
    from policylab.lessons import value_chains as vc

    with using_language(SOURCE_LANGUAGE):
        parts = [m.text for m in vc.messages(lesson)]
        tables = (vc.structure.export_groups_table(lesson), vc.fdi.fdi_table(lesson))
        parts += [t.bundle()["text/plain"] for t in tables if t is not None]
        if panel.section_year(lesson):
            top = pl.top_products(lesson.ds, lesson.country, products.TOP_PRODUCTS)
            parts += [share_figures(v) for v in (*top["country_share"], *top["world_share"])]
            near = pl.nearby_complex_products(lesson.ds, lesson.country,
                                              products.OPPORTUNITIES_SHOWN)
            if near is not None:
                parts += [f"{v:.2f}" for v in (*near["pci"], *near["rca"])]
                parts += [f"{v:.3f}" for v in near["distance"]]
        return "\n".join(parts)


def top_rca_text(lesson: Lesson, leave_out: str | None = None) -> str:
    """The RCAs of the top-exports table as written, but that of HS ``leave_out``."""
    if not panel.section_year(lesson):
        return ""
    top = pl.top_products(lesson.ds, lesson.country, products.TOP_PRODUCTS)
    return "\n".join(format_value(v) for code, v in zip(top["product"].astype(str), top["rca"],
                                                        strict=True) if code != leave_out)


def shown_elsewhere(lesson: Lesson, answer: float, more: str = "") -> bool:
    """Would ``answer``, as a solution writes it, appear in the page (or in ``more``)?"""
    return written_in(answer, lesson_text(lesson), more)


def diversity_exercise(lesson: Lesson) -> Exercise:
    """How many more (or fewer) products with RCA >= 1 than the peers' median, in the
    panel year? Unavailable (NaN) without product-level results or a peer median."""
    year = panel.section_year(lesson)
    own = lesson.ds.latest("diversity", lesson.country) if year else None
    if own is None or own.year != year:
        return Exercise(question=_diversity_question(lesson, None), answer=float("nan"),
                        unit=pgettext("unit", "products"))
    question = _diversity_question(lesson, year)
    median = peer_median(lesson.ds, "diversity", lesson.peer_codes, year)
    if not median.ok:
        return Exercise(question=question, answer=float("nan"), unit=pgettext("unit", "products"),
                        explanation=median.sentence())
    answer, count = own.value - median.value, format_value(own.value, decimals=0)
    middle = format_value(median.value, decimals=1)
    return Exercise(
        question=question, answer=float(answer), unit=pgettext("unit", "products"), tolerance=1.0,
        explanation=_("{country}: {count} products in {year}; median of its "
                      "{peers} peers with data: {middle}; difference {count} − "
                      "{middle} = {difference}.").format(country=lesson.name,
                        count=count, year=year, peers=median.count, middle=middle,
                        difference=signed(answer, decimals=1)),
        hint=_("Read the country's bar, then sort the peers' bars and take the middle one "
               "(the mean of the two middle ones for an even number)."),
        solution=_("Diversity = number of products with RCA ≥ 1 (after cleaning); the "
                   "difference is the country's count minus the peers' median."))


def _diversity_question(lesson: Lesson, year: int | None) -> str:
    """The question, pointing at the export-diversity chart of ``year`` only when the page
    shows it (``year`` None: no chart, no year)."""
    if year is None:
        return _("How many products does {country} export with revealed "
                 "comparative advantage (RCA ≥ 1), and how many more than the "
                 "median of its peers? Give the difference (negative if fewer).").format(
                     country=lesson.name)
    return _("From the export-diversity chart ({year}): how many products did "
             "{country} export with RCA ≥ 1 in {year}, and how many more than the "
             "median of its peers shown? Give the difference (negative if "
             "fewer).").format(country=lesson.name, year=year)


def rca_exercise(lesson: Lesson) -> Exercise:
    """Compute the RCA of ``products.exercise_product`` from its two shares."""
    code = products.exercise_product(lesson)
    if code is None:
        return Exercise(question=_("Compute the RCA of one of {country.possessive} largest "
                                   "exports from its share in the country's "
                                   "exports and its share in world exports.").format(
                                       country=lesson.name),
                        answer=float("nan"), unit="")
    top = pl.top_products(lesson.ds, lesson.country, products.EXERCISE_POOL)
    row, year = top[top["product"].astype(str) == code].iloc[0], panel.section_year(lesson)
    value = float(row["rca"])
    own, world = share_figures(row["country_share"]), share_figures(row["world_share"])
    in_table = code in set(top["product"].astype(str).head(products.TOP_PRODUCTS))
    fields = {"year": year, "product": in_sentence(row["name"]), "code": row["product"],
              "own": own, "world": world}
    question = (_("In the table of largest exports ({year}), {product} (HS {code}) makes up "
                  "{own} of {country.possessive} exports and {world} of world exports in {year}. "
                  "Compute its revealed comparative advantage (RCA).") if in_table else
                _("In the product panel ({year}), {product} (HS {code}) makes up {own} of "
                  "{country.possessive} exports and {world} of world exports in {year}. Compute "
                  "its revealed comparative advantage (RCA)."))
    return Exercise(
        question=question.format(country=lesson.name, **fields),
        answer=value, rel_tolerance=0.02,
        explanation=_("RCA = share in the country's exports / share in world exports = "
                      "{own} / {world} = {rca} ({year}): above 1 means the country exports "
                      "relatively more of it than the world does.").format(
            own=own, world=world, rca=format_value(value), year=year),
        hint=_("Divide the first share by the second; the % signs cancel."),
        solution=_("RCA (Balassa) = (x_cp / x_c) / (x_p / x)."))
