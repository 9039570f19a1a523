"""``policylab data fetch`` without internet: a fake wbgapi client and a fake HTTP session
serve small hand-made files from tests/fixtures/fetch in the publishers' formats."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
import requests
import wbgapi

from policylab import cli
from policylab.catalogue import Indicator
from policylab.errors import FetchError
from policylab.fetch import (
    SOURCES,
    catalogue_wdi_series,
    fetch_sources,
    offline_only_sources,
    run,
    sources,
    transport,
    worldbank,
)

FIXTURES = Path(__file__).parent / "fixtures" / "fetch"
REAL_RAW = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw"
SERIES = ["NV.IND.MANF.ZS", "SP.POP.TOTL"]


class FakeResponse:
    def __init__(self, status: int, body: bytes):
        self.status_code = status
        self.reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}.get(status, "")
        self.content = body


class FakeSession:
    """Answers each URL from a queue of (status, body) or exceptions; the last answer repeats."""

    def __init__(self, routes: dict[str, list]):
        self.routes = {url: list(answers) for url, answers in routes.items()}
        self.calls: list[tuple[str, float | None]] = []

    def get(self, url, timeout=None):
        self.calls.append((url, timeout))
        queue = self.routes[url]
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        return FakeResponse(*answer)


class FakeWorldBank:
    """The slice of wbgapi that fetch uses; ``failures`` are raised (per series) first."""

    endpoint = "https://api.worldbank.org/v2"

    def __init__(self, failures: dict[str, list[Exception]] | None = None):
        self.get_options: dict = {}
        self.failures = failures or {}
        self.calls: list[tuple[str, dict, dict]] = []
        self.records = json.loads((FIXTURES / "wbgapi_wdi.json").read_text())
        economies = json.loads((FIXTURES / "wbgapi_economies.json").read_text())
        self.data = SimpleNamespace(fetch=self._fetch)
        self.economy = SimpleNamespace(
            list=lambda labels=False: iter(economies),
            iso2={row["id"]: row["iso2"] for row in economies}.get,
        )

    def _fetch(self, code, **kwargs):
        self.calls.append((code, kwargs, dict(self.get_options)))
        if self.failures.get(code):
            raise self.failures[code].pop(0)
        yield from self.records[code]


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def good_routes() -> dict[str, list]:
    return {
        sources.OWID_CO2_DATA_URL: [(200, fixture_bytes("owid-co2-data.csv"))],
        sources.OWID_CO2_CODEBOOK_URL: [(200, fixture_bytes("owid-co2-codebook.csv"))],
        sources.SITC_REV2_URL: [(200, fixture_bytes("sitc_rev2_upstream.csv"))],
    }


def read_rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    """Record the waits between retries instead of sleeping."""
    waits: list[float] = []
    monkeypatch.setattr(transport.time, "sleep", waits.append)
    return waits


def fetch(raw: Path, names=None, *, client=None, session=None, timeout=60.0):
    return fetch_sources(
        raw, names, series=SERIES, client=client or FakeWorldBank(),
        session=session or FakeSession(good_routes()), timeout=timeout, progress=False,
    )


def test_writes_the_raw_layout_with_its_columns(tmp_path):
    report = fetch(tmp_path)

    assert report.failed == {}
    assert sorted(report.written) == sorted([
        "wdi/NV.IND.MANF.ZS.csv", "wdi/SP.POP.TOTL.csv", "classifications/wb_economies.csv",
        "owid/owid-co2-data.csv", "owid/owid-co2-codebook.csv",
        "classifications/sitc_rev2.csv",
    ])
    assert read_rows(tmp_path / "wdi" / "NV.IND.MANF.ZS.csv") == [
        ["Country Name", "Country Code", "Year", "Value"],
        ["Kenya", "KEN", "2019", "7.25"],
        ["Kenya", "KEN", "2020", "7.5"],
        ["Namibia", "NAM", "2019", "11.5"],
        ["World", "WLD", "2019", "16.0"],
    ]  # sorted by code and year; Kenya's blank 2018 is an absent row
    population = read_rows(tmp_path / "wdi" / "SP.POP.TOTL.csv")
    assert population[1] == ["Kenya", "KEN", "2019", "52000000"]
    # OWID files are kept exactly as published
    assert (tmp_path / "owid" / "owid-co2-data.csv").read_bytes() == fixture_bytes(
        "owid-co2-data.csv")
    assert (tmp_path / "owid" / "owid-co2-codebook.csv").read_bytes() == fixture_bytes(
        "owid-co2-codebook.csv")


def test_sitc_names_are_normalised_to_the_layout(tmp_path):
    fetch(tmp_path, ["sitc_names"])

    assert read_rows(tmp_path / "classifications" / "sitc_rev2.csv") == [
        ["code", "name", "level", "name_short", "parent_code"],
        ["0", "Food and live animals chiefly for food", "section", "Food", ""],
        ["00", "Live animals chiefly for food", "2digit", "Live animals", "0"],
        # the 3-digit group is dropped and its child points to the 2-digit parent
        ["0011", "Animals of the bovine species (including buffaloes), live", "4digit",
         "Bovine animals", "00"],
        ["7", "Machinery and transport equipment", "section", "Machinery and vehicles", ""],
        ["78", "Road vehicles", "2digit", "Road vehicles", "7"],
        ["7810", "Passenger motor cars, for transport of passengers and goods", "4digit",
         "Cars", "78"],
    ]


def test_economies_keep_namibia_iso2_as_text_and_mark_aggregates(tmp_path):
    fetch(tmp_path, ["wb_economies"])
    path = tmp_path / "classifications" / "wb_economies.csv"

    rows = read_rows(path)
    assert rows[0] == ["Country Code", "ISO2 Code", "Country Name", "Region", "Income Group",
                       "Lending Type"]
    assert ["NAM", "NA", "Namibia", "Sub-Saharan Africa", "Upper middle income",
            "IBRD"] in rows
    assert ["WLD", "1W", "World", "Aggregates", "Aggregates", "Aggregates"] in rows
    table = pd.read_csv(path, keep_default_na=False, dtype=str).set_index("Country Code")
    assert table.loc["NAM", "ISO2 Code"] == "NA"


def test_manifest_records_url_bytes_and_checksum(tmp_path):
    fetch(tmp_path)
    manifest = json.loads((tmp_path / run.MANIFEST_NAME).read_text())

    for path in ("owid/owid-co2-data.csv", "wdi/SP.POP.TOTL.csv"):
        data = (tmp_path / path).read_bytes()
        entry = manifest[path]
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["fetched_at"].endswith("+00:00")
    assert manifest["owid/owid-co2-data.csv"]["url"] == sources.OWID_CO2_DATA_URL
    assert "SP.POP.TOTL" in manifest["wdi/SP.POP.TOTL.csv"]["url"]


def test_manifest_keeps_entries_of_earlier_runs(tmp_path):
    fetch(tmp_path, ["owid_co2"])
    fetch(tmp_path, ["sitc_names"])
    manifest = json.loads((tmp_path / run.MANIFEST_NAME).read_text())
    assert {"owid/owid-co2-data.csv", "classifications/sitc_rev2.csv"} <= set(manifest)


GARBLED = {
    "html error page": (200, b"<!DOCTYPE html><html><body>Rate limit</body></html>"),
    "truncated body": (200, b"iso_code,country,year,co2,co2_per_capita,co2_per_gdp,"
                            b"cement_co2\nKEN,Kenya,2019,18.0,0.35,0.2,2.5\nKEN,Ke"),
    "renamed column": (200, b"iso3,country,year,co2,co2_per_capita,co2_per_gdp,cement_co2\n"
                            b"KEN,Kenya,2019,18.0,0.35,0.2,2.5\n"),
    "not found": (404, b"Not Found"),
}


@pytest.mark.parametrize("answer", GARBLED.values(), ids=GARBLED.keys())
def test_bad_download_leaves_the_previous_file_byte_identical(tmp_path, answer):
    previous = b"iso_code,country,year,co2\nKEN,Kenya,1999,1.0\n"
    target = tmp_path / "owid" / "owid-co2-data.csv"
    target.parent.mkdir(parents=True)
    target.write_bytes(previous)
    routes = good_routes() | {sources.OWID_CO2_DATA_URL: [answer]}

    report = fetch(tmp_path, ["owid_co2"], session=FakeSession(routes))

    assert target.read_bytes() == previous
    assert list(report.failed) == ["owid/owid-co2-data.csv"]
    assert report.written == ["owid/owid-co2-codebook.csv"]
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "owid-co2-codebook.csv", "owid-co2-data.csv"]  # no temporary file left behind


def test_failed_wdi_series_keeps_its_previous_file(tmp_path):
    previous = b"Country Name,Country Code,Year,Value\nKenya,KEN,2000,1.0\n"
    target = tmp_path / "wdi" / "SP.POP.TOTL.csv"
    target.parent.mkdir(parents=True)
    target.write_bytes(previous)
    client = FakeWorldBank({"SP.POP.TOTL": [wbgapi.APIError("url", "Invalid value", 400)]})

    report = fetch(tmp_path, ["wdi"], client=client)

    assert target.read_bytes() == previous
    assert "Invalid value" in report.failed["wdi/SP.POP.TOTL.csv"]
    assert report.written == ["wdi/NV.IND.MANF.ZS.csv"]
    assert [call[0] for call in client.calls].count("SP.POP.TOTL") == 1  # 400 is not retried


def test_transient_503_is_retried_with_backoff_then_succeeds(tmp_path, no_backoff):
    routes = good_routes()
    routes[sources.OWID_CO2_DATA_URL] = [(503, b""), (503, b""),
                                         (200, fixture_bytes("owid-co2-data.csv"))]
    session = FakeSession(routes)

    report = fetch(tmp_path, ["owid_co2"], session=session)

    assert report.failed == {}
    assert [url for url, _ in session.calls].count(sources.OWID_CO2_DATA_URL) == 3
    assert no_backoff == [transport.RETRY_BACKOFF_SECONDS, 2 * transport.RETRY_BACKOFF_SECONDS]
    assert (tmp_path / "owid" / "owid-co2-data.csv").read_bytes() == fixture_bytes(
        "owid-co2-data.csv")


def test_world_bank_503_is_retried_then_succeeds(tmp_path):
    client = FakeWorldBank({"NV.IND.MANF.ZS": [
        wbgapi.APIError("url", "Service Unavailable", 503),
        requests.ReadTimeout("read timed out"),
    ]})

    report = fetch(tmp_path, ["wdi"], client=client)

    assert report.failed == {}
    assert [call[0] for call in client.calls].count("NV.IND.MANF.ZS") == 3


def test_persistent_503_gives_up_after_the_last_attempt(tmp_path):
    routes = good_routes() | {sources.SITC_REV2_URL: [(503, b"")]}
    session = FakeSession(routes)

    report = fetch(tmp_path, ["sitc_names"], session=session)

    assert "HTTP 503" in report.failed["classifications/sitc_rev2.csv"]
    assert len(session.calls) == transport.RETRY_ATTEMPTS


def test_timeout_reaches_every_request(tmp_path):
    session, client = FakeSession(good_routes()), FakeWorldBank()
    client.get_options = {"verify": True}

    fetch(tmp_path, session=session, client=client, timeout=7.5)

    assert {timeout for _, timeout in session.calls} == {7.5}
    assert all(options == {"verify": True, "timeout": 7.5} for _, _, options in client.calls)
    assert client.get_options == {"verify": True}  # the caller's wbgapi options come back


def test_a_wdi_code_in_only_fetches_that_series_alone(tmp_path):
    client = FakeWorldBank()
    report = fetch(tmp_path, ["SP.POP.TOTL"], client=client)
    assert report.written == ["wdi/SP.POP.TOTL.csv"]
    assert [call[0] for call in client.calls] == ["SP.POP.TOTL"]


@pytest.mark.parametrize(("name", "message"), [
    ("trade", "offline-only"),
    ("climate_watch", "offline-only"),
    ("owid", "unknown source 'owid'"),
])
def test_only_rejects_sources_it_cannot_fetch(tmp_path, name, message):
    with pytest.raises(FetchError, match=message):
        fetch(tmp_path, [name])


def test_sources_list_the_offline_only_files():
    assert {s.name for s in offline_only_sources()} == {"trade", "climate_watch"}
    offline_paths = {p for s in offline_only_sources() for p in s.paths}
    assert offline_paths == {"trade/sitc4_exports.csv", "owid/ghg-emissions-by-sector.csv"}
    assert all(s.publisher and s.licence for s in SOURCES)


def _indicator(id, source_code, dataset=None, recipe=None, available=True):
    return Indicator(id=id, label=id, unit="", topic="performance", source="World Bank",
                     source_code=source_code, definition="", higher_is_better=True,
                     recipe=recipe, available=available, dataset=dataset)


def test_catalogue_series_include_recipe_inputs():
    catalogue = {ind.id: ind for ind in [
        _indicator("gdp_usd", "NY.GDP.MKTP.CD", dataset="wdi"),
        _indicator("co2_mt", "co2", dataset="owid_co2"),
        _indicator("old_series", "XX.OLD.CODE", dataset="wdi", available=False),
        _indicator("mva_usd_from_share", "derived", recipe={
            "method": "product", "factors": ["gdp_usd", "NV.IND.MANF.ZS"]}),
    ]}
    assert catalogue_wdi_series(catalogue) == ["NV.IND.MANF.ZS", "NY.GDP.MKTP.CD"]


def test_cli_without_network_ends_with_one_clear_message(tmp_path, monkeypatch, capsys):
    attempts: list[tuple[str, object]] = []

    def offline(self, method, url, **kwargs):
        attempts.append((url, kwargs.get("timeout")))
        raise requests.ConnectionError(f"Failed to resolve {url}")

    # both requests (OWID, SITC) and wbgapi (requests.get) end in Session.request
    monkeypatch.setattr(requests.Session, "request", offline)
    monkeypatch.setattr(worldbank, "catalogue_wdi_series", lambda: SERIES)

    code = cli.main(["data", "fetch", "--raw", str(tmp_path), "--timeout", "5"])

    err = capsys.readouterr().err
    assert code != 0
    assert "no network: could not reach" in err
    assert "api.worldbank.org" in err and "raw.githubusercontent.com" in err
    assert "--raw" in err and "POLICYLAB_RAW" in err
    assert "Traceback" not in err
    # each host is given up after one retried request, not once per file
    assert len(attempts) == 2 * transport.RETRY_ATTEMPTS
    assert {timeout for _, timeout in attempts} == {5.0}
    assert not (tmp_path / run.MANIFEST_NAME).exists()


def test_cli_reports_partial_failure_with_exit_1(tmp_path, monkeypatch, capsys):
    routes = good_routes() | {sources.SITC_REV2_URL: [(404, b"Not Found")]}
    monkeypatch.setattr(requests.Session, "get", lambda self, url, timeout=None:
                        FakeSession(routes).get(url, timeout=timeout))

    code = cli.main(["data", "fetch", "--raw", str(tmp_path), "--only", "owid_co2",
                     "sitc_names"])

    captured = capsys.readouterr()
    assert code == 1
    assert "fetched 2 file(s)" in captured.out
    assert "classifications/sitc_rev2.csv" in captured.err and "HTTP 404" in captured.err


@pytest.mark.realdata
@pytest.mark.skipif(not REAL_RAW.exists(), reason="shared raw copy not present")
def test_fetched_headers_match_the_offline_copy(tmp_path):
    fetch(tmp_path)
    for path in ("wdi/NV.IND.MANF.ZS.csv", "classifications/wb_economies.csv",
                 "classifications/sitc_rev2.csv"):
        assert read_rows(tmp_path / path)[0] == read_rows(REAL_RAW / path)[0], path
