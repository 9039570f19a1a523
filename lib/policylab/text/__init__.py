"""The text layer: how numbers and words about them are written, in one place.

``numbers``: the one decimal rule (:func:`format_value`), signs, units, missing values.
``words``: possessives, indicator labels inside sentences, lists of names.
Tables (``display``), chart labels (``charts.template``) and sentences (``narrative``) all
delegate here, so one figure reads the same wherever it is shown.
"""

# Re-exported with "import X as X" (the typing convention for a package's public names).
from policylab.text.numbers import MINUS as MINUS
from policylab.text.numbers import MISSING as MISSING
from policylab.text.numbers import decimals_for as decimals_for
from policylab.text.numbers import format_value as format_value
from policylab.text.numbers import is_missing as is_missing
from policylab.text.numbers import signed as signed
from policylab.text.numbers import with_unit as with_unit
from policylab.text.numbers import year_range as year_range
from policylab.text.words import country_in_sentence as country_in_sentence
from policylab.text.words import in_sentence as in_sentence
from policylab.text.words import is_acronym as is_acronym
from policylab.text.words import join_list as join_list
from policylab.text.words import possessive as possessive
from policylab.text.words import sentence_start as sentence_start
