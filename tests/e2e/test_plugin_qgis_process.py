"""qgis_process with PlaceLink from QGIS_PLUGINPATH: the checkout, and the packaged zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from qgis_runner import QgisProcess

pytestmark = pytest.mark.qgis_process
ROOT = Path(__file__).resolve().parents[2]

OPEN_UPRN = (
    "\ufeffUPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\r\n"
    "100021892955,552431.00,155203.00,51.2750,0.1901\r\n"
    "10070051045,552440.57,155190.12,51.2749,0.1902\r\n"
)


def _placelink_lines(qp: QgisProcess) -> list[str]:
    listing = qp.command("list")
    assert listing.returncode == 0, listing.stderr
    return [line.strip() for line in listing.stdout.splitlines() if "placelink:" in line]


def test_checkout_plugin_lists_and_runs(tmp_path: Path) -> None:
    qp = QgisProcess(tmp_path / "qp")
    qp.enable_plugin()
    assert any(line.startswith("placelink:loadaddresses") for line in _placelink_lines(qp))
    source = tmp_path / "uprn.csv"
    source.write_text(OPEN_UPRN, encoding="utf-8")
    result = qp.run(
        "placelink:loadaddresses",
        {"INPUT": source, "OUTPUT": tmp_path / "a.gpkg", "REJECTED": tmp_path / "r.csv"},
    )
    assert result["results"]["LOADED"] == 2 and result["results"]["REJECTED_COUNT"] == 0
    assert (
        "2 data rows read from 1 file(s): 2 to OUTPUT + 0 to REJECTED = 2" in result["log"]["info"]
    )


def test_packaged_zip_installs_into_a_clean_profile(tmp_path: Path) -> None:
    from package import build

    archive = build(tmp_path / "dist")
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert all(n.startswith("placelink/") for n in names)
        assert not any(part in n for n in names for part in ("/tests/", "/bench/", ".pyc"))
        plugins = tmp_path / "qp" / "plugins"
        z.extractall(plugins)
    qp = QgisProcess(tmp_path / "qp")  # finds plugins/placelink already there: no link made
    assert not (plugins / "placelink").is_symlink()
    qp.enable_plugin()
    assert any(line.startswith("placelink:loadaddresses") for line in _placelink_lines(qp))
