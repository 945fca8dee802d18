"""``make demo``: run PlaceLink on the bundled sample council through qgis_process.

Prints where every output is. Uses a throw-away QGIS profile under output/ so the
user's own QGIS set-up is never touched.
"""

from __future__ import annotations

import shutil
import sys
import time

from qgis_runner import ROOT, QgisProcess

SAMPLE = ROOT / "resources" / "sample"
OUT = ROOT / "output"


def main() -> int:
    started = time.perf_counter()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir()
    qp = QgisProcess(OUT / ".qgis")
    qp.enable_plugin()
    gpkg = OUT / "demo.gpkg"

    print("PlaceLink demo on the sample council")
    result = qp.run(
        "placelink:loadaddresses",
        {
            "INPUT": SAMPLE / "open_uprn.csv",
            "OUTPUT": f"ogr:dbname='{gpkg}' table=\"addresses\" (geom)",
            "REJECTED": OUT / "addresses_rejected.csv",
        },
    )
    res = result["results"]
    print(
        f"  load addresses (OS Open UPRN): {res['LOADED']:,} loaded, "
        f"{res['REJECTED_COUNT']:,} rejected of {res['ROWS_READ']:,} rows"
    )

    print(f"\nOutputs ({time.perf_counter() - started:.1f} s):")
    print(f"  GeoPackage of all layers:  {gpkg}")
    print(f"  rejected rows:             {OUT / 'addresses_rejected.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
