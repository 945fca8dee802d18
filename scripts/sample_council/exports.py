"""The sample council as the files a council holds: an LLPG in DTF 7.3, an NSG in DTF 8.1.

``write_dtf73`` turns the GeoPackage's ``addresses`` and ``streets`` into a GeoPlace DTF 7.3
full supply (10 header; 11 street and 15 descriptor per USRN; 21 BLPU and 24 LPI per UPRN,
plus a few alternative (logical status 3) and historic (8) LPIs; 99 trailer).
``write_dtf81`` turns ``streets`` and ``street_segments`` into an NSG DTF 8.1 full supply
(10; 11 and 15 per USRN; 13 ESU and 14 ESU coordinates per segment, 12 cross references
USRN ↔ ESU; 99). Field orders follow the layouts documented in ``core/formats/dtf73.py``,
``dtf73_streets.py`` and ``dtf81.py``.

Written as GeoPlace do: text in double quotes, numbers, dates and times bare, empty fields
empty, UTF-8, CRLF line ends; coordinates in metres to 2 decimals. Every value comes from
the GeoPackage (header dates are the latest date in the data), so the same GeoPackage
always gives byte-identical files.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import shapely

CUSTODIAN_NAME = "BRACKENFORD DISTRICT COUNCIL"
#: Fictional local custodian code (four digits, like the real ones).
CUSTODIAN_CODE = 9999
TIME_STAMP = "12:00:00"
#: Former house names given to the historic (logical status 8) LPIs, in turn.
FORMER_NAMES = (
    "ROSE COTTAGE",
    "THE OLD FORGE",
    "MEADOW VIEW",
    "THE LAURELS",
    "OAKLANDS",
    "WILLOW BANK",
)
#: How many UPRNs get an alternative (3) and a historic (8) LPI.
ALTERNATIVES = 12
HISTORIC = 12

Column = pd.Series


# --- field formatting (vectorised over a column) -------------------------------------------
def _text(values: Sequence | pd.Series) -> Column:
    """Quoted text (``"`` doubled); empty when missing or blank."""
    series = pd.Series(values, dtype=object).fillna("").astype(str).str.strip()
    quoted = '"' + series.str.replace('"', '""', regex=False) + '"'
    return quoted.where(series != "", "")


def _int(values: Sequence | pd.Series) -> Column:
    """Whole numbers, bare; empty when missing."""
    series = pd.Series(values).astype("Int64").astype(str)
    return series.where(series != "<NA>", "")


def _coord(values: Sequence | pd.Series) -> Column:
    """Metres to 2 decimals."""
    return pd.Series(np.char.mod("%.2f", np.asarray(values, dtype=float)), dtype=object)


def _date(values: Sequence | pd.Series) -> Column:
    """ISO dates, bare; empty when missing."""
    series = pd.to_datetime(pd.Series(values))
    return series.dt.strftime("%Y-%m-%d").fillna("")


def _const(value: str, size: int) -> Column:
    return pd.Series([value] * size, dtype=object)


def _rows(record_type: str, columns: list[Column]) -> list[str]:
    """CSV lines of one record type: the type, change type I, PRO_ORDER, then *columns*."""
    size = len(columns[0]) if columns else 0
    if not size:
        return []
    head = [
        _const(record_type, size),
        _const('"I"', size),
        pd.Series(np.arange(1, size + 1).astype(str), dtype=object),
    ]
    parts = [c.reset_index(drop=True).astype(object) for c in head + columns]
    return reduce(lambda a, b: a + "," + b, parts).tolist()


def _write(out_path: str | Path, header: str, body: list[str], trailer_date: str) -> Path:
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    trailer = f"99,0,{len(body)},{trailer_date},{TIME_STAMP}"
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\r\n".join([header, *body, trailer]) + "\r\n")
    return out


def _latest(*frames_and_columns: tuple[pd.DataFrame, Sequence[str]]) -> str:
    """The latest date in the given columns (the supply's process/entry date)."""
    dates = [
        pd.to_datetime(frame[name]).max() for frame, names in frames_and_columns for name in names
    ]
    return max(d for d in dates if pd.notna(d)).strftime("%Y-%m-%d")


def _header(version: str, day: str) -> str:
    """Record 10: custodian name and code, process date, volume, entry date, time, version, F."""
    return f'10,"{CUSTODIAN_NAME}",{CUSTODIAN_CODE},{day},1,{day},{TIME_STAMP},"{version}","F"'


# --- reading ---------------------------------------------------------------------------------
def read_layer(gpkg_path: str | Path, layer: str, key: str) -> pd.DataFrame:
    """A GeoPackage layer sorted by *key* (stable), with a plain index."""
    frame = pyogrio.read_dataframe(gpkg_path, layer=layer)
    return frame.sort_values(key, kind="stable").reset_index(drop=True)


# --- streets (records 11 and 15, both formats) -----------------------------------------------
def _street_ends(geometry: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(start xy, end xy) of each street: first and last coordinate of its lines."""
    coords, owner = shapely.get_coordinates(geometry, return_index=True)
    first = np.searchsorted(owner, np.arange(len(geometry)), side="left")
    last = np.searchsorted(owner, np.arange(len(geometry)), side="right") - 1
    return coords[first], coords[last]


def street_records(
    streets: pd.DataFrame, version: str, esu_counts: Column | None = None
) -> list[str]:
    """Record 11 per USRN in the DTF 7.3 or the DTF 8.1 layout."""
    start, end = _street_ends(streets.geometry.to_numpy())
    size = len(streets)
    entry = _date(streets["start_date"])
    updated = _date(streets["state_date"])
    common_head = [
        _int(streets["usrn"]),
        _int(streets["street_type"]),
        _const(str(CUSTODIAN_CODE), size),  # SWA_ORG_REF_NAMING
        _int(streets["state"]),
        _date(streets["state_date"]),
        _int(streets["surface"]),
    ]
    common_tail = [
        entry,  # RECORD_ENTRY_DATE
        updated,  # LAST_UPDATE_DATE
        _date(streets["start_date"]),
        _date(streets["end_date"]),
        _coord(start[:, 0]),
        _coord(start[:, 1]),
        _coord(end[:, 0]),
        _coord(end[:, 1]),
        _const("1", size),  # STREET_TOLERANCE (metres)
    ]
    if version == "7.3":
        classification = streets["classification"].fillna("").astype(str)  # a number code
        middle = [classification, _const("1", size)]  # STREET_CLASSIFICATION, VERSION
        return _rows("11", common_head + middle + common_tail)
    counts = esu_counts if esu_counts is not None else _const("", size)
    return _rows("11", [*common_head, _const("1", size), *common_tail, counts])


def descriptor_records(streets: pd.DataFrame) -> list[str]:
    """Record 15 per USRN: descriptor, locality, town, administrative area, language."""
    return _rows(
        "15",
        [
            _int(streets["usrn"]),
            _text(streets["street_description"]),
            _text(streets["locality"]),
            _text(streets["town"]),
            _text(streets["administrative_area"]),
            _text(["ENG"] * len(streets)),
        ],
    )


# --- LLPG: BLPUs and LPIs --------------------------------------------------------------------
def extra_lpis(addresses: pd.DataFrame) -> pd.DataFrame:
    """The alternative (status 3) and historic (status 8) LPIs added to some UPRNs.

    Alternative: a named and numbered house (no SAO) also known by its number alone.
    Historic: a numbered house without a name (no SAO) that had a name, now retired.
    Taken in UPRN order from live, approved addresses (*addresses* sorted by UPRN with a
    plain index, as ``read_layer`` gives them), so the choice is deterministic.
    """
    live = addresses[(addresses["logical_status"] == 1) & addresses["sao_text"].isna()]
    live = live[live["sao_start_number"].isna() & live["pao_start_number"].notna()]
    named = live.index[live["pao_text"].notna()][:ALTERNATIVES]
    plain = live.index[live["pao_text"].isna()][::40][:HISTORIC]
    extra = addresses.loc[named.union(plain)].copy()  # UPRN order (the index follows it)
    historic = extra.index.isin(plain)
    extra["lpi_status"] = np.where(historic, 8, 3)
    former = [FORMER_NAMES[i % len(FORMER_NAMES)] for i in range(int(historic.sum()))]
    extra["pao_text"] = pd.Series(None, index=extra.index, dtype=object)
    extra.loc[historic, "pao_text"] = former
    extra["lpi_end"] = extra["last_update_date"].where(historic)
    extra["official_flag"] = np.where(historic, "Y", "N")  # an alias is not official
    return extra.reset_index(drop=True)


def _lpi_columns(frame: pd.DataFrame, keys: Column) -> list[Column]:
    size = len(frame)
    return [
        _int(frame["uprn"]),
        keys,
        _text(frame["language"].fillna("ENG")),
        _int(frame["lpi_status"]),
        _date(frame["start_date"]),
        _date(frame["lpi_end"]),
        _date(frame["start_date"]),  # ENTRY_DATE
        _date(frame["last_update_date"]),
        _int(frame["sao_start_number"]),
        _text(frame["sao_start_suffix"]),
        _int(frame["sao_end_number"]),
        _text(frame["sao_end_suffix"]),
        _text(frame["sao_text"]),
        _int(frame["pao_start_number"]),
        _text(frame["pao_start_suffix"]),
        _int(frame["pao_end_number"]),
        _text(frame["pao_end_suffix"]),
        _text(frame["pao_text"]),
        _int(frame["usrn"]),
        _const("", size),  # LEVEL
        _text(frame["postal_address"]),
        _text(frame["postcode"]),
        _text(frame["town"]),  # POST_TOWN
        _text(frame["official_flag"]),
        _const("", size),  # CUSTODIAN_ONE
        _const("", size),  # CUSTODIAN_TWO
        _const("", size),  # CAN_KEY
    ]


def _lpi_keys(first: int, size: int) -> Column:
    """LPI keys as custodians issue them: custodian code, ``L``, nine-digit sequence."""
    numbers = np.arange(first, first + size)
    return pd.Series(
        np.char.mod(f'"{CUSTODIAN_CODE:04d}L%09d"', numbers) if size else [], dtype=object
    )


def blpu_records(addresses: pd.DataFrame) -> list[str]:
    """Record 21 per UPRN (state date: the end date for historic BLPUs, else the start)."""
    size = len(addresses)
    state_date = addresses["end_date"].fillna(addresses["start_date"])
    return _rows(
        "21",
        [
            _int(addresses["uprn"]),
            _int(addresses["logical_status"]),
            _int(addresses["blpu_state"]),
            _date(state_date),
            _text(addresses["classification"]),
            _int(addresses["parent_uprn"]),
            _coord(addresses.geometry.x),
            _coord(addresses.geometry.y),
            _int(addresses["rpc"]),
            _const(str(CUSTODIAN_CODE), size),
            _date(addresses["start_date"]),
            _date(addresses["end_date"]),
            _date(addresses["last_update_date"]),
            _date(addresses["start_date"]),  # ENTRY_DATE
            _text(addresses["organisation"]),
            _const("", size),  # WARD_CODE
            _const("", size),  # PARISH_CODE
            _const("", size),  # CUSTODIAN_ONE
            _const("", size),  # CUSTODIAN_TWO
            _const("", size),  # CAN_KEY
        ],
    )


def lpi_records(addresses: pd.DataFrame, extra: pd.DataFrame) -> list[str]:
    """Record 24: the preferred LPI of every UPRN (its BLPU's logical status), then *extra*."""
    preferred = addresses.assign(
        lpi_status=addresses["logical_status"], lpi_end=addresses["end_date"]
    )
    frame = pd.concat([preferred, extra], ignore_index=True)
    return _rows("24", _lpi_columns(frame, _lpi_keys(1, len(frame))))


def write_dtf73(gpkg_path: str | Path, out_path: str | Path) -> Path:
    """Write the sample council's LLPG as a DTF 7.3 full supply; returns *out_path*."""
    addresses = read_layer(gpkg_path, "addresses", "uprn")
    streets = read_layer(gpkg_path, "streets", "usrn")
    day = _latest(
        (addresses, ("start_date", "end_date", "last_update_date")),
        (streets, ("start_date", "state_date")),
    )
    body = (
        street_records(streets, "7.3")
        + descriptor_records(streets)
        + blpu_records(addresses)
        + lpi_records(addresses, extra_lpis(addresses))
    )
    return _write(out_path, _header("7.3", day), body, day)


# --- NSG: ESUs ---------------------------------------------------------------------------------
def esu_ids(segments: pd.DataFrame) -> np.ndarray:
    """ESU identifiers as the NSG forms them: 7-digit easting and northing of the midpoint.

    Two segments whose midpoints round to the same metre get the next free northing, in
    segment order, so identifiers stay unique and deterministic.
    """
    mids = shapely.line_interpolate_point(segments.geometry.to_numpy(), 0.5, normalized=True)
    x = np.rint(shapely.get_x(mids)).astype(np.int64)
    y = np.rint(shapely.get_y(mids)).astype(np.int64)
    ids = x * 10_000_000 + y
    seen: set[int] = set()
    for i, value in enumerate(ids.tolist()):
        while value in seen:
            value += 1
        seen.add(value)
        ids[i] = value
    return ids


def write_dtf81(gpkg_path: str | Path, out_path: str | Path) -> Path:
    """Write the sample council's street gazetteer as an NSG DTF 8.1 full supply."""
    streets = read_layer(gpkg_path, "streets", "usrn")
    segments = read_layer(gpkg_path, "street_segments", "segment_id")
    day = _latest((streets, ("start_date", "state_date", "end_date")))
    ids = esu_ids(segments)
    esus = pd.DataFrame({"usrn": segments["usrn"].to_numpy(), "esuid": ids})
    esus = esus.merge(
        streets[["usrn", "start_date", "state_date", "end_date"]], on="usrn", how="left"
    )
    coords, owner = shapely.get_coordinates(segments.geometry.to_numpy(), return_index=True)
    counts = np.bincount(owner, minlength=len(segments))
    number = np.arange(len(coords)) - np.repeat(np.cumsum(counts) - counts, counts) + 1
    per_street = esus.groupby("usrn").size().reindex(streets["usrn"]).fillna(0)
    size = len(esus)
    one = _const("1", size)
    links = esus.sort_values(["usrn", "esuid"], kind="stable")
    body = (
        street_records(streets, "8.1", _int(per_street.to_numpy()))
        + _rows("12", [_int(links["usrn"]), _const("1", size), _int(links["esuid"]), one])
        + _rows(
            "13",
            [
                _int(esus["esuid"]),
                one,  # ESU_VERSION_NUMBER
                _int(counts),  # NUM_COORD_COUNT
                one,  # ESU_TOLERANCE
                _date(esus["start_date"]),  # ESU_ENTRY_DATE
                _date(esus["start_date"]),
                _date(esus["state_date"]),  # ESU_LAST_UPDATE_DATE
                _date(esus["end_date"]),
                one,  # ESU_DIRECTION: 1 two-way
            ],
        )
        + _rows(
            "14",
            [
                _int(ids[owner]),
                _const("1", len(coords)),
                _int(number),
                _coord(coords[:, 0]),
                _coord(coords[:, 1]),
            ],
        )
        + descriptor_records(streets)
    )
    return _write(out_path, _header("8.1", day), body, day)
