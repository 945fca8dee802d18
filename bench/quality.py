"""Benchmark: every quality rule over a synthetic council of 500,000 addresses and 20,000 streets.

Run from the checkout: ``.venv/bin/python bench/quality.py [--addresses N] [--streets N]``.
Prints the time per rule and the total (the goal: all rules in under 30 s).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from time import perf_counter

import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_PATH = ROOT / "build" / "pluginpath"


def _link_plugin() -> None:
    """Import the checkout as ``placelink`` (its folder has another name), as the tests do."""
    PLUGIN_PATH.mkdir(parents=True, exist_ok=True)
    link = PLUGIN_PATH / "placelink"
    if not link.exists():
        try:
            link.symlink_to(ROOT, target_is_directory=True)
        except FileExistsError:
            pass
    if str(PLUGIN_PATH) not in sys.path:
        sys.path.insert(0, str(PLUGIN_PATH))


TOWNS = [f"TOWN {chr(65 + i)}" for i in range(20)]
CLASSES = np.array(["RD02", "RD03", "RD04", "RD06", "CR08", "CO01", "RD", "PP", "ZZ99"])
CLASS_WEIGHTS = np.array([0.2, 0.25, 0.25, 0.2, 0.04, 0.03, 0.01, 0.015, 0.005])


def synthetic_council(
    n_addresses: int, n_streets: int, seed: int = 7
) -> tuple[pd.DataFrame, pd.DataFrame, object, pd.DataFrame]:
    """Addresses, streets, boundary and postcodes of a made-up council with ~1 % defects."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n_streets / 2))) + 1
    spacing = 200.0
    x0, y0 = 500_000.0, 150_000.0
    # Street grid: horizontal and vertical segments between grid nodes, each with a mid vertex.
    i, j = np.meshgrid(np.arange(side - 1), np.arange(side), indexing="ij")
    h = np.stack([i.ravel(), j.ravel(), i.ravel() + 1, j.ravel()], axis=1)
    v = np.stack([j.ravel(), i.ravel(), j.ravel(), i.ravel() + 1], axis=1)
    edges = np.concatenate([h, v])[:n_streets].astype(float)
    start = edges[:, :2] * spacing + (x0, y0)
    end = edges[:, 2:] * spacing + (x0, y0)
    coords = np.stack([start, (start + end) / 2, end], axis=1)
    geoms = shapely.linestrings(coords)
    usrn = 10_000_000 + np.arange(n_streets)
    town = np.array(TOWNS, dtype=object)[(edges[:, 0] * 20 // side).astype(int) % len(TOWNS)]
    streets = pd.DataFrame(
        {
            "usrn": usrn,
            "street_description": [f"STREET {k} ROAD" for k in range(n_streets)],
            "locality": "",
            "town": town,
            "administrative_area": "SAMPLE COUNCIL",
            "street_type": 1,
            "state": 2,
            "classification": "",
            "source": "bench",
            "start_date": "2001-01-01",
            "end_date": None,
            "geometry": geoms,
        }
    )
    # Addresses: spread along the streets, 15 m to one side.
    street = rng.integers(0, n_streets, n_addresses)
    t = rng.random(n_addresses)
    p0, p1 = start[street], end[street]
    normal = np.where(edges[street, 1:2] == edges[street, 3:4], [[0.0, 15.0]], [[15.0, 0.0]])
    xy = p0 + (p1 - p0) * t[:, None] + normal
    order = np.lexsort((t, street))
    number = np.empty(n_addresses, dtype=np.int64)
    number[order] = np.arange(n_addresses) - np.searchsorted(street[order], street[order]) + 1
    letters = np.array(list("ABDEFGHJLNPQRSTUWXYZ"))
    unit = street * 40 + number // 12
    postcode = [
        f"S{letters[u // 396_000 % 20]}{u // 4000 % 99 + 1} "
        f"{u % 10}{letters[(u // 10) % 20]}{letters[(u // 200) % 20]}"
        for u in unit
    ]
    uprn = 100_000_000_000 + np.arange(n_addresses)
    addresses = pd.DataFrame(
        {
            "uprn": uprn,
            "parent_uprn": np.nan,
            "usrn": usrn[street],
            "sao_start_number": np.nan,
            "sao_start_suffix": "",
            "sao_end_number": np.nan,
            "sao_end_suffix": "",
            "sao_text": "",
            "pao_start_number": number.astype(float),
            "pao_start_suffix": "",
            "pao_end_number": np.nan,
            "pao_end_suffix": "",
            "pao_text": "",
            "street_description": streets["street_description"].to_numpy()[street],
            "locality": "",
            "town": town[street],
            "administrative_area": "SAMPLE COUNCIL",
            "postcode": postcode,
            "classification": rng.choice(CLASSES, n_addresses, p=CLASS_WEIGHTS),
            "logical_status": 1,
            "blpu_state": 2,
            "address": "",
            "source": "bench",
            "rpc": 1,
            "start_date": "2005-04-01",
            "end_date": None,
            "x": xy[:, 0],
            "y": xy[:, 1],
            "source_ref": [f"line {k + 2} of bench.csv" for k in range(n_addresses)],
        }
    )
    addresses["address"] = (
        addresses["pao_start_number"].astype(int).astype(str)
        + " "
        + addresses["street_description"]
        + ", "
        + addresses["town"]
        + ", "
        + addresses["postcode"]
    )
    # Flats: every 10th address becomes a flat of the address before it.
    flats = np.arange(1, n_addresses, 10)
    addresses.loc[flats, "parent_uprn"] = uprn[flats - 1]
    addresses.loc[flats, "sao_text"] = "FLAT 1"
    for name in ("pao_start_number", "usrn", "street_description", "town", "postcode", "x", "y"):
        addresses.loc[flats, name] = addresses[name].to_numpy()[flats - 1]
    # ~1 % defects of several kinds.
    pick = rng.choice(n_addresses, size=n_addresses // 20, replace=False).reshape(5, -1)
    addresses.loc[pick[0], "uprn"] = uprn[pick[0] - 1]
    addresses.loc[pick[1], "postcode"] = [postcode[k].lower().replace(" ", "") for k in pick[1]]
    addresses.loc[pick[2], "x"] += 2_000
    addresses.loc[pick[3], "pao_text"] = "ROSE  COURT?"
    addresses.loc[pick[4], "rpc"] = 9
    streets.loc[rng.choice(n_streets, n_streets // 100, replace=False), "geometry"] = [
        shapely.linestrings([[0, 0], [0, 0]]) for _ in range(n_streets // 100)
    ]
    box = shapely.box(x0 - 100, y0 - 100, x0 + side * spacing, y0 + side * spacing)
    pc = addresses.groupby("postcode")[["x", "y"]].median().reset_index()
    return addresses, streets, box, pc


def run_in_qgis(addresses: pd.DataFrame, streets: pd.DataFrame, report: Path) -> None:
    """Time ``placelink:checkquality`` itself on memory layers of the same council."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication, QgsGeometry, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from placelink.core import schema
    from placelink.processing.provider import PlaceLinkProvider
    from placelink.qgis_support.fields import FeatureFactory

    import processing  # QGIS's own Processing plugin
    from processing.core.Processing import Processing

    Processing.initialize()
    provider = PlaceLinkProvider()
    QgsApplication.processingRegistry().addProvider(provider)

    def layer(kind: str, fields: tuple, frame: pd.DataFrame) -> QgsVectorLayer:
        out = QgsVectorLayer(f"{kind}?crs=EPSG:27700", kind.lower(), "memory")
        factory = FeatureFactory(fields)
        out.dataProvider().addAttributes(factory.fields.toList())
        out.updateFields()
        plain = frame.drop(columns=["geometry"], errors="ignore")
        records = plain.astype(object).where(plain.notna(), None).to_dict("records")
        if kind == "Point":
            features = [factory.point(r) for r in records]
        else:
            features = [factory.table_row(r) for r in records]
            for feature, geom in zip(features, frame["geometry"], strict=True):
                feature.setGeometry(QgsGeometry.fromWkt(geom.wkt))
        out.dataProvider().addFeatures(features)
        return out

    started = perf_counter()
    points = layer("Point", schema.ADDRESS_FIELDS, addresses)
    lines = layer("LineString", schema.STREET_FIELDS, streets)
    print(f"memory layers built in {perf_counter() - started:.1f} s")
    started = perf_counter()
    result = processing.run(
        "placelink:checkquality",
        {
            "ADDRESSES": points,
            "STREETS": lines,
            "ISSUES": "memory:",
            "SUMMARY": "memory:",
            "REPORT": str(report),
        },
    )
    print(
        f"placelink:checkquality (read layers, all rules, write ISSUES/SUMMARY/REPORT): "
        f"{perf_counter() - started:.2f} s, {result['ISSUE_COUNT']:,} issues, "
        f"score {result['SCORE']}%"
    )
    QgsApplication.processingRegistry().removeProvider(provider)


def main() -> None:
    _link_plugin()
    from placelink.core.quality import run_checks

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--addresses", type=int, default=500_000)
    parser.add_argument("--streets", type=int, default=20_000)
    parser.add_argument(
        "--qgis", action="store_true", help="also time the Processing algorithm in QGIS"
    )
    args = parser.parse_args()
    started = perf_counter()
    addresses, streets, boundary, postcodes = synthetic_council(args.addresses, args.streets)
    print(
        f"generated {len(addresses):,} addresses, {len(streets):,} streets "
        f"in {perf_counter() - started:.1f} s"
    )
    started = perf_counter()
    issues, summary = run_checks(addresses, streets, boundary, postcodes)
    total = perf_counter() - started
    for row in summary.itertuples():
        print(
            f"{row.rule_id}  {row.seconds:7.3f} s  {row.checked:>9,} checked  "
            f"{row.failures:>8,} failing  {row.title}"
        )
    rules = float(summary["seconds"].sum())
    print(f"preparing inputs and shared indexes {total - rules:.2f} s")
    print(f"total {total:.2f} s for {len(summary)} rules ({len(issues):,} issues); goal < 30 s")
    if args.qgis:
        run_in_qgis(addresses, streets, ROOT / "build" / "bench_quality_report.html")


if __name__ == "__main__":
    main()
