"""``policylab data fetch`` without internet: a fake wbgapi client and a fake HTTP session
serve small hand-made files from tests/fixtures/fetch in the publishers' formats (WDI
records, OWID CSVs, the Growth Lab's hs92_atlas.csv, Harvard Dataverse dataset listings and
the Growth Lab's rankings and country x product files)."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
import requests
import wbgapi

import policylab.fetch
from policylab import cli
from policylab.catalogue import Indicator
from policylab.errors import FetchError
from policylab.fetch import (
    SOURCES,
    catalogue_wdi_series,
    dataverse,
    downloads,
    fetch_sources,
    offline_only_sources,
    run,
    sources,
    transport,
    worldbank,
)
from policylab.raw import growth_lab_eci, hs92, trade

FIXTURES = Path(__file__).parent / "fixtures" / "fetch"
REAL_RAW = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw"
SERIES = ["NV.IND.MANF.ZS", "SP.POP.TOTL"]


class FakeResponse:
    def __init__(self, status: int, body: bytes, chunk: int = 64):
        self.status_code = status
        self.reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}.get(status, "")
        self.content = body
        self.chunk = chunk
        self.closed = False

    def iter_content(self, chunk_size=1):
        """Streamed bodies arrive in small pieces, as over a network."""
        for start in range(0, len(self.content), self.chunk):
            yield self.content[start:start + self.chunk]

    def close(self):
        self.closed = True


class FakeSession:
    """Answers each URL from a queue of (status, body) or exceptions; the last answer repeats."""

    def __init__(self, routes: dict[str, list]):
        self.routes = {url: list(answers) for url, answers in routes.items()}
        self.calls: list[tuple[str, float | None]] = []
        self.streamed: list[str] = []

    def get(self, url, timeout=None, stream=False):
        self.calls.append((url, timeout))
        if stream:
            self.streamed.append(url)
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


ECI_LISTING = dataverse.dataset_url(sources.ECI_DOI)
TRADE_LISTING = dataverse.dataset_url(sources.TRADE_DOI)
ECI_FILE = "https://dataverse.harvard.edu/api/access/datafile/11000101"
TRADE_FILE = "https://dataverse.harvard.edu/api/access/datafile/12000004"
TRADE_PATTERN = "trade/hs92_exports_<year>.csv"


def good_routes() -> dict[str, list]:
    return {
        sources.OWID_CO2_DATA_URL: [(200, fixture_bytes("owid-co2-data.csv"))],
        sources.OWID_CO2_CODEBOOK_URL: [(200, fixture_bytes("owid-co2-codebook.csv"))],
        sources.HS92_ATLAS_URL: [(200, fixture_bytes("hs92_atlas.csv"))],
        ECI_LISTING: [(200, fixture_bytes("dataverse_eci.json"))],
        ECI_FILE: [(200, fixture_bytes("growth_proj_eci_rankings.csv"))],
        TRADE_LISTING: [(200, fixture_bytes("dataverse_trade.json"))],
        TRADE_FILE: [(200, fixture_bytes("hs92_country_product_year_4.csv"))],
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


def fetch(raw: Path, names=None, *, client=None, session=None, timeout=60.0, trade_years=2,
          series=SERIES):
    return fetch_sources(
        raw, names, series=series, client=client or FakeWorldBank(),
        session=session or FakeSession(good_routes()), timeout=timeout, progress=False,
        trade_years=trade_years,
    )


def test_writes_the_raw_layout_with_its_columns(tmp_path):
    report = fetch(tmp_path)

    assert report.failed == {}
    assert sorted(report.written) == sorted([
        "wdi/NV.IND.MANF.ZS.csv", "wdi/SP.POP.TOTL.csv", "classifications/wb_economies.csv",
        "owid/owid-co2-data.csv", "owid/owid-co2-codebook.csv",
        "classifications/hs92_atlas.csv", "complexity/growth_lab_eci_rankings.csv",
        "trade/hs92_exports_2022.csv", "trade/hs92_exports_2023.csv",
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
    fetch(tmp_path, ["hs92_names"])
    manifest = json.loads((tmp_path / run.MANIFEST_NAME).read_text())
    assert {"owid/owid-co2-data.csv", "classifications/hs92_atlas.csv"} <= set(manifest)


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
    routes = good_routes() | {sources.HS92_ATLAS_URL: [(503, b"")]}
    session = FakeSession(routes)

    report = fetch(tmp_path, ["hs92_names"], session=session)

    assert "HTTP 503" in report.failed["classifications/hs92_atlas.csv"]
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
    ("climate_watch", "offline-only"),
    ("owid", "unknown source 'owid'"),
    ("sitc_names", "unknown source 'sitc_names'"),
])
def test_only_rejects_sources_it_cannot_fetch(tmp_path, name, message):
    with pytest.raises(FetchError, match=message):
        fetch(tmp_path, [name])


def test_sources_list_the_offline_only_files():
    assert {s.name for s in offline_only_sources()} == {"climate_watch"}
    offline_paths = {p for s in offline_only_sources() for p in s.paths}
    assert offline_paths == {"owid/ghg-emissions-by-sector.csv"}
    assert all(s.publisher and s.licence for s in SOURCES)
    every_path = {p for s in SOURCES for p in s.paths}
    assert not any("sitc" in p for p in every_path)  # SITC names and sample: not fetched
    assert {hs92.RELPATH, growth_lab_eci.RELPATH, TRADE_PATTERN} <= every_path


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

    # requests (OWID, GitHub, Dataverse) and wbgapi (requests.get) end in Session.request
    monkeypatch.setattr(requests.Session, "request", offline)
    monkeypatch.setattr(worldbank, "catalogue_wdi_series", lambda: SERIES)

    code = cli.main(["data", "fetch", "--raw", str(tmp_path), "--timeout", "5"])

    err = capsys.readouterr().err
    assert code != 0
    assert "no network: could not reach" in err
    assert "api.worldbank.org" in err and "raw.githubusercontent.com" in err
    assert "dataverse.harvard.edu" in err
    messages = [line for line in err.strip().splitlines() if not line.startswith("fetch:")]
    assert len(messages) == 1  # one line besides the progress bar
    assert "--raw" in err and "POLICYLAB_RAW" in err
    assert "Traceback" not in err
    # each host is given up after one retried request, not once per file
    assert len(attempts) == 3 * transport.RETRY_ATTEMPTS
    assert {timeout for _, timeout in attempts} == {5.0}
    assert not (tmp_path / run.MANIFEST_NAME).exists()
    assert list(tmp_path.iterdir()) == []  # nothing half-written, no temporary file


def test_cli_reports_partial_failure_with_exit_1(tmp_path, monkeypatch, capsys):
    routes = good_routes() | {sources.HS92_ATLAS_URL: [(404, b"Not Found")]}
    monkeypatch.setattr(requests.Session, "get", lambda self, url, timeout=None, stream=False:
                        FakeSession(routes).get(url, timeout=timeout, stream=stream))

    code = cli.main(["data", "fetch", "--raw", str(tmp_path), "--only", "owid_co2",
                     "hs92_names"])

    captured = capsys.readouterr()
    assert code == 1
    assert "fetched 2 file(s)" in captured.out
    assert "classifications/hs92_atlas.csv" in captured.err and "HTTP 404" in captured.err


@pytest.mark.realdata
@pytest.mark.skipif(not REAL_RAW.exists(), reason="shared raw copy not present")
def test_fetched_headers_match_the_offline_copy(tmp_path):
    fetch(tmp_path)
    for path in ("wdi/NV.IND.MANF.ZS.csv", "classifications/wb_economies.csv",
                 "classifications/hs92_atlas.csv", "complexity/growth_lab_eci_rankings.csv"):
        assert read_rows(tmp_path / path)[0] == read_rows(REAL_RAW / path)[0], path
    assert (read_rows(tmp_path / "trade" / "hs92_exports_2023.csv")[0]
            == read_rows(REAL_RAW / "trade" / "hs92_exports_2016.csv")[0])


# --- The Growth Lab's files: HS 1992 names, published ECI, trade panel ----------------------


def test_hs92_names_are_kept_as_published_and_read_by_the_pack_reader(tmp_path):
    report = fetch(tmp_path, ["hs92_names"])

    path = tmp_path / hs92.RELPATH
    assert report.written == [hs92.RELPATH]
    assert path.read_bytes() == fixture_bytes("hs92_atlas.csv")
    products = hs92.read_products(path)
    # 4-digit goods only: the services "product" travel and the 6-digit row are not products
    assert products["code"].tolist() == ["0101", "0901", "8703"]
    assert products.set_index("code").loc["8703", "section_name"] == "Vehicles"
    assert products.set_index("code")["manufacture"].to_dict() == {
        "0101": False, "0901": False, "8703": True}


def test_eci_rankings_come_from_dataverse_and_are_read_by_the_pack_reader(tmp_path):
    session = FakeSession(good_routes())
    report = fetch(tmp_path, ["growth_lab_eci"], session=session)

    path = tmp_path / growth_lab_eci.RELPATH
    assert report.failed == {}
    assert report.written == [growth_lab_eci.RELPATH]
    assert [url for url, _ in session.calls] == [ECI_LISTING, ECI_FILE]
    assert ECI_LISTING == ("https://dataverse.harvard.edu/api/datasets/:persistentId/"
                           "?persistentId=doi:10.7910/DVN/XTAQMC")
    assert path.read_bytes() == fixture_bytes("growth_proj_eci_rankings.csv")
    long, rows = growth_lab_eci.read_rankings(path, ["eci_hs92", "eci_rank_hs92"])
    assert rows == 4
    eci = long.set_index(["iso3", "year", "column"])["value"]
    assert eci[("KEN", 2023, "eci_hs92")] == pytest.approx(-0.421)
    assert eci[("VNM", 2023, "eci_rank_hs92")] == 47
    manifest = json.loads((tmp_path / run.MANIFEST_NAME).read_text())
    assert manifest[growth_lab_eci.RELPATH]["url"] == ECI_FILE
    assert "XTAQMC" in manifest[growth_lab_eci.RELPATH]["publisher"]


def test_eci_reader_columns_cover_the_catalogue():
    from policylab.catalogue import load_catalogue

    read = {ind.source_code for ind in load_catalogue().values()
            if ind.dataset == "growth_lab_eci"}
    assert read and read <= set(downloads.ECI_COLUMNS)


def test_trade_panel_is_converted_to_the_layout_one_file_per_recent_year(tmp_path):
    session = FakeSession(good_routes())
    report = fetch(tmp_path, ["trade"], session=session, trade_years=2)

    assert report.failed == {}
    assert report.written == ["trade/hs92_exports_2022.csv", "trade/hs92_exports_2023.csv"]
    assert session.streamed == [TRADE_FILE]  # the large table is streamed, not held whole
    assert read_rows(tmp_path / "trade" / "hs92_exports_2023.csv") == [
        ["exporter", "product", "year", "value"],
        ["KEN", "0101", "2023", "1250000"],  # "101" upstream: leading zero restored
        ["KEN", "0901", "2023", "251500000.5"],
        # KEN travel (a service) and XXXX (unallocated) are not goods at 4 digits
        ["NAM", "0901", "2023", "700"],
        ["NAM", "8703", "2023", "98000000"],
        ["VNM", "0901", "2023", "4200000000"],
        ["VNM", "8703", "2023", "310000000"],
    ]
    # zero and missing exports are absent rows
    assert read_rows(tmp_path / "trade" / "hs92_exports_2022.csv") == [
        ["exporter", "product", "year", "value"], ["KEN", "0901", "2022", "245000000"]]
    assert trade.panel_files(tmp_path) == [
        tmp_path / "trade" / "hs92_exports_2022.csv",
        tmp_path / "trade" / "hs92_exports_2023.csv"]  # 2021 and 2016 are older than asked
    table = trade.read_trade(tmp_path / "trade" / "hs92_exports_2023.csv")
    assert table["product"].tolist()[:2] == ["0101", "0901"]
    assert table.groupby("exporter")["value"].sum().to_dict() == pytest.approx(
        {"KEN": 252750000.5, "NAM": 98000700.0, "VNM": 4510000000.0})
    manifest = json.loads((tmp_path / run.MANIFEST_NAME).read_text())
    assert manifest["trade/hs92_exports_2023.csv"]["url"] == TRADE_FILE
    assert "T4CHWJ" in manifest["trade/hs92_exports_2023.csv"]["publisher"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [run.MANIFEST_NAME, "trade"]


def test_trade_years_default_to_the_recent_window(tmp_path):
    fetch(tmp_path, ["trade"], trade_years=sources.TRADE_RECENT_YEARS)
    assert [p.name for p in trade.panel_files(tmp_path)] == [
        "hs92_exports_2021.csv", "hs92_exports_2022.csv", "hs92_exports_2023.csv"]
    # an offline year already in the folder (2016) is left alone
    (tmp_path / "trade" / "hs92_exports_2016.csv").write_text(
        "exporter,product,year,value\nKEN,0901,2016,1\n")
    fetch(tmp_path, ["trade"])
    assert (tmp_path / "trade" / "hs92_exports_2016.csv").read_text().endswith("2016,1\n")


def test_earlier_trade_file_name_and_columns_are_accepted(tmp_path):
    """Earlier versions of the dataset: ``country_hsproduct4digit_year`` with
    ``location_code``/``hs_product_code``, ingested by Dataverse (original CSV asked for)."""
    listing = json.dumps({"status": "OK", "data": {"latestVersion": {"files": [
        {"restricted": False, "dataFile": {
            "id": 3425500, "filename": "country_hsproduct4digit_year.tab",
            "originalFileName": "country_hsproduct4digit_year.csv",
            "originalFileFormat": "text/csv", "contentType": "text/tab-separated-values",
            "checksum": {"type": "UNF", "value": "UNF:6:abc=="}}}]}}}).encode()
    body = (b"location_id,product_id,year,export_value,import_value,export_rca,"
            b"location_code,hs_product_code\n"
            b"114,650,2017,210000000,0,5.0,KEN,0901\n"
            b"114,651,2017,3000,0,0.1,KEN,0902\n")
    original = "https://dataverse.harvard.edu/api/access/datafile/3425500?format=original"
    routes = good_routes() | {TRADE_LISTING: [(200, listing)], original: [(200, body)]}

    report = fetch(tmp_path, ["trade"], session=FakeSession(routes))

    assert report.failed == {}
    assert read_rows(tmp_path / "trade" / "hs92_exports_2017.csv") == [
        ["exporter", "product", "year", "value"],
        ["KEN", "0901", "2017", "210000000"], ["KEN", "0902", "2017", "3000"]]


def _failure(tmp_path, name, routes):
    report = fetch(tmp_path, [name], session=FakeSession(good_routes() | routes))
    assert report.written == []
    return " ".join(report.failed.values()), report


def test_trade_file_without_a_needed_column_fails_naming_file_and_column(tmp_path):
    body = fixture_bytes("hs92_country_product_year_4.csv").replace(
        b"export_value", b"exports_usd")
    listing = fixture_bytes("dataverse_trade.json").replace(
        b"23762f7ac244190e9988fe08af091ef9", hashlib.md5(body).hexdigest().encode())
    message, report = _failure(tmp_path, "trade", {
        TRADE_LISTING: [(200, listing)], TRADE_FILE: [(200, body)]})

    assert list(report.failed) == [TRADE_PATTERN]
    assert "hs92_country_product_year_4.csv" in message
    assert "expected column(s) export_value not in the header" in message
    assert list(tmp_path.iterdir()) == []  # no year file, no temporary download left


def test_trade_text_in_a_number_or_a_duplicate_fails_with_the_line(tmp_path):
    base = fixture_bytes("hs92_country_product_year_4.csv")
    for body, expected in [
        (base.replace(b"98000000,", b"n/a,"), r"line 10: value should be a number, found 'n/a'"),
        (base + b"704,VNM,1102,8703,2023,1,1,0,0,0,0,0\n",
         r"line 15: duplicate row for VNM, 8703, 2023"),
    ]:
        listing = fixture_bytes("dataverse_trade.json").replace(
            b"23762f7ac244190e9988fe08af091ef9", hashlib.md5(body).hexdigest().encode())
        message, _ = _failure(tmp_path, "trade", {
            TRADE_LISTING: [(200, listing)], TRADE_FILE: [(200, body)]})
        assert re.search(expected, message), message


def test_truncated_trade_download_fails_its_checksum(tmp_path):
    body = fixture_bytes("hs92_country_product_year_4.csv")
    cut = body[: body.rindex(b"\n704")] + b"\n"  # whole lines, so the CSV alone looks fine
    message, _ = _failure(tmp_path, "trade", {TRADE_FILE: [(200, cut)]})
    assert TRADE_FILE in message and "MD5 differs from the publisher's checksum" in message


def test_dropped_stream_is_retried(tmp_path, no_backoff):
    body = fixture_bytes("hs92_country_product_year_4.csv")

    class Dropping(FakeResponse):
        def iter_content(self, chunk_size=1):
            yield self.content[:100]
            raise requests.exceptions.ChunkedEncodingError("Connection broken")

    session = FakeSession(good_routes() | {TRADE_FILE: [Dropping(200, body), (200, body)]})
    session_get = session.get

    def get(url, timeout=None, stream=False):
        queue = session.routes[url]
        if isinstance(queue[0], FakeResponse):
            session.calls.append((url, timeout))
            return queue.pop(0)
        return session_get(url, timeout=timeout, stream=stream)

    session.get = get
    report = fetch(tmp_path, ["trade"], session=session)

    assert report.failed == {}
    assert [url for url, _ in session.calls].count(TRADE_FILE) == 2
    assert no_backoff == [transport.RETRY_BACKOFF_SECONDS]


@pytest.mark.parametrize(("routes", "expected"), [
    ({ECI_FILE: [(404, b"Not Found")]}, "datafile/11000101: HTTP 404 Not Found"),
    ({ECI_LISTING: [(404, b'{"status":"ERROR","message":"Dataset not found"}')]},
     "persistentId=doi:10.7910/DVN/XTAQMC: HTTP 404"),
    ({ECI_LISTING: [(200, b'{"status":"ERROR","message":"Dataset not found"}')]},
     "unexpected dataset listing (status 'ERROR', Dataset not found"),
    ({ECI_LISTING: [(200, b"<html>maintenance</html>")]}, "dataset listing is not JSON"),
    ({ECI_LISTING: [(200, fixture_bytes("dataverse_eci.json").replace(
        b"growth_proj_eci_rankings.csv", b"eci_rankings_v2.csv"))]},
     "none of growth_proj_eci_rankings.csv in the latest version of the dataset "
     "(files: eci_rankings_v2.csv, rankings_data_dictionary.csv)"),
    ({ECI_LISTING: [(200, fixture_bytes("dataverse_eci.json").replace(
        b'"restricted": false', b'"restricted": true'))]}, "is restricted"),
    ({ECI_FILE: [(200, fixture_bytes("growth_proj_eci_rankings.csv").replace(
        b"eci_rank_hs92", b"rank_hs92"))]}, "MD5 differs"),
])
def test_eci_http_errors_and_listing_problems_have_clear_messages(tmp_path, routes, expected):
    message, report = _failure(tmp_path, "growth_lab_eci", routes)
    assert list(report.failed) == [growth_lab_eci.RELPATH]
    assert expected in message


def test_eci_file_without_a_needed_column_fails_naming_it(tmp_path):
    body = fixture_bytes("growth_proj_eci_rankings.csv").replace(b"eci_rank_hs92", b"rank_hs92")
    listing = fixture_bytes("dataverse_eci.json").replace(
        b"5259de277c87a0c04b269e41d068e179", hashlib.md5(body).hexdigest().encode())
    message, _ = _failure(tmp_path, "growth_lab_eci", {
        ECI_LISTING: [(200, listing)], ECI_FILE: [(200, body)]})
    assert ("Growth Lab ECI rankings (growth_proj_eci_rankings.csv): expected column(s) "
            "eci_rank_hs92 not in the header") in message


def test_hs92_names_without_a_needed_column_fail_naming_it(tmp_path):
    body = fixture_bytes("hs92_atlas.csv").replace(b'"name_short_en"', b'"short_name"')
    message, _ = _failure(tmp_path, "hs92_names", {sources.HS92_ATLAS_URL: [(200, body)]})
    assert "hs92_atlas.csv" in message
    assert "expected column(s) name_short_en not in the header" in message


def test_fixture_listings_carry_the_fixture_checksums():
    for listing, name in [("dataverse_eci.json", "growth_proj_eci_rankings.csv"),
                          ("dataverse_trade.json", "hs92_country_product_year_4.csv")]:
        found = dataverse.find_file(fixture_bytes(listing), "doi", [name])
        assert found.md5 == hashlib.md5(fixture_bytes(name)).hexdigest()


# --- WDI: the catalogue's series, the new ones included, and what the folder holds ---------


def test_catalogue_wdi_series_include_the_new_series():
    codes = set(catalogue_wdi_series())
    assert {
        "EN.GHG.CO2.MT.CE.AR5", "EN.GHG.CO2.PC.CE.AR5", "EN.GHG.CO2.RT.GDP.PP.KD",
        "EN.GHG.CO2.IC.MT.CE.AR5", "EN.GHG.CO2.IP.MT.CE.AR5", "EN.GHG.CO2.PI.MT.CE.AR5",
        "EN.GHG.ALL.MT.CE.AR5", "TX.VAL.FOOD.ZS.UN", "TX.VAL.AGRI.ZS.UN", "BX.GSR.NFSV.CD",
        "BX.GSR.CCIS.ZS", "IC.FRM.FEMM.ZS", "IC.FRM.FEMO.ZS", "NV.IND.MANF.KD",
        "TX.VAL.MRCH.CD.WT", "TX.VAL.MANF.ZS.UN",
    } <= codes
    assert all(worldbank.is_wdi_code(code) for code in codes)


def test_series_already_in_the_raw_folder_are_refreshed(tmp_path, monkeypatch):
    monkeypatch.setattr(worldbank, "catalogue_wdi_series", lambda: ["NV.IND.MANF.ZS"])
    (tmp_path / "wdi").mkdir()
    (tmp_path / "wdi" / "SP.POP.TOTL.csv").write_text("Country Name,Country Code,Year,Value\n")
    (tmp_path / "wdi" / "notes.csv").write_text("x\n")  # not a series code: ignored
    client = FakeWorldBank()

    report = fetch(tmp_path, ["wdi"], client=client, series=None)

    assert sorted(report.written) == ["wdi/NV.IND.MANF.ZS.csv", "wdi/SP.POP.TOTL.csv"]
    assert read_rows(tmp_path / "wdi" / "SP.POP.TOTL.csv")[1] == [
        "Kenya", "KEN", "2019", "52000000"]


@pytest.mark.realdata
@pytest.mark.skipif(not REAL_RAW.exists(), reason="shared raw copy not present")
def test_checks_accept_the_offline_copies_and_fetch_covers_its_series():
    downloads.hs92_atlas((REAL_RAW / hs92.RELPATH).read_bytes())
    downloads.eci_rankings((REAL_RAW / growth_lab_eci.RELPATH).read_bytes())
    offline = {p.stem for p in (REAL_RAW / "wdi").glob("*.csv")}
    assert set(catalogue_wdi_series()) <= offline  # the build's series are all fetchable


def test_cli_lists_what_it_cannot_fetch(tmp_path, monkeypatch, capsys):
    routes = good_routes()
    monkeypatch.setattr(requests.Session, "get", lambda self, url, timeout=None, stream=False:
                        FakeSession(routes).get(url, timeout=timeout, stream=stream))
    monkeypatch.setattr(worldbank, "catalogue_wdi_series", lambda: SERIES)
    fake = FakeWorldBank()
    monkeypatch.setattr(policylab.fetch, "fetch_sources", lambda raw, only, timeout:
                        fetch_sources(raw, only, client=fake, timeout=timeout, progress=False))

    code = cli.main(["data", "fetch", "--raw", str(tmp_path)])

    out = capsys.readouterr().out
    assert code == 0
    assert "not fetched: owid/ghg-emissions-by-sector.csv — offline-only" in out
    assert (tmp_path / "trade" / "hs92_exports_2023.csv").exists()
