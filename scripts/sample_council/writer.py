"""Save a generated council: one GeoPackage of layers and the CSV files beside it."""

from __future__ import annotations

import csv
import datetime as dt
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from osgeo import ogr, osr
from pyproj import Transformer
from pyproj.transformer import TransformerGroup

from . import names
from .council import Council, plugin

GPKG = "sample_council.gpkg"
RECORDS = "service_records.csv"
TRUTH = "service_records_truth.csv"
OPEN_UPRN = "open_uprn.csv"

_OGR_TYPES = {
    "int": ogr.OFTInteger64,
    "real": ogr.OFTReal,
    "text": ogr.OFTString,
    "date": ogr.OFTDate,
}

Spec = Sequence[tuple[str, str, int]]  # (name, kind, width)


def _schema(fields: Sequence[object]) -> list[tuple[str, str, int]]:
    return [(f.name, f.kind, f.length) for f in fields]  # type: ignore[attr-defined]


def _value(value: object, kind: str) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if kind == "int":
        return int(value)  # type: ignore[call-overload]
    if kind == "real":
        return float(value)  # type: ignore[arg-type]
    if kind == "date":
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return str(value)


def _layer(ds: ogr.DataSource, name: str, geom_type: int, spec: Spec, frame: pd.DataFrame) -> None:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    layer = ds.CreateLayer(name, srs, geom_type, options=["SPATIAL_INDEX=YES"])
    for fname, kind, width in spec:
        defn = ogr.FieldDefn(fname, _OGR_TYPES[kind])
        if kind == "text" and width:
            defn.SetWidth(width)
        layer.CreateField(defn)
    wkbs = shapely.to_wkb(frame["geometry"].to_numpy())
    columns = [frame[f].to_numpy(dtype=object) for f, _, _ in spec]
    layer.StartTransaction()
    defn = layer.GetLayerDefn()
    for i, wkb in enumerate(wkbs):
        feature = ogr.Feature(defn)
        for j, (_fname, kind, _w) in enumerate(spec):
            value = _value(columns[j][i], kind)
            if value is None:
                feature.SetFieldNull(j)
            else:
                feature.SetField(j, value)
        geom = ogr.CreateGeometryFromWkb(bytes(wkb))
        if geom_type == ogr.wkbMultiLineString and geom.GetGeometryType() == ogr.wkbLineString:
            geom = ogr.ForceToMultiLineString(geom)
        feature.SetGeometry(geom)
        layer.CreateFeature(feature)
    layer.CommitTransaction()


def write(council: Council, out: Path) -> dict[str, Path]:
    """Write every layer and table of *council* into the folder *out*."""
    plugin()
    from placelink.core.schema import ADDRESS_FIELDS, POSTCODE_FIELDS, STREET_FIELDS

    out.mkdir(parents=True, exist_ok=True)
    gpkg = out / GPKG
    if gpkg.exists():
        gpkg.unlink()
    driver = ogr.GetDriverByName("GPKG")
    ds = driver.CreateDataSource(str(gpkg))
    boundary = pd.DataFrame(
        {"name": [names.COUNCIL], "code": [names.COUNCIL_CODE], "geometry": [council.boundary]}
    )
    _layer(ds, "boundary", ogr.wkbPolygon, [("name", "text", 80), ("code", "text", 9)], boundary)
    _layer(ds, "streets", ogr.wkbMultiLineString, _schema(STREET_FIELDS), council.streets)
    _layer(
        ds,
        "street_segments",
        ogr.wkbLineString,
        [("usrn", "int", 0), ("segment_id", "int", 0), ("length_m", "real", 0)],
        council.segments,
    )
    _layer(ds, "addresses", ogr.wkbPoint, _schema(ADDRESS_FIELDS), council.addresses)
    _layer(
        ds,
        "facilities",
        ogr.wkbPoint,
        [
            ("facility_id", "int", 0),
            ("name", "text", 100),
            ("type", "text", 40),
            ("capacity", "int", 0),
            ("uprn", "int", 0),
        ],
        council.facilities.assign(
            geometry=shapely.points(council.facilities[["x", "y"]].to_numpy())
        ),
    )
    postcodes = council.postcodes.copy()
    postcodes["country_code"] = "E92000001"
    postcodes["admin_district_code"] = names.COUNCIL_CODE
    for f in POSTCODE_FIELDS:
        if f.name not in postcodes:
            postcodes[f.name] = None
    _layer(ds, "postcodes", ogr.wkbPoint, _schema(POSTCODE_FIELDS), postcodes)
    ds = None  # close

    council.records.to_csv(out / RECORDS, index=False, encoding="utf-8", lineterminator="\n")
    council.truth.to_csv(out / TRUTH, index=False, encoding="utf-8", lineterminator="\n")
    _open_uprn(council.addresses, out / OPEN_UPRN)
    return {
        "gpkg": gpkg,
        "records": out / RECORDS,
        "truth": out / TRUTH,
        "open_uprn": out / OPEN_UPRN,
    }


def _to_wgs84() -> Transformer:
    """BNG → WGS 84 by the grid-free Helmert transformation "OSGB36 to WGS 84 (6)".

    PROJ would use the OSTN15 grid where it is installed and Helmert where not; fixing
    the operation keeps the file identical on every machine (to within ~2 m of OSTN15).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "best transformation is not available" (no grid)
        group = TransformerGroup("EPSG:27700", "EPSG:4326", always_xy=True)
    for transformer in group.transformers:
        if "OSGB36 to WGS 84 (6)" in transformer.description:
            return transformer
    raise RuntimeError("PROJ lacks the OSGB36 to WGS 84 (6) transformation")


def _open_uprn(addresses: pd.DataFrame, path: Path) -> None:
    """OS Open UPRN CSV of the live addresses: BOM, CRLF, 2-decimal metres, 7-decimal degrees."""
    live = addresses[addresses["logical_status"].ne(8)]
    lon, lat = _to_wgs84().transform(live["x"].to_numpy(), live["y"].to_numpy())
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        w = csv.writer(handle, lineterminator="\r\n")
        w.writerow(["UPRN", "X_COORDINATE", "Y_COORDINATE", "LATITUDE", "LONGITUDE"])
        for u, x, y, la, lo in zip(live["uprn"], live["x"], live["y"], lat, lon, strict=True):
            w.writerow([int(u), f"{x:.2f}", f"{y:.2f}", f"{la:.7f}", f"{lo:.7f}"])
