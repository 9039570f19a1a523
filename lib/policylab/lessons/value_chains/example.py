"""Section 4: how complexity is computed, on a worked example with MADE-UP numbers (five
imaginary countries, six products; not real data), with ``policylab.metrics.complexity``.
Learners change the table in the notebook and re-run."""

from __future__ import annotations

import pandas as pd

from policylab.display import show_table, table_bundle
from policylab.i18n import N_, _
from policylab.i18n.language import SOURCE_LANGUAGE, using_language
from policylab.i18n.names import CountryName
from policylab.learning.exercises import Exercise
from policylab.lessons.value_chains.products import YOUR_TURN
from policylab.metrics.complexity_step_tables import eci_ranking, with_margins
from policylab.metrics.complexity_steps import ComplexitySteps, complexity_steps
from policylab.text import format_value, in_sentence
from policylab.text.figures import fixed, plain

#: A MADE-UP export matrix (US$ million): five imaginary countries, six products.
WORKED_EXAMPLE = pd.DataFrame(
    [[40, 10, 30, 25, 60, 45],
     [30, 20, 25, 15, 5, 0],
     [50, 60, 20, 0, 0, 0],
     [10, 5, 40, 30, 2, 0],
     [90, 0, 0, 0, 0, 0]],
    index=pd.Index([N_("Country A"), N_("Country B"), N_("Country C"), N_("Country D"),
                    N_("Country E")], name=N_("country")),
    columns=pd.Index([N_("Fish"), N_("Coffee"), N_("Garments"), N_("Chemicals"),
                      N_("Machinery"), N_("Electronics")], name=N_("product")),
    dtype=float)
EXAMPLE_LABEL = N_("Worked example (made-up numbers, not real data)")
#: The step 3 table's diversity column and ubiquity row.
DIVERSITY, UBIQUITY = N_("Diversity k_c"), N_("Ubiquity k_p")


def example_exports() -> pd.DataFrame:
    """``WORKED_EXAMPLE`` named in the current language (what the learner edits)."""
    table = WORKED_EXAMPLE.copy()
    table.index = pd.Index([_(c) for c in table.index], name=_(table.index.name))
    table.columns = pd.Index([_(p) for p in table.columns], name=_(table.columns.name))
    return table


def worked_example(exports: pd.DataFrame | None = None) -> ComplexitySteps:
    """``metrics.complexity_steps`` on ``exports`` (default :func:`example_exports`); an
    edited table leaving a country or product without RCA >= 1 raises ``PolicylabError``."""
    return complexity_steps(example_exports() if exports is None else exports)


def _rca_cells(example: ComplexitySteps, cell: tuple[str, str], text: str) -> pd.DataFrame:
    """Every RCA to two decimals, ``text`` in the ``(country, product)`` cell."""
    table = example.rca.map(lambda v: fixed(v, 2)).astype(object)
    table.at[cell] = text
    return table


def exercise_cell(example: ComplexitySteps, lesson=None) -> tuple[str, str]:
    """The (country, product) whose RCA the exercise asks for: the second country's third
    product, or, with a ``lesson``, the first cell from there (of a product the country
    exports) whose RCA as written appears nowhere else on the English page, so that no page
    seems to give the answer and every language asks for the same cell."""
    x = example.exports
    first = (x.index[1], x.columns[2])
    if lesson is None:
        return first
    from policylab.lessons.value_chains.exercises import shown_elsewhere, top_rca_text

    with using_language(SOURCE_LANGUAGE):
        top = top_rca_text(lesson)
        cells = [first, *[(c, p) for c in x.index for p in x.columns
                          if x.at[c, p] > 0 and (c, p) != first]]
        return next((cell for cell in cells if not shown_elsewhere(
            lesson, example.rca.at[cell],
            _rca_cells(example, cell, "").to_string() + "\n" + top)), first)


def rca_table(example: ComplexitySteps, lesson=None) -> pd.DataFrame:
    """Step 2 as shown: every RCA to two decimals but the exercise's."""
    return _rca_cells(example, exercise_cell(example, lesson), _(YOUR_TURN))


def _captions(example: ComplexitySteps, country: str, product: str) -> list[str]:
    label = _(EXAMPLE_LABEL)
    return [
        _("{example}: step 1, exports (US$ million)").format(example=label),
        _("{example}: step 2, RCA = (x_cp / x_c) / (x_p / x), no unit (1 = the same share as "
          "in all exports); {country.possessive} RCA in {product} is left for the exercise "
          "below").format(example=label, country=CountryName(country),
                          product=in_sentence(product)),
        _("{example}: step 3, M = 1 where RCA ≥ 1; diversity (row sums) and ubiquity (column "
          "sums)").format(example=label),
        _("{example}: step 4, the country-country matrix M̃_cc' = Σ_p M_cp M_c'p / (k_c k_p) "
          "(rows sum to 1)").format(example=label),
        _("{example}: step 5, ECI = eigenvector of the second-largest eigenvalue ({second}; "
          "the largest is {largest}), standardised and signed to rise with diversity").format(
            example=label, second=fixed(example.eigenvalues[1], 3),
            largest=fixed(example.eigenvalues[0], 3))]


def step_tables(example: ComplexitySteps, lesson=None) -> list[tuple]:
    """The steps as ``(frame, caption, note, formats)`` for ``display.show_table``."""
    note = _("Computed here, step by step, by the method of the Atlas of Economic Complexity.")
    captions = _captions(example, *exercise_cell(example, lesson))
    diversity, name = _(DIVERSITY), example.exports.index.name or _("country")
    table = with_margins(example, diversity, _(UBIQUITY))
    return [
        (example.exports.reset_index(), captions[0], note, None),
        (rca_table(example, lesson).reset_index(), captions[1], note, None),
        (table.reset_index().rename(columns={"index": name}), captions[2], note,
         {diversity: lambda v: format_value(v, decimals=0)}),
        (example.country_matrix.round(3).reset_index(), captions[3], note, None),
        (eci_ranking(example, _("Diversity")).reset_index(), captions[4], note, None)]


def steps_text(example: ComplexitySteps, lesson=None) -> str:
    """The steps' tables as the page writes them (plain text)."""
    return "\n".join(table_bundle(*step)["text/plain"] for step in step_tables(example, lesson))


def show_worked_example(example: ComplexitySteps, lesson=None) -> None:
    """The steps as captioned tables (``lesson``: the page that shows them)."""
    for step in step_tables(example, lesson):
        show_table(*step)


def worked_example_exercise(example: ComplexitySteps | None = None, lesson=None) -> Exercise:
    """Recompute the RCA of :func:`exercise_cell` from the export table, then check it
    against M in the step 3 table. The question asks for the RCA only, which no step
    shows: asking whether it reaches 1 asked what the step 3 table's M already answers."""
    example = example or worked_example()
    x = example.exports
    country, product = exercise_cell(example, lesson)
    value = float(example.rca.at[country, product])
    cp, c, p, total = (x.at[country, product], x.loc[country].sum(), x[product].sum(),
                       x.to_numpy().sum())
    fields = {"cp": plain(cp), "c": plain(c), "p": plain(p), "total": plain(total),
              "rca": format_value(value)}
    return Exercise(
        question=_("{example}. From the step 1 table, compute the RCA of {country} in "
                   "{product}, which the step 2 table leaves out. Then check your figure "
                   "against the step 3 table, where M = 1 marks an RCA of at least 1.").format(
            example=_(EXAMPLE_LABEL), country=country, product=in_sentence(product)),
        answer=value, rel_tolerance=0.02,
        explanation=(_("RCA = ({cp} / {c}) / ({p} / {total}) = {rca}: at least 1, as M = 1 "
                       "in the step 3 table shows.")
                     if value >= 1 else
                     _("RCA = ({cp} / {c}) / ({p} / {total}) = {rca}: below 1, as M = 0 in "
                       "the step 3 table shows.")
                     ).format(**fields),
        hint=_("The country's share of the product in its exports, divided by the product's "
               "share in the whole table's exports."),
        solution=_("RCA (Balassa) = (x_cp / x_c) / (x_p / x). Then change the table in the "
                   "code cell (e.g. give Country E some machinery exports) and re-run: which "
                   "countries' ECI moves, and why?"))
