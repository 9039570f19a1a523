"""Economic complexity from an exporter x product trade table.

Methods: revealed comparative advantage (Balassa 1965); diversity, ubiquity and the
Economic Complexity / Product Complexity Indices (Hidalgo & Hausmann 2009, in the
eigenvector form of Hausmann, Hidalgo et al., *The Atlas of Economic Complexity*, 2011/2014);
proximity (Hidalgo, Klinger, Barabasi & Hausmann 2007); density, distance, complexity
outlook index and outlook gain (Atlas of Economic Complexity, 2014 edition, technical box).

Cleaning follows the Atlas's intent -- leave out what is not a product (goods not specified
according to kind, HS 9999, which the Growth Lab drops before computing complexity), drop
exporters too small for their export basket to say anything about capabilities, and products
too rarely traded for their ubiquity to be meaningful -- but the thresholds are relative to
the data (quantiles and shares), because the offline trade table's levels are not national
totals (see ``clean_trade``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from policylab.errors import CountryError, DataError
from policylab.i18n import N_, _
from policylab.text import format_value

TRADE_COLUMNS = ("exporter", "product", "year", "value")

#: Exporters whose total exports fall below this quantile of all exporters' totals are
#: dropped. Principle: the Atlas drops economies under 1 million people or US$1 bn of
#: trade -- micro-states and territories whose export basket is a handful of (re-)exports,
#: so that RCA >= 1 there reflects size, not capabilities. The offline levels are not
#: national totals, so the rule is kept as a position in the distribution: the smallest
#: quarter of exporters.
EXPORTER_MIN_QUANTILE = 0.25
#: Exporters with fewer than this many products with positive exports are dropped: a
#: basket this thin (under ~5% of the 4-digit products) cannot reveal a capability mix.
EXPORTER_MIN_PRODUCTS = 40
#: A product is negligible, and dropped, when its share of world trade is below this
#: fraction of the average product's share (1 / number of products): 1% of an average
#: product. Such products carry noise in ubiquity (the Atlas drops rarely traded products).
PRODUCT_MIN_RELATIVE_SHARE = 0.01
#: HS chapter of goods "not specified according to kind" (9999 in HS 1992): a statistical
#: residual, not a product, left out of every product-level count and of the product space
#: (the Growth Lab drops it before computing complexity), though it stays in a country's
#: total exports.
UNSPECIFIED_CHAPTER = "99"


@dataclass(frozen=True)
class ComplexityResult:
    """Everything the complexity pipeline computes for one year, labelled by code.

    ``rca``, ``M`` and ``density`` are exporter x product frames; ``proximity`` is product x
    product; ``distance = 1 - density``. ``eci``/``diversity``/``coi`` are per exporter,
    ``pci``/``ubiquity`` per product. ``dropped_exporters`` / ``dropped_products`` map each
    code removed by cleaning to the reason, so that material can say why a country is absent.
    """

    year: int
    rca: pd.DataFrame
    M: pd.DataFrame
    diversity: pd.Series
    ubiquity: pd.Series
    eci: pd.Series
    pci: pd.Series
    proximity: pd.DataFrame
    density: pd.DataFrame
    distance: pd.DataFrame
    coi: pd.Series
    outlook_gain: pd.DataFrame
    dropped_exporters: dict[str, str] = field(default_factory=dict)
    dropped_products: dict[str, str] = field(default_factory=dict)


def _check_trade(trade: pd.DataFrame) -> None:
    missing = [c for c in TRADE_COLUMNS if c not in trade.columns]
    if missing:
        raise DataError(f"trade table lacks column(s) {', '.join(missing)}; "
                        f"expected {', '.join(TRADE_COLUMNS)}")
    if trade.empty:
        raise DataError("trade table is empty: no exporter x product rows to compute complexity")


def export_matrix(trade: pd.DataFrame, year: int) -> pd.DataFrame:
    """Exporter x product matrix of export values for one year (absent pairs = 0)."""
    rows = trade[trade["year"] == year]
    if rows.empty:
        years = ", ".join(str(y) for y in sorted(trade["year"].unique()))
        raise DataError(f"no trade rows for {year}; years in the table: {years}")
    exporters, exporter_codes = pd.factorize(rows["exporter"], sort=True)
    products, product_codes = pd.factorize(rows["product"], sort=True)
    cells = np.bincount(exporters * len(product_codes) + products,
                        weights=rows["value"].to_numpy(dtype=float),
                        minlength=len(exporter_codes) * len(product_codes))
    return pd.DataFrame(cells.reshape(len(exporter_codes), len(product_codes)),
                        index=pd.Index(exporter_codes, name="exporter"),
                        columns=pd.Index(product_codes, name="product"))


#: Why an exporter is left out by the cleaning (English, as stored in the results; a page
#: shows them in its language with their figures: :func:`dropped_reason`).
SMALL_EXPORTER = N_("total exports below the {quantile} quantile of exporters")
FEW_PRODUCTS = N_("exports fewer than {count} products")
NO_ADVANTAGE = N_("no product with RCA >= 1")
#: Why a code is no product of the complexity computation (stored, like the others).
NOT_A_PRODUCT = "goods not specified according to kind: not a product"


def is_unspecified(code: str) -> bool:
    """True for HS chapter 99: goods not specified according to kind."""
    return str(code).startswith(UNSPECIFIED_CHAPTER)


def dropped_reason(why: str) -> str:
    """A reason of ``metrics.complexity``'s cleaning (stored in English) in the language,
    its figures kept."""
    for template in (SMALL_EXPORTER, FEW_PRODUCTS):
        pattern = re.escape(template).replace(r"\{quantile\}", "(?P<quantile>.+)").replace(
            r"\{count\}", "(?P<count>.+)")
        found = re.fullmatch(pattern, why)
        if found:
            fields = found.groupdict()
            if fields.get("quantile", "").endswith("%"):  # "25%" -> "25 %" in French
                fields["quantile"] = format_value(float(fields["quantile"][:-1]), "%",
                                                  decimals=0)
            return _(template).format(**fields)
    return _(why)


def clean_trade(
    exports: pd.DataFrame,
    exporter_min_quantile: float = EXPORTER_MIN_QUANTILE,
    exporter_min_products: int = EXPORTER_MIN_PRODUCTS,
    product_min_relative_share: float = PRODUCT_MIN_RELATIVE_SHARE,
) -> tuple[pd.DataFrame, dict[str, str], dict[str, str]]:
    """Drop what is not a product, small exporters and negligible products, in the spirit
    of the Atlas cleaning.

    Goods not specified according to kind (:func:`is_unspecified`) go first: every later
    step, and RCA, count products only. Exporters are dropped when their total is below the
    ``exporter_min_quantile`` of all totals, or when they export fewer than
    ``exporter_min_products`` products; then products whose share of the remaining world
    total is below ``product_min_relative_share`` times the average product share are
    dropped. Returns the cleaned matrix and the reasons.
    """
    unspecified = [code for code in exports.columns if is_unspecified(code)]
    exports = exports.drop(columns=unspecified)
    totals = exports.sum(axis=1)
    n_products = (exports > 0).sum(axis=1)
    cutoff = totals.quantile(exporter_min_quantile)
    dropped_exporters: dict[str, str] = {}
    for code in totals.index[totals < cutoff]:
        dropped_exporters[code] = SMALL_EXPORTER.format(
            quantile=f"{exporter_min_quantile:.0%}")
    for code in n_products.index[n_products < exporter_min_products]:
        dropped_exporters.setdefault(code, FEW_PRODUCTS.format(count=exporter_min_products))
    kept = exports.drop(index=list(dropped_exporters))
    product_share = kept.sum(axis=0) / kept.to_numpy().sum()
    threshold = product_min_relative_share / kept.shape[1]
    negligible = product_share.index[product_share < threshold]
    dropped_products = {code: NOT_A_PRODUCT for code in unspecified}
    dropped_products |= {code: f"share of world trade below {threshold:.2e}"
                         for code in negligible}
    return kept.drop(columns=negligible), dropped_exporters, dropped_products


def rca(exports: pd.DataFrame) -> pd.DataFrame:
    """Balassa's revealed comparative advantage: (x_cp / x_c) / (x_p / x), exporter x product.

    Scale invariant (multiplying all values, or one exporter's row, leaves it unchanged in
    the row's sense); exporters or products with no exports get 0, not NaN.
    """
    x = exports.to_numpy(dtype=float)
    row = x.sum(axis=1, keepdims=True)
    col = x.sum(axis=0, keepdims=True)
    total = x.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        values = (x * total) / (row * col)
    values = np.nan_to_num(values, nan=0.0, posinf=0.0)
    return pd.DataFrame(values, index=exports.index, columns=exports.columns)


def _standardise(values: np.ndarray) -> np.ndarray:
    return (values - values.mean()) / values.std()


def eci_pci(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ECI and PCI from a binary exporter x product matrix (Hidalgo & Hausmann 2009).

    ECI is the eigenvector of the second-largest eigenvalue of
    M_cc' = sum_p M_cp M_c'p / (k_c0 k_p0). That matrix is similar to the symmetric
    D_c^-1/2 M D_p^-1 M^T D_c^-1/2, whose eigenvectors we take with ``eigh`` (stable, real)
    and map back with D_c^-1/2. PCI follows from the same eigenvector
    (q = D_p^-1 M^T v is the matching eigenvector of M_pp'). Signs are fixed so that ECI
    correlates positively with diversity and PCI with the ECI of its exporters; both are
    standardised (mean 0, standard deviation 1). Every row and column must be non-empty.
    """
    kc = M.sum(axis=1)
    kp = M.sum(axis=0)
    inv_sqrt_kc = 1.0 / np.sqrt(kc)
    scaled = M * inv_sqrt_kc[:, None] / np.sqrt(kp)[None, :]
    symmetric = scaled @ scaled.T
    _, vectors = np.linalg.eigh(symmetric)
    v = vectors[:, -2] * inv_sqrt_kc
    if np.corrcoef(v, kc)[0, 1] < 0:
        v = -v
    q = (M.T @ v) / kp
    return _standardise(v), _standardise(q)


def proximity(M: np.ndarray) -> np.ndarray:
    """phi_pp' = min(P(RCA_p' >= 1 | RCA_p >= 1), P(RCA_p >= 1 | RCA_p' >= 1))
    = co-occurrence / max(ubiquity_p, ubiquity_p') (Hidalgo et al. 2007); diagonal = 1."""
    co = M.T @ M
    kp = np.diag(co)
    return co / np.maximum(kp[:, None], kp[None, :])


def density(M: np.ndarray, phi: np.ndarray) -> np.ndarray:
    """Density omega_cp = sum_p' M_cp' phi_pp' / sum_p' phi_pp' (Atlas 2014): how close a
    product is to what the country already exports; distance is 1 - density."""
    return (M @ phi) / phi.sum(axis=0)[None, :]


def complexity_outlook(M: np.ndarray, dens: np.ndarray, pci: np.ndarray,
                       phi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Complexity outlook index and outlook gain (Hausmann et al., Atlas 2014).

    COI_c = sum_p (1 - d_cp)(1 - M_cp) PCI_p, with d = 1 - density: how much complexity lies
    close to a country. COG_cp = sum_p' phi_pp' / (sum_p'' phi_p''p') (1 - M_cp') PCI_p'
    - (1 - d_cp) PCI_p: how much new a product would open up, less what it already adds.
    """
    absent = 1.0 - M
    coi = (dens * absent) @ pci
    weights = phi / phi.sum(axis=0)[None, :]
    gain = (absent * pci[None, :]) @ weights.T - dens * pci[None, :]
    return coi, gain


def compute_complexity(
    trade: pd.DataFrame,
    year: int | None = None,
    exporter_min_quantile: float = EXPORTER_MIN_QUANTILE,
    exporter_min_products: int = EXPORTER_MIN_PRODUCTS,
    product_min_relative_share: float = PRODUCT_MIN_RELATIVE_SHARE,
) -> ComplexityResult:
    """The whole complexity pipeline for one year of an ``exporter, product, year, value`` table.

    ``year`` None means the latest year in the table. Steps: clean (``clean_trade``),
    RCA (Balassa), M = [RCA >= 1], diversity and ubiquity (exporters/products left with none
    are dropped and listed), ECI/PCI (``eci_pci``), proximity, density, distance, COI, COG.
    Exporter codes are taken as given (the pack maps legacy codes).
    """
    _check_trade(trade)
    year = int(trade["year"].max()) if year is None else int(year)
    exports, dropped_exporters, dropped_products = clean_trade(
        export_matrix(trade, year), exporter_min_quantile, exporter_min_products,
        product_min_relative_share)
    advantage = rca(exports)
    M = (advantage.to_numpy() >= 1.0).astype(float)
    kc, kp = M.sum(axis=1), M.sum(axis=0)
    for code in advantage.index[kc == 0]:
        dropped_exporters[code] = NO_ADVANTAGE
    for code in advantage.columns[kp == 0]:
        dropped_products[code] = "no exporter with RCA >= 1"
    keep_c, keep_p = kc > 0, kp > 0
    if keep_c.sum() < 3 or keep_p.sum() < 3:
        raise DataError(f"too few exporters ({keep_c.sum()}) or products ({keep_p.sum()}) "
                        f"left after cleaning for {year} to compute complexity")
    advantage = advantage.loc[keep_c, keep_p]
    M = M[np.ix_(keep_c, keep_p)]
    countries, products = advantage.index, advantage.columns
    eci, pci = eci_pci(M)
    phi = proximity(M)
    dens = density(M, phi)
    coi, gain = complexity_outlook(M, dens, pci, phi)

    def by_pair(values: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(values, index=countries, columns=products)

    return ComplexityResult(
        year=year,
        rca=advantage,
        M=by_pair(M),
        diversity=pd.Series(M.sum(axis=1), index=countries, name="diversity"),
        ubiquity=pd.Series(M.sum(axis=0), index=products, name="ubiquity"),
        eci=pd.Series(eci, index=countries, name="eci"),
        pci=pd.Series(pci, index=products, name="pci"),
        proximity=pd.DataFrame(phi, index=products, columns=products),
        density=by_pair(dens),
        distance=by_pair(1.0 - dens),
        coi=pd.Series(coi, index=countries, name="coi"),
        outlook_gain=by_pair(gain),
        dropped_exporters=dropped_exporters,
        dropped_products=dropped_products,
    )


OPPORTUNITY_ORDER = ("outlook_gain", "density", "pci")


def opportunities(country: str, result: ComplexityResult, top: int | None = 25,
                  by: str = "outlook_gain") -> pd.DataFrame:
    """Products ``country`` does not yet export with RCA >= 1, ranked (Atlas 2014 "product space").

    Columns: ``product, rca, density, distance, pci, outlook_gain, rank``; ranked by ``by``
    (one of ``outlook_gain``, ``density``, ``pci``; descending), ties broken by density.
    ``top`` None returns every candidate. Raises ``CountryError`` for a country that is not
    in the table or was removed by cleaning (with the reason).
    """
    if by not in OPPORTUNITY_ORDER:
        raise ValueError(f"by must be one of {', '.join(OPPORTUNITY_ORDER)}, not {by!r}")
    if country not in result.M.index:
        reason = result.dropped_exporters.get(country)
        if reason:
            raise CountryError(f"{country} is not in the complexity results for "
                               f"{result.year}: removed by cleaning ({reason})")
        raise CountryError(f"{country} has no trade rows for {result.year}")
    absent = result.M.loc[country] == 0
    table = pd.DataFrame({
        "product": result.M.columns[absent],
        "rca": result.rca.loc[country, absent].to_numpy(),
        "density": result.density.loc[country, absent].to_numpy(),
        "distance": result.distance.loc[country, absent].to_numpy(),
        "pci": result.pci[absent].to_numpy(),
        "outlook_gain": result.outlook_gain.loc[country, absent].to_numpy(),
    })
    secondary = ["density"] if by != "density" else ["pci"]
    table = table.sort_values([by, *secondary], ascending=False, ignore_index=True)
    table["rank"] = np.arange(1, len(table) + 1)
    return table if top is None else table.head(top)


def complexity_indicators(trade: pd.DataFrame, **cleaning: float) -> pd.DataFrame:
    """Long ``iso3, year, indicator, value`` rows of ``eci`` and ``diversity`` for every year
    of the trade table (``compute_complexity``, default cleaning unless ``cleaning`` keyword
    arguments override it); for the pack build."""
    _check_trade(trade)
    frames = []
    for year in sorted(trade["year"].unique()):
        result = compute_complexity(trade, year=int(year), **cleaning)
        for name in ("eci", "diversity"):
            series = getattr(result, name)
            frames.append(pd.DataFrame({"iso3": series.index, "year": int(year),
                                        "indicator": name, "value": series.to_numpy()}))
    return pd.concat(frames, ignore_index=True)


def country_country_matrix(M: np.ndarray) -> np.ndarray:
    """M~_cc' = sum_p M_cp M_c'p / (k_c0 k_p0), the matrix whose eigenvector of the
    second-largest eigenvalue is the ECI (``eci_pci`` takes it in a symmetric form). Rows
    sum to 1. Shown as such in the lesson's worked example; every row and column of ``M``
    must be non-empty."""
    M = np.asarray(M, dtype=float)
    kc, kp = M.sum(axis=1), M.sum(axis=0)
    return (M / kc[:, None]) @ (M / kp[None, :]).T
