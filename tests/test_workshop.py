"""Workshop files: every mistake gets a specific message, all at once, and nothing runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from policylab.batch.notebooks import discover_notebooks, list_notebooks_command
from policylab.batch.workshop import load_workshop
from policylab.errors import WorkshopError
from policylab.paths import output_root, workshops_dir

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
COUNTRIES = {"KEN": "Kenya", "ETH": "Ethiopia", "UGA": "Uganda", "TZA": "Tanzania",
             "VNM": "Viet Nam", "NAM": "Namibia"}


@pytest.fixture(scope="module")
def notebooks():
    return discover_notebooks(FIXTURES)


def _load(tmp_path: Path, text: str, notebooks, name: str = "east-africa"):
    path = tmp_path / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    return load_workshop(path, countries=COUNTRIES, notebooks=notebooks)


def _problems(tmp_path: Path, text: str, notebooks) -> str:
    with pytest.raises(WorkshopError) as caught:
        _load(tmp_path, text, notebooks)
    return str(caught.value)


def test_parameters_cell_is_read_with_names_types_and_defaults(notebooks):
    switch = notebooks["01_toy_switch"]
    assert list(switch.parameters) == ["country", "peers", "start_year", "end_year",
                                       "results_path", "fail"]
    assert switch.parameters["start_year"].annotation == "int"
    assert switch.parameters["start_year"].default == 2000
    assert switch.parameters["fail"].default is False
    assert switch.per_country
    assert not notebooks["forum_synthesis"].per_country


def test_valid_file_resolves_names_and_fills_defaults(tmp_path, notebooks):
    workshop = _load(tmp_path, """
title: Industrial policy in East Africa
date: 2027-03-15
countries: [KEN, Ethiopia, Viet Nam, NA]
parameters: {start_year: 2005}
overrides:
  Kenya: {peers: [Uganda, TZA]}
""", notebooks)
    assert workshop.countries == ["KEN", "ETH", "VNM", "NAM"]
    assert workshop.date == "2027-03-15"
    assert workshop.overrides == {"KEN": {"peers": ["UGA", "TZA"]}}
    assert workshop.parameters_for("KEN") == {"start_year": 2005, "peers": ["UGA", "TZA"]}
    assert "forum_synthesis" not in workshop.notebooks and workshop.forum
    assert set(workshop.notebooks) == {n for n, s in notebooks.items() if s.per_country}
    assert workshop.output == output_root() / "east-africa"


def test_all_means_every_country_of_the_pack(tmp_path, notebooks):
    workshop = _load(tmp_path, "title: Everyone\ncountries: all\n", notebooks)
    assert workshop.countries == sorted(COUNTRIES)


def test_yaml_syntax_error_names_the_line(tmp_path, notebooks):
    message = _problems(tmp_path, "title: x\ncountries: [KEN, ETH\nnotebooks: []\n", notebooks)
    assert "YAML syntax error at line" in message


def test_missing_title_and_countries_are_reported(tmp_path, notebooks):
    message = _problems(tmp_path, "date: 2027-01-01\n", notebooks)
    assert "'title' is required" in message
    assert "'countries' is required" in message


def test_unknown_key_suggests_the_right_one(tmp_path, notebooks):
    message = _problems(tmp_path, "title: x\ncountries: [KEN]\norganizer: UNIDO\n", notebooks)
    assert "line 3: unknown key 'organizer' (did you mean 'organiser'?)" in message


def test_unknown_country_suggests_close_names(tmp_path, notebooks):
    message = _problems(tmp_path, "title: x\ncountries: [KEN, Keyna]\n", notebooks)
    assert "line 2:" in message and "'Keyna'" in message and "Kenya (KEN)" in message


def test_country_read_as_boolean_asks_for_quotes(tmp_path, notebooks):
    message = _problems(tmp_path, "title: x\ncountries: [KEN, NO]\n", notebooks)
    assert "country False is not text" in message


def test_unknown_notebook_suggests_close_names(tmp_path, notebooks):
    message = _problems(tmp_path, "title: x\ncountries: [KEN]\nnotebooks: [00_toy_profil]\n",
                        notebooks)
    assert "unknown notebook '00_toy_profil'; did you mean '00_toy_profile'?" in message


def test_undeclared_parameter_fails_where_papermill_only_warns(tmp_path, notebooks):
    message = _problems(tmp_path, "title: x\ncountries: [KEN]\nparameters: {start_yaer: 2000}\n",
                        notebooks)
    assert "parameter 'start_yaer' is not declared by any selected notebook" in message
    assert "did you mean 'start_year'?" in message


def test_parameter_of_wrong_type_is_reported_with_the_annotation(tmp_path, notebooks):
    message = _problems(tmp_path, "title: x\ncountries: [KEN]\nparameters: {start_year: '2000'}\n",
                        notebooks)
    assert "parameter 'start_year' must be int" in message and "got str '2000'" in message


def test_parameters_set_by_the_batch_are_refused(tmp_path, notebooks):
    message = _problems(tmp_path, "title: x\ncountries: [KEN]\nparameters: {country: ETH}\n",
                        notebooks)
    assert "parameter 'country' is set by the batch" in message


def test_override_for_a_country_outside_the_workshop(tmp_path, notebooks):
    message = _problems(tmp_path, "title: x\ncountries: [KEN]\noverrides: {UGA: {fail: true}}\n",
                        notebooks)
    assert "override for 'UGA' (UGA), which is not among the workshop's countries" in message


def test_every_problem_is_listed_at_once(tmp_path, notebooks):
    message = _problems(tmp_path, """
title: x
countries: [KEN, Atlantis]
notebooks: [00_toy_profile, nope]
parameters: {end_year: last}
colour: blue
""", notebooks)
    assert "4 problems; nothing was run" in message
    for fragment in ("Atlantis", "'nope'", "'end_year' must be int", "'colour'"):
        assert fragment in message


def test_list_notebooks_prints_kind_and_parameters(capsys):
    assert list_notebooks_command(FIXTURES) == 0
    out = capsys.readouterr().out
    assert "01_toy_switch" in out and "fail: bool = False" in out
    assert "forum_synthesis" in out and "per workshop" in out


@pytest.mark.parametrize("name", ["demo", "all-countries"])
def test_shipped_workshop_files_use_only_known_keys(name):
    import yaml

    data = yaml.safe_load((workshops_dir() / f"{name}.yml").read_text(encoding="utf-8"))
    assert data["title"]
    assert set(data) <= {"title", "date", "organiser", "countries", "notebooks", "parameters",
                         "overrides", "output"}


@pytest.mark.realdata
@pytest.mark.parametrize("name", ["demo", "all-countries"])
def test_shipped_workshop_files_validate_against_the_real_pack(name, real_dataset):
    names = real_dataset.countries()["name"].to_dict()
    workshop = load_workshop(workshops_dir() / f"{name}.yml", countries=names,
                             notebooks=discover_notebooks())
    assert workshop.countries
    assert set(workshop.countries) <= set(names)
    if name == "all-countries":
        assert len(workshop.countries) == len(names)
        assert not workshop.forum


@pytest.mark.parametrize("params, message", [
    ("{start_year: 1200}", "start_year 1200 must lie between 1960"),
    ("{start_year: 3000}", "start_year 3000 must lie between 1960"),
    ("{end_year: -5}", "end_year -5 must be 0 (the latest year)"),
    ("{start_year: 2015, end_year: 2010}", "end_year 2010 comes before start_year 2015"),
])
def test_year_ranges_are_checked_with_the_workshop_file(tmp_path, notebooks, params, message):
    problems = _problems(tmp_path, f"title: T\ncountries: [KEN]\nparameters: {params}\n",
                         notebooks)
    assert message in problems


def test_an_override_that_reverses_the_years_is_named(tmp_path, notebooks):
    problems = _problems(tmp_path, "title: T\ncountries: [KEN, ETH]\n"
                         "parameters: {start_year: 2010}\noverrides:\n  ETH: {end_year: 2005}\n",
                         notebooks)
    assert "end_year 2005 comes before start_year 2010 (for ETH)" in problems


def test_two_overrides_for_one_country_are_refused(tmp_path, notebooks):
    problems = _problems(tmp_path, "title: T\ncountries: [KEN]\noverrides:\n"
                         "  KEN: {start_year: 2005}\n  Kenya: {start_year: 2010}\n", notebooks)
    assert "two overrides for KEN" in problems


def test_a_country_listed_twice_is_refused(tmp_path, notebooks):
    """KEN and Kenya are one country: reported like two overrides for it, not merged."""
    problems = _problems(tmp_path, "title: T\ncountries:\n  - KEN\n  - Kenya\n", notebooks)
    assert "line 4: country 'Kenya' (KEN) is listed twice (first as 'KEN')" in problems


@pytest.mark.parametrize("value", ["0", "-3", "ten"])
def test_a_timeout_that_is_not_a_positive_number_is_refused(value, capsys):
    from policylab.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["build", "params/workshops/demo.yml", "--timeout", value])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "--timeout" in err and "Traceback" not in err


@pytest.mark.parametrize("content, message", [
    ("title: T\ncountries: [KEN]\n".encode("utf-16"), "saved as UTF-16"),
    (b"title: Atelier r\xe9gional\ncountries: [KEN]\n", "not UTF-8 text"),
    (b"title: T\ndate: 2027-02-30\ncountries: [KEN]\n", "a value cannot be read"),
    (b"title: T\ncountries: " + b"[" * 3000 + b"]" * 3000 + b"\n", "nested too deeply"),
    (b"title: T\ntitle: U\ncountries: [KEN]\n", "key 'title' is given twice"),
    (b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
     b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\ntitle: T\ncountries: *e\n",
     "expands to more than 100,000 values through YAML aliases"),
    (b"title: !!python/object/apply:os.system [echo hi]\ncountries: [KEN]\n", "YAML syntax"),
])
def test_unreadable_workshop_files_get_one_clear_message(tmp_path, notebooks, content, message):
    path = tmp_path / "w.yml"
    path.write_bytes(content)
    with pytest.raises(WorkshopError, match=message):
        load_workshop(path, countries=COUNTRIES, notebooks=notebooks)


def test_many_plain_keys_are_counted_as_values_not_blamed_on_aliases(tmp_path, notebooks):
    """60,000 lines `kN: 1` (under the 1 MB cap) hold too many values but no alias."""
    path = tmp_path / "w.yml"
    path.write_text("title: T\ncountries: [KEN]\n"
                    + "".join(f"k{n}: 1\n" for n in range(60_000)), encoding="utf-8")
    with pytest.raises(WorkshopError, match="holds more than 100,000 values") as caught:
        load_workshop(path, countries=COUNTRIES, notebooks=notebooks)
    assert "alias" not in str(caught.value)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, notebooks):
    path = tmp_path / "w.yml"
    path.write_bytes(b"title: T\n" + b"# padding\n" * 200_000)
    with pytest.raises(WorkshopError, match="is not a workshop file"):
        load_workshop(path, countries=COUNTRIES, notebooks=notebooks)


def test_problems_are_reported_at_the_items_line(tmp_path, notebooks):
    problems = _problems(tmp_path, "title: T\ncountries:\n  - KEN\n  - Atlantis\n"
                         "notebooks:\n  - 00_toy_profile\n  - 99_nothing\noverrides:\n"
                         "  KEN: {start_year: 2005}\n  Narnia: {start_year: 2005}\n", notebooks)
    assert "line 4: unknown country 'Atlantis'" in problems
    assert "line 7: unknown notebook '99_nothing'" in problems
    assert "line 10: unknown country 'Narnia'" in problems


@pytest.fixture(scope="module")
def real_notebooks():
    from policylab.paths import notebooks_dir

    return discover_notebooks(notebooks_dir())


REGIONS = {"KEN": "Sub-Saharan Africa", "ETH": "Sub-Saharan Africa", "UGA": "Sub-Saharan Africa",
           "TZA": "Sub-Saharan Africa", "VNM": "East Asia & Pacific", "NAM": "Sub-Saharan Africa"}


@pytest.mark.parametrize("pool, expected", [
    ("[KEN, Uganda, TZA]", ["KEN", "UGA", "TZA"]),
    ("workshop", ["KEN", "ETH", "VNM"]),
    ("Sub-Saharan Africa", ["ETH", "KEN", "NAM", "TZA", "UGA"]),
])
def test_peer_pool_reaches_the_notebooks_that_declare_it(tmp_path, real_notebooks, pool,
                                                         expected):
    path = tmp_path / "w.yml"
    path.write_text(f"title: T\ncountries: [KEN, ETH, Viet Nam]\npeer_pool: {pool}\n",
                    encoding="utf-8")
    workshop = load_workshop(path, countries=COUNTRIES, notebooks=real_notebooks,
                             regions=REGIONS)
    assert workshop.parameters_for("KEN")["peer_pool"] == expected


def test_a_bad_peer_pool_is_named(tmp_path, real_notebooks):
    for pool, message in (("Atlantis", "neither the word workshop nor a region"),
                          ("[KEN, ETH]", "at least 3 countries"),
                          ("[KEN, Narnia, ETH]", "unknown country 'Narnia'")):
        path = tmp_path / "w.yml"
        path.write_text(f"title: T\ncountries: [KEN]\npeer_pool: {pool}\n", encoding="utf-8")
        with pytest.raises(WorkshopError, match=message):
            load_workshop(path, countries=COUNTRIES, notebooks=real_notebooks, regions=REGIONS)


def test_thousands_of_problems_are_listed_twenty_at_a_time(tmp_path, notebooks):
    keys = "".join(f"unknown_key_{n}: {'x' * 50}\n" for n in range(5000))
    problems = _problems(tmp_path, "title: T\ncountries: [KEN]\n" + keys, notebooks)
    assert "5000 problems" in problems and "... and 4980 more" in problems
    assert len(problems) < 20_000
