"""The indicator catalogue (``data/indicators.yml``): what every indicator id means.

Notebooks and analysis code name indicators only by these ids; the catalogue says where
each comes from (publisher, series code, raw dataset), how a derived one is computed
(``recipe``), which values are plausible (``valid``), and whether higher is better.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from policylab import paths
from policylab.errors import DataError
from policylab.i18n.data import (
    PUBLISHER,
    code_text,
    data_text,
    field_text,
    translated_fields,
)
from policylab.records import check_record

TOPICS = ("performance", "greening", "digital", "value_chains")
# Raw datasets a measured indicator can come from (one reader each in policylab.raw).
DATASETS = ("wdi", "owid_co2", "climate_watch", "growth_lab_eci")
# libyaml's loader parses the catalogue ~10x faster; every notebook run reads it.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_REQUIRED = ("id", "label", "label_number", "unit", "topic", "source", "source_code",
             "definition", "higher_is_better")
#: The grammatical numbers an English label can take ("CO2 emissions were", "GDP was").
LABEL_NUMBERS = ("singular", "plural")
_OPTIONAL = ("dataset", "recipe", "available", "note", "valid")
#: Words of a label's closing bracket that state prices or a currency ("(constant prices)",
#: "(constant 2015 US$)", "(US$)", "(PPP)"), which a unit in US$ or PPP $ states precisely.
_PRICE_BRACKET = re.compile(r"US\$|\bprices\b|\bPPP\b")
_VALID_KEYS = {"min", "max", "zero_is_missing"}


@dataclass(frozen=True)
class Indicator:
    """One catalogue entry.

    ``recipe`` is None for an indicator read from a publisher file (``dataset`` says which)
    and a mapping with a ``method`` for a derived one. ``valid`` holds plausibility rules
    (``min``, ``max``, ``zero_is_missing``): values breaking them are excluded at build time
    and reported. ``available`` is False for entries the pack does not contain yet, and
    ``note`` says why. ``label_number`` is the grammatical number of the English label's
    head noun, so that a verb agrees with it ("CO2 emissions were", "the manufactures share
    of merchandise exports was"): stated for every entry, since no rule read from the words
    tells "exports" from "share of exports".
    """

    id: str
    label: str
    unit: str
    topic: str
    source: str
    source_code: str
    definition: str
    higher_is_better: bool | None
    recipe: dict[str, Any] | None = None
    available: bool = True
    note: str = ""
    dataset: str | None = None
    valid: dict[str, Any] = field(default_factory=dict)
    label_number: str = "singular"

    @property
    def label_is_plural(self) -> bool:
        """Whether a verb after the English label takes the plural ("were")."""
        return self.label_number == "plural"

    @property
    def derived(self) -> bool:
        return self.recipe is not None

    @property
    def label_beside_unit(self) -> str:
        """The label (in the current language) to write before its unit in brackets:
        without its own closing bracket when that states the prices or currency the unit
        states too ("Manufacturing value added per person (constant prices)" beside
        "constant 2015 US$ per person" said the price basis twice). Decided on the English
        label and unit, so that it holds in every language."""
        english = self.in_english("label")
        bracket = english.rpartition(" (")[2] if english.endswith(")") else ""
        if bracket and _PRICE_BRACKET.search(bracket) and "$" in self.in_english("unit"):
            return self.label.rpartition(" (")[0] or self.label
        return self.label

    @property
    def label_with_unit(self) -> str:
        """"Manufacturing value added per person (constant 2015 US$ per person)": the
        label and its unit in brackets, the price basis said once."""
        return f"{self.label_beside_unit} ({self.unit})"

    @property
    def shown_code(self) -> str:
        """``source_code`` as a reader sees it: a publisher's code as published, a recipe
        written in words ("mva_usd / sum over countries") in the current language."""
        return code_text(self.id, self.source_code)


def _indicator_text(indicator: Indicator, name: str, english: str) -> str:
    """An indicator's field in the current language, from the ``data`` catalogue (context
    ``"indicators:<id>:<field>"``; the publisher by its words, which entries share)."""
    if name == "source":
        return data_text(PUBLISHER, english)
    return field_text("indicators", indicator.id, name, english)


# ``ind.label`` is "PIB par habitant" in French; ``ind.in_english("label")`` the catalogue's.
translated_fields(Indicator, ("label", "unit", "definition", "note", "source"), _indicator_text)


def load_catalogue(path: str | os.PathLike | None = None) -> dict[str, Indicator]:
    """Read and check the catalogue; raise ``DataError`` naming the entry at fault."""
    path = Path(path) if path else paths.catalogue_path()
    if not path.exists():
        raise DataError(f"indicator catalogue not found: {path}")
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("indicators"), list):
        raise DataError(f"{path}: expected a top-level 'indicators:' list")
    catalogue: dict[str, Indicator] = {}
    for position, entry in enumerate(doc["indicators"], start=1):
        indicator = _parse_entry(entry, f"{path}: indicator #{position}")
        if indicator.id in catalogue:
            raise DataError(f"{path}: indicator id {indicator.id!r} appears twice")
        catalogue[indicator.id] = indicator
    return catalogue


def _parse_entry(entry: Any, where: str) -> Indicator:
    where = check_record(entry, where, _REQUIRED, _OPTIONAL)
    if not isinstance(entry["id"], str) or not _ID.match(entry["id"]):
        raise DataError(f"{where}: id must be snake_case text, got {entry['id']!r}")
    for key in ("label", "unit", "source", "source_code", "definition"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise DataError(f"{where}: {key} must be non-empty text")
    if entry["topic"] not in TOPICS:
        raise DataError(f"{where}: topic {entry['topic']!r} is not one of {', '.join(TOPICS)}")
    if entry["label_number"] not in LABEL_NUMBERS:
        raise DataError(f"{where}: label_number must be one of {', '.join(LABEL_NUMBERS)}")
    if entry["higher_is_better"] not in (True, False, None):
        raise DataError(f"{where}: higher_is_better must be true, false or null")
    recipe = entry.get("recipe")
    dataset = entry.get("dataset")
    if recipe is not None:
        if not isinstance(recipe, dict) or not isinstance(recipe.get("method"), str):
            raise DataError(f"{where}: recipe must be a mapping with a 'method'")
        if dataset is not None:
            raise DataError(f"{where}: a derived indicator (recipe) takes no dataset")
    elif dataset not in DATASETS:
        raise DataError(
            f"{where}: a measured indicator needs dataset: one of {', '.join(DATASETS)}"
        )
    available = entry.get("available", True)
    if not isinstance(available, bool):
        raise DataError(f"{where}: available must be true or false")
    note = entry.get("note", "")
    if not available and not note:
        raise DataError(f"{where}: an unavailable indicator needs a note saying why")
    valid = entry.get("valid") or {}
    if not isinstance(valid, dict) or set(valid) - _VALID_KEYS:
        raise DataError(f"{where}: valid takes only {', '.join(sorted(_VALID_KEYS))}")
    for key in ("min", "max"):
        if key in valid and not isinstance(valid[key], int | float):
            raise DataError(f"{where}: valid.{key} must be a number")
    return Indicator(
        id=entry["id"],
        label=entry["label"].strip(),
        unit=entry["unit"].strip(),
        topic=entry["topic"],
        source=entry["source"].strip(),
        source_code=entry["source_code"].strip(),
        definition=" ".join(entry["definition"].split()),
        higher_is_better=entry["higher_is_better"],
        recipe=dict(recipe) if recipe is not None else None,
        available=available,
        note=str(note).strip(),
        dataset=dataset,
        valid=dict(valid),
        label_number=entry["label_number"],
    )
