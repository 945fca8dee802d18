"""The inputs of a quality run, normalised once, with derived arrays computed on first use."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely

from .. import bng, postcode, schema
from .messages import COMMON_MESSAGES, Messages, cat

if TYPE_CHECKING:
    from .registry import Rule

_KINDS = {f.name: f.kind for f in schema.ADDRESS_FIELDS}
_STREET_KINDS = {f.name: f.kind for f in schema.STREET_FIELDS}

#: Logical status codes (BLPU/LPI): 1 approved, 3 alternative, 5 candidate, 6 provisional,
#: 7 rejected (external), 8 historic, 9 rejected (internal).
LIVE_STATUSES = (1, 3, 5, 6)
ENDED_STATUSES = (7, 8, 9)
#: Street state 4: permanently closed / no longer maintained.
CLOSED_STREET_STATE = 4


@dataclass(frozen=True)
class Thresholds:
    """The tunable limits of the rules (metres unless said otherwise)."""

    street_distance: float = 250.0
    postcode_distance: float = 1000.0
    network_tolerance: float = 1.0
    boundary_tolerance: float = 5.0
    min_postcode_addresses: int = 3
    today: date = field(default_factory=date.today)

    def __post_init__(self) -> None:
        for name in ("street_distance", "postcode_distance", "network_tolerance"):
            if not getattr(self, name) > 0:
                raise ValueError(f"threshold {name} must be above 0, not {getattr(self, name)}")
        if self.boundary_tolerance < 0:
            raise ValueError("threshold boundary_tolerance must not be negative")


def _text(values: pd.Series) -> pd.Series:
    """Text with missing values as ''."""
    return values.astype(object).where(values.notna(), "").astype(str)


def _number(values: pd.Series) -> np.ndarray:
    """Floats with NaN for missing or non-numeric values (UPRNs fit float64 exactly)."""
    return pd.to_numeric(values, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def _date(values: pd.Series) -> pd.Series:
    """datetime64 with NaT for missing or unreadable values."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    text = (
        values.astype(object)
        .where(values.notna(), None)
        .map(lambda v: None if v is None else str(v)[:10], na_action="ignore")
    )
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")


def _prepare(frame: pd.DataFrame, kinds: dict[str, str], prefix: str) -> pd.DataFrame:
    columns = {str(c).lower(): c for c in frame.columns}
    out: dict[str, object] = {}
    for name, kind in kinds.items():
        if name not in columns:
            continue
        values = frame[columns[name]].reset_index(drop=True)
        if kind in (schema.INT, schema.REAL):
            out[name] = _number(values)
        elif kind == schema.DATE:
            out[name] = _date(values)
            out[f"{name}__raw"] = _text(values)
        else:
            out[name] = _text(values)
    n = len(frame)
    if "source_ref" in columns:
        out["source_ref"] = _text(frame[columns["source_ref"]].reset_index(drop=True))
    else:
        out["source_ref"] = pd.Series([f"{prefix} {i + 1}" for i in range(n)], dtype=object)
    return pd.DataFrame(out, index=pd.RangeIndex(n))


def metres(values: np.ndarray) -> np.ndarray:
    """Distances as ``1,234 m`` text."""
    return np.array([f"{v:,.0f} m" for v in np.asarray(values, dtype=float)], dtype=object)


#: Characters that have no place in BS 7666 address text: anything but letters (any
#: alphabet, so Welsh and Gaelic accents pass), digits, spaces and ' ’ - , . & / ( ) !
STRAY = r"[^\w \-'’,.&/()!]|_"


def spacing_problems(values: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Masks: leading/trailing spaces, double spaces, stray characters (incl. tabs, newlines).

    Tested once per distinct value (street, town and area names repeat across thousands of
    addresses), then spread back to the rows.
    """
    codes, uniques = pd.factorize(values)
    distinct = pd.Series(uniques, dtype=object)
    present = (distinct != "").to_numpy()
    edge = present & (distinct.str.len() != distinct.str.strip(" ").str.len()).to_numpy()
    double = present & distinct.str.contains("  ", regex=False).to_numpy(dtype=bool)
    stray = present & distinct.str.contains(STRAY, regex=True).to_numpy(dtype=bool)
    if not len(distinct):
        empty = np.zeros(len(values), dtype=bool)
        return empty, empty, empty
    return edge[codes], double[codes], stray[codes]


def normalised_text(values: pd.Series) -> pd.Series:
    """Upper case with runs of white space as one space, trimmed; computed per distinct value."""
    codes, uniques = pd.factorize(values)
    norm = (
        pd.Series(uniques, dtype=object)
        .str.upper()
        .str.replace(r"\s+", " ", regex=True)
        .str.strip()
        .to_numpy(dtype=object)
    )
    out = norm[codes] if len(norm) else np.full(len(values), "", dtype=object)
    out[codes < 0] = ""
    return pd.Series(out, index=values.index, dtype=object)


def stray_characters(values: np.ndarray) -> list[str]:
    """The stray characters of each value, shown readably (tab as \\t)."""
    pattern = re.compile(STRAY)
    return [
        " ".join(
            repr(c)[1:-1] if not c.isprintable() else c for c in dict.fromkeys(pattern.findall(v))
        )
        for v in values
    ]


def lookup(values: pd.Series, function: object) -> pd.Series:
    """Apply *function* once per distinct value (a gazetteer has ~20x fewer postcodes than rows)."""
    unique = pd.unique(values.to_numpy(dtype=object))
    table = {v: function(v) for v in unique}  # type: ignore[operator]
    return values.map(table)


def normalised_postcodes(ctx: Context) -> pd.Series:
    """Each address's postcode normalised (``TN13 1AA``), None when absent or not a postcode."""
    return ctx.postcode_norm


def quoted(values: object) -> np.ndarray:
    """Text values in single quotes for messages."""
    return cat("'", np.asarray(values, dtype=object), "'")


def duplicates(keys: object) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Rows whose key is shared (missing keys never are), with their group's first and second
    rows and its size; rows in ascending order."""
    codes, _ = pd.factorize(pd.Series(keys), use_na_sentinel=True)
    pos = np.flatnonzero(codes >= 0)
    order = pos[np.argsort(codes[pos], kind="stable")]  # by key, then by row
    ordered = codes[order]
    same_prev = np.r_[False, ordered[1:] == ordered[:-1]]
    same_next = np.r_[ordered[1:] == ordered[:-1], False]
    in_dup = np.flatnonzero(same_prev | same_next)
    empty = np.empty(0, dtype=np.int64)
    if not len(in_dup):
        return empty, empty, empty, empty
    starts = np.flatnonzero(~same_prev)
    group_start = starts[np.searchsorted(starts, np.arange(len(order)), side="right") - 1]
    start = group_start[in_dup]
    size = np.bincount(start, minlength=len(order))[start]
    rows, first, second = order[in_dup], order[start], order[start + 1]
    back = np.argsort(rows, kind="stable")
    return rows[back], first[back], second[back], size[back]


def int_text(values: np.ndarray, missing: str = "(none)") -> np.ndarray:
    """Whole numbers as text (``100012345678``), *missing* for NaN."""
    arr = np.asarray(values, dtype=np.float64)
    out = np.full(arr.shape, missing, dtype=object)
    ok = ~np.isnan(arr)
    out[ok] = arr[ok].astype(np.int64).astype(str).astype(object)
    return out


class Context:
    """Addresses, streets, boundary, postcodes and thresholds of one run."""

    def __init__(
        self,
        addresses: pd.DataFrame,
        streets: pd.DataFrame | None = None,
        boundary: object | None = None,
        postcodes: pd.DataFrame | None = None,
        thresholds: Thresholds | None = None,
        translate: Callable[[str], str] | None = None,
    ) -> None:
        lower = {str(c).lower() for c in addresses.columns}
        if not {"x", "y"} <= lower:
            raise ValueError("the addresses need x and y columns (easting, northing)")
        self.thresholds = thresholds or Thresholds()
        self._empty: dict[tuple[str, str], bool] = {}
        #: The run's message templates (translated by *translate*, once each).
        self.messages = Messages(translate)
        #: The rule being checked (the engine sets it): ``say`` fills in its templates.
        self.rule: Rule | None = None
        kinds = {**_KINDS, "x": schema.REAL, "y": schema.REAL}
        self.a = _prepare(addresses, kinds, "feature")
        self.s: pd.DataFrame | None = None
        self.street_geoms: np.ndarray | None = None
        if streets is not None:
            self.s = _prepare(streets, _STREET_KINDS, "street feature")
            geoms = streets["geometry"] if "geometry" in streets.columns else None
            if geoms is None:
                raise ValueError("the streets need a geometry column of shapely geometries")
            self.street_geoms = np.asarray(geoms, dtype=object)
        if boundary is not None and shapely.is_empty(boundary):
            raise ValueError("the boundary is empty")
        self.boundary = boundary
        self.postcodes: pd.DataFrame | None = None
        if postcodes is not None:
            named = {str(c).lower(): c for c in postcodes.columns}
            if not {"postcode", "x", "y"} <= set(named):
                raise ValueError("the postcodes need postcode, x and y columns")
            self.postcodes = pd.DataFrame(
                {
                    "postcode": _text(postcodes[named["postcode"]].reset_index(drop=True)),
                    "x": _number(postcodes[named["x"]].reset_index(drop=True)),
                    "y": _number(postcodes[named["y"]].reset_index(drop=True)),
                }
            )

    # ------------------------------------------------------------------ availability
    def has(self, layer: str, *columns: str) -> bool:
        """True when *layer* was given and has all *columns*."""
        frame = self.a if layer == "addresses" else self.s
        return frame is not None and all(c in frame.columns for c in columns)

    def is_empty(self, layer: str, column: str) -> bool:
        """True when *column* of *layer* holds no value in any record."""
        key = (layer, column)
        if key not in self._empty:
            frame = self.a if layer == "addresses" else self.s
            assert frame is not None
            values = frame[f"{column}__raw"] if f"{column}__raw" in frame else frame[column]
            if values.dtype == object:
                self._empty[key] = bool((values.str.strip() == "").all())
            else:
                self._empty[key] = bool(values.isna().all())
        return self._empty[key]

    def missing_inputs(
        self,
        layer: str,
        fields: tuple[str, ...],
        needs: tuple[str, ...],
        may_be_empty: tuple[str, ...] = (),
    ) -> str:
        """Why a rule cannot run ('' when it can)."""
        frame = self.a if layer == "addresses" else self.s
        if frame is None:
            return f"no {layer.upper()} layer"
        absent = [f for f in fields if f not in frame.columns]
        if absent:
            return f"{layer} lack field(s) {', '.join(absent)}"
        empty = [f for f in fields if f not in may_be_empty and self.is_empty(layer, f)]
        if empty:
            return f"{', '.join(empty)} empty in every record of {layer}"
        for need in needs:
            if need == "boundary" and self.boundary is None:
                return "no BOUNDARY layer"
            if need == "postcodes" and self.postcodes is None:
                return "no POSTCODES layer"
            if need == "streets" and self.s is None:
                return "no STREETS layer"
            if "." in need:
                other, column = need.split(".", 1)
                if other == "streets" and self.s is None:
                    return "no STREETS layer"
                if not self.has(other, column):
                    return f"{other} lack field {column}"
                if self.is_empty(other, column):
                    return f"{column} empty in every record of {other}"
        return ""

    # ------------------------------------------------------------------ messages
    def say(self, key: str, /, **values: object) -> np.ndarray:
        """Message *key* of the rule being checked (or a shared one), in the run's language,
        filled in with *values*: strings or numbers, or arrays with one value per message."""
        own = self.rule.messages if self.rule is not None else {}
        template = own.get(key) or COMMON_MESSAGES.get(key)
        if template is None:
            rule_id = self.rule.id if self.rule is not None else "(no rule)"
            raise KeyError(f"rule {rule_id} has no message {key!r}")
        return self.messages.render(template, **values)

    def label(self, field: str) -> str:
        """How messages name *field* (``street description``), in the run's language."""
        return self.messages.label(field)

    def int_text(self, values: np.ndarray) -> np.ndarray:
        """Whole numbers as text; a missing one as the shared "(none)" in the run's language."""
        return int_text(values, str(self.say("no_value")[0]))

    def problems(self, keys: np.ndarray, parts: np.ndarray) -> np.ndarray:
        """``key: part; part`` for rows whose *parts* were built as ``; part; part``."""
        return self.say("problems", key=keys, problems=[p[2:] for p in parts])

    # ------------------------------------------------------------------ addresses
    @property
    def n(self) -> int:
        return len(self.a)

    @cached_property
    def uprn(self) -> np.ndarray:
        return self.a["uprn"].to_numpy() if "uprn" in self.a else np.full(self.n, np.nan)

    @cached_property
    def uprn_text(self) -> np.ndarray:
        """'UPRN 100012345678' or 'the address at feature 17' for each address."""
        keys = int_text(self.uprn, "")
        missing = keys == ""
        out = np.full(self.n, "", dtype=object)
        out[~missing] = self.say("uprn", uprn=keys[~missing])
        out[missing] = self.say("address_at", ref=self.ref[missing])
        return out

    @cached_property
    def ref(self) -> np.ndarray:
        return self.a["source_ref"].to_numpy(dtype=object)

    @cached_property
    def xy_ok(self) -> np.ndarray:
        """Coordinates present and inside the British National Grid."""
        x, y = self.a["x"].to_numpy(), self.a["y"].to_numpy()
        return (
            np.isfinite(x)
            & np.isfinite(y)
            & (x >= bng.MIN_E)
            & (x <= bng.MAX_E)
            & (y >= bng.MIN_N)
            & (y <= bng.MAX_N)
        )

    @cached_property
    def points(self) -> np.ndarray:
        """Shapely points (None where the coordinates are unusable)."""
        x, y = self.a["x"].to_numpy(), self.a["y"].to_numpy()
        out = np.full(self.n, None, dtype=object)
        ok = self.xy_ok
        out[ok] = shapely.points(x[ok], y[ok])
        return out

    @cached_property
    def live(self) -> np.ndarray:
        """Logical status 1/3/5/6 (all addresses when the layer has no status)."""
        if "logical_status" not in self.a:
            return np.ones(self.n, dtype=bool)
        return np.isin(self.a["logical_status"].to_numpy(), LIVE_STATUSES)

    def column(self, name: str) -> pd.Series:
        """Address column *name*, or an empty one (NaN / '') when the layer lacks it."""
        if name in self.a:
            return self.a[name]
        if _KINDS.get(name) in (schema.INT, schema.REAL):
            return pd.Series(np.full(self.n, np.nan), index=self.a.index, name=name)
        return pd.Series([""] * self.n, index=self.a.index, dtype=object, name=name)

    def blank(self, column: str) -> np.ndarray:
        """Address text *column* empty or only spaces."""
        return (self.a[column].str.strip() == "").to_numpy()

    @cached_property
    def postcode_norm(self) -> pd.Series:
        """Each address's postcode normalised (``TN13 1AA``), None when absent or not one."""
        return lookup(self.a["postcode"], postcode.normalise)

    @cached_property
    def row_of_uprn(self) -> pd.Series:
        """UPRN → row of its first record."""
        u = pd.Series(np.arange(self.n), index=self.uprn)
        u = u[u.index.notna()]
        return u[~u.index.duplicated(keep="first")]

    # ------------------------------------------------------------------ streets
    @cached_property
    def usrn_text(self) -> np.ndarray:
        """'USRN 12345678' or 'the street at street feature 3' for each street."""
        assert self.s is not None
        usrn = self.s["usrn"].to_numpy() if "usrn" in self.s else np.full(len(self.s), np.nan)
        keys = int_text(usrn, "")
        missing = keys == ""
        out = np.full(len(keys), "", dtype=object)
        out[~missing] = self.say("usrn", usrn=keys[~missing])
        out[missing] = self.say(
            "street_at", ref=self.s["source_ref"].to_numpy(dtype=object)[missing]
        )
        return out

    @cached_property
    def street_ok(self) -> np.ndarray:
        """Street geometry present, non-empty and of non-zero length."""
        geoms = self.street_geoms
        assert geoms is not None
        present = ~shapely.is_missing(geoms)
        ok = present.copy()
        ok[present] = ~shapely.is_empty(geoms[present]) & (shapely.length(geoms[present]) > 0)
        return ok

    @cached_property
    def row_of_usrn(self) -> pd.Series:
        """USRN → row of its first street."""
        assert self.s is not None
        u = pd.Series(np.arange(len(self.s)), index=self.s["usrn"].to_numpy())
        u = u[u.index.notna()]
        return u[~u.index.duplicated(keep="first")]

    @cached_property
    def address_street(self) -> np.ndarray:
        """For each address, the row of its street in STREETS, or -1."""
        if self.s is None or "usrn" not in self.a or "usrn" not in self.s:
            return np.full(self.n, -1, dtype=np.int64)
        rows = self.row_of_usrn.reindex(self.a["usrn"].to_numpy())
        return rows.fillna(-1).to_numpy(dtype=np.int64)

    @cached_property
    def street_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """Pairs (i, j), i != j, of streets within the network tolerance of each other."""
        geoms = self.street_geoms
        assert geoms is not None
        ok = np.flatnonzero(self.street_ok)
        tree = shapely.STRtree(geoms[ok])
        tol = self.thresholds.network_tolerance
        try:
            left, right = tree.query(geoms[ok], predicate="dwithin", distance=tol)
        except (ValueError, shapely.errors.UnsupportedGEOSVersionError):  # GEOS < 3.10
            left, right = tree.query(shapely.buffer(geoms[ok], tol), predicate="intersects")
            close = shapely.distance(geoms[ok][left], geoms[ok][right]) <= tol
            left, right = left[close], right[close]
        keep = left != right
        return ok[left[keep]], ok[right[keep]]

    @cached_property
    def street_anchor(self) -> tuple[np.ndarray, np.ndarray]:
        """A point on each street's geometry (half way along it) to place its issues."""
        geoms = self.street_geoms
        assert geoms is not None
        x = np.full(len(geoms), np.nan)
        y = np.full(len(geoms), np.nan)
        ok = np.flatnonzero(self.street_ok | self._street_nonempty)
        if len(ok):
            mid = shapely.line_interpolate_point(geoms[ok], 0.5, normalized=True)
            x[ok], y[ok] = shapely.get_x(mid), shapely.get_y(mid)
        return x, y

    @cached_property
    def _street_nonempty(self) -> np.ndarray:
        geoms = self.street_geoms
        assert geoms is not None
        present = ~shapely.is_missing(geoms)
        out = present.copy()
        out[present] = ~shapely.is_empty(geoms[present])
        return out
