"""``make demo``: PlaceLink's whole council job on the bundled sample council, via qgis_process.

Runs the shipped model ``placelink:councilworkflow`` (load LLPG and NSG → check quality →
match the service records → catchments of the primary schools → the catchment map) in a
throw-away QGIS profile, then prints where every output is, with a one-line summary of
the matching (checked against the sample's truth table).
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from qgis_runner import ROOT, QgisProcess

SAMPLE = ROOT / "resources" / "sample"
OUT = ROOT / "output"
GPKG = SAMPLE / "sample_council.gpkg"


LAYERS = OUT / "layers"


def layer(table: str, layers: Path = LAYERS) -> str:
    """A model output destination: one GeoPackage per layer (merged into demo.gpkg after)."""
    return str(layers / f"{table}.gpkg")


def merge_layers(layers: Path = LAYERS, target: Path = OUT / "demo.gpkg") -> Path:
    """Copy every per-layer GeoPackage into one GeoPackage, layers named by their table."""
    from osgeo import gdal

    gdal.UseExceptions()
    for path in sorted(layers.glob("*.gpkg")):
        # only the data layer: each file also holds its default style in ``layer_styles``
        options = gdal.VectorTranslateOptions(
            format="GPKG", accessMode="append" if target.exists() else None,
            layers=[path.stem], layerName=path.stem,
        )  # fmt: skip
        gdal.VectorTranslate(str(target), str(path), options=options)
    return target


def parameters(sample: Path = SAMPLE, out: Path = OUT) -> dict:
    """The model's parameters for the sample council in *sample*, outputs under *out*."""
    gpkg = sample / "sample_council.gpkg"
    layers = out / "layers"
    return {
        "ADDRESS_FILE": sample / "llpg_dtf73.csv",
        "STREET_FILE": sample / "nsg_dtf81.csv",
        "BOUNDARY": f"{gpkg}|layername=boundary",
        "RECORDS": sample / "service_records.csv",
        "RECORD_ADDRESS_FIELDS": "address",
        "RECORD_POSTCODE_FIELD": "postcode",
        "FACILITIES": f"{gpkg}|layername=facilities|subset=\"type\" = 'primary school'",
        "FACILITY_NAME_FIELD": "name",
        "BANDS": "400,800,1600",
        "MAP_TITLE": "Brackenford primary school catchments",
        "load_addresses:Addresses": layer("addresses", layers),
        "load_addresses:Rejected address rows": layer("addresses_rejected", layers),
        "load_streets:Streets": layer("streets", layers),
        "load_streets:Rejected street rows": layer("streets_rejected", layers),
        "check_quality:Quality issues": layer("quality_issues", layers),
        "check_quality:Quality summary": layer("quality_summary", layers),
        "check_quality:Quality report": out / "quality_report.html",
        "match:Matched records": layer("matched_records", layers),
        "catchments:Address assignments": layer("assignments", layers),
        "catchments:Catchments": layer("catchments", layers),
        "catchments:Distance band areas": layer("band_areas", layers),
        "map:Catchment map": out / "catchment_map.pdf",
    }


def match_summary() -> str:
    """matched / ambiguous / unmatched, and how many matches agree with the truth table."""
    with sqlite3.connect(OUT / "demo.gpkg") as db:
        rows = db.execute("SELECT record_id, uprn, match_status FROM matched_records").fetchall()
    with open(SAMPLE / "service_records_truth.csv", encoding="utf-8") as f:
        truth = {row["record_id"]: row["true_uprn"] for row in csv.DictReader(f)}
    counts = Counter(status for _, _, status in rows)
    matched = [(str(rid), uprn) for rid, uprn, status in rows if status == "matched"]
    correct = sum(str(uprn) == truth.get(rid, "") for rid, uprn in matched)
    share = 100.0 * correct / max(len(matched), 1)
    return (
        f"{len(rows):,} records: {counts['matched']:,} matched ({share:.1f} % correct against "
        f"the sample's truth), {counts['ambiguous']:,} ambiguous, "
        f"{counts['unmatched']:,} unmatched"
    )


def main() -> int:
    started = time.perf_counter()
    if OUT.exists():
        shutil.rmtree(OUT)
    LAYERS.mkdir(parents=True)
    qp = QgisProcess(OUT / ".qgis")
    qp.enable_plugin()
    print("PlaceLink demo: the sample council's whole job (placelink:councilworkflow)")
    qp.run("placelink:councilworkflow", parameters())
    merge_layers()
    png = OUT / "catchment_map.png"
    qp.run(
        "placelink:catchmentmap",
        {
            "CATCHMENTS": layer("catchments"),
            "FACILITIES": parameters()["FACILITIES"],
            "BAND_AREAS": layer("band_areas"),
            "NETWORK": layer("streets"),
            "TITLE": parameters()["MAP_TITLE"],
            "OUTPUT": png,
        },
    )
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "write_project.py"), str(OUT), str(SAMPLE),
         parameters()["MAP_TITLE"]],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    print(f"\nDone in {time.perf_counter() - started:.0f} s. Outputs:")
    print(f"  QGIS project:              {OUT / 'demo.qgz'}  (qgis {OUT / 'demo.qgz'})")
    print(f"  GeoPackage of all layers:  {OUT / 'demo.gpkg'}")
    print(f"  quality report (HTML):     {OUT / 'quality_report.html'}")
    print(f"  match results:             {OUT / 'demo.gpkg'} (layer matched_records)")
    print(f"    {match_summary()}")
    print(f"  catchment map:             {OUT / 'catchment_map.pdf'}")
    print(f"                             {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
