"""The indicator catalogue: the committed file is complete and consistent; bad files fail
with a message that names the entry."""

from __future__ import annotations

import textwrap

import pytest

from policylab.catalogue import TOPICS, load_catalogue
from policylab.errors import DataError
from policylab.i18n import using_language
from policylab.pack.derived import ANALYSIS, METHODS, recipe_inputs

CORE_IDS = """gdp_usd gdp_const_usd gdp_per_capita gdp_per_capita_ppp gdp_growth population
mva_share_gdp mva_const_usd industry_share_gdp agriculture_share_gdp mht_share_mva
mht_share_manuf_exports manuf_share_merch_exports merch_exports_usd gdp_per_person_employed
labour_force female_share_labour_force empl_agriculture_female empl_agriculture_male
empl_industry_female empl_industry_male empl_services_female empl_services_male
resource_rents_share_gdp fuel_share_merch_exports ores_share_merch_exports investment_share_gdp
mva_usd mva_per_capita manuf_exports_usd manuf_exports_per_capita world_mva_share
world_manuf_exports_share services_share_gdp cip_score cip_rank eci diversity co2_mt
co2_per_capita co2_per_gdp cement_co2_mt ghg_industry_mt ghg_manuf_construction_mt ghg_total_mt
energy_intensity renewable_share_energy renewable_share_electricity energy_use_per_capita
electricity_access co2_per_mva internet_users_share fixed_broadband_per100 mobile_per100
secure_servers_per_million ict_goods_share_exports hightech_share_manuf_exports
hightech_exports_usd rd_share_gdp researchers_per_million patents_resident journal_articles
ict_investment_usd fdi_inflows_usd exports_gnfs_share_gdp imports_gnfs_share_gdp trade_share_gdp
lpi_score""".split()


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_catalogue_has_every_core_id(catalogue):
    assert len(catalogue) >= 30
    assert sorted(set(CORE_IDS) - set(catalogue)) == []


def test_every_topic_is_used(catalogue):
    assert {i.topic for i in catalogue.values()} == set(TOPICS)


def test_recipes_use_known_methods_and_ids(catalogue):
    for ind in catalogue.values():
        if not ind.derived:
            continue
        if ind.available and ind.recipe["method"] == ANALYSIS:
            assert ind.recipe["function"] in {"cip", "complexity"}, ind.id
        elif ind.available:
            assert ind.recipe["method"] in METHODS, ind.id
        for needed in recipe_inputs(ind.recipe):
            assert needed in catalogue, (ind.id, needed)


def test_analysis_layer_indicators_are_computed_in_the_build(catalogue):
    for ind_id, function in (("cip_score", "cip"), ("cip_rank", "cip"),
                             ("diversity", "complexity")):
        assert catalogue[ind_id].available is True
        assert catalogue[ind_id].recipe == {"method": ANALYSIS, "function": function}


def test_source_codes_match_the_architecture(catalogue):
    assert catalogue["mva_share_gdp"].source_code == "NV.IND.MANF.ZS"
    assert catalogue["mva_share_gdp"].higher_is_better is True
    assert catalogue["co2_mt"].source_code == "EN.GHG.CO2.MT.CE.AR5"  # EDGAR, to 2024
    assert catalogue["cement_co2_mt"].dataset == "owid_co2"
    assert catalogue["ghg_industry_mt"].source_code == "Industry"


def test_eci_is_the_growth_labs_hs92_variant_never_spliced(catalogue):
    """DESIGN §9: eci and eci_rank are the published HS92 values, read as they are."""
    assert (catalogue["eci"].dataset, catalogue["eci"].source_code) == (
        "growth_lab_eci", "eci_hs92")
    assert (catalogue["eci_rank"].dataset, catalogue["eci_rank"].source_code) == (
        "growth_lab_eci", "eci_rank_hs92")
    assert catalogue["eci"].recipe is None


def test_industry_co2_is_combustion_plus_processes_not_power(catalogue):
    recipe = catalogue["co2_industry_mt"].recipe
    assert recipe == {"method": "sum",
                      "parts": ["co2_industry_combustion_mt", "co2_industry_processes_mt"]}
    assert catalogue["co2_industry_processes_mt"].source_code == "EN.GHG.CO2.IP.MT.CE.AR5"
    assert catalogue["co2_power_mt"].source_code == "EN.GHG.CO2.PI.MT.CE.AR5"


def _write(tmp_path, body: str):
    path = tmp_path / "indicators.yml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


ENTRY = """\
  - id: gdp_usd
    label: GDP
    label_number: singular
    unit: current US$
    topic: performance
    source: World Bank
    dataset: wdi
    source_code: NY.GDP.MKTP.CD
    definition: Output.
    higher_is_better: true
"""


def test_a_valid_small_catalogue_loads(tmp_path):
    catalogue = load_catalogue(_write(tmp_path, "indicators:\n" + ENTRY))
    assert catalogue["gdp_usd"].recipe is None and catalogue["gdp_usd"].available


@pytest.mark.parametrize("body, message", [
    ("indicators: [\n", "not valid YAML"),
    ("indicator: []\n", "top-level 'indicators:' list"),
    ("indicators:\n" + ENTRY + ENTRY, "'gdp_usd' appears twice"),
    ("indicators:\n" + ENTRY.replace("    unit: current US$\n", ""),
     r"indicator #1 \(gdp_usd\): missing field\(s\) unit"),
    ("indicators:\n" + ENTRY.replace("performance", "sport"), "topic 'sport' is not one of"),
    ("indicators:\n" + ENTRY.replace("    label_number: singular\n", ""),
     r"missing field\(s\) label_number"),
    ("indicators:\n" + ENTRY.replace("singular", "many"), "label_number must be one of"),
    ("indicators:\n" + ENTRY.replace("dataset: wdi", "dataset: imf"), "needs dataset"),
    ("indicators:\n" + ENTRY + "    colour: red\n", r"unknown field\(s\) colour"),
    ("indicators:\n" + ENTRY + "    available: false\n", "needs a note"),
    ("indicators:\n" + ENTRY + "    valid: {low: 0}\n", "valid takes only"),
    ("indicators:\n" + ENTRY.replace("id: gdp_usd", "id: GDP-usd"), "snake_case"),
])
def test_malformed_catalogue_is_a_clear_error(tmp_path, body, message):
    with pytest.raises(DataError, match=message):
        load_catalogue(_write(tmp_path, body))


def test_missing_catalogue_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match="catalogue not found"):
        load_catalogue(tmp_path / "nope.yml")


def test_a_label_beside_its_unit_states_the_price_basis_once():
    catalogue = load_catalogue()
    shown = {key: catalogue[key].label_with_unit for key in catalogue}
    assert shown["mva_per_capita_const"] == (
        "Manufacturing value added per person (constant 2015 US$ per person)")
    assert shown["gdp_const_usd"] == "GDP (constant 2015 US$)"
    assert shown["hightech_exports_usd"] == "High-technology exports (current US$)"
    assert shown["gdp_per_capita_ppp"] == "GDP per capita (current international $ (PPP))"
    # a bracket that is not about prices stays
    assert shown["ghg_total_mt"] == (
        "Greenhouse-gas emissions (excluding land use) (million tonnes CO2e)")
    assert shown["mva_usd_reported"] == "Manufacturing value added (reported) (current US$)"
    for key, text in shown.items():
        for word in ("US$", "constant", "prices", "PPP"):
            assert text.count(word) <= 1, (key, text)
    with using_language("fr"):
        assert catalogue["mva_per_capita_const"].label_with_unit == (
            "Valeur ajoutée manufacturière par habitant (US$ constants de 2015 par habitant)")
