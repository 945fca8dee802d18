"""Cancel in the middle of every PlaceLink algorithm leaves no half-written output file.

A feedback cancels after a few progress reports; the run must stop with a "Cancelled"
error and none of the output files it was asked to write may exist afterwards.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback

_SPEC = importlib.util.spec_from_file_location(
    "catchment_map_tests", Path(__file__).resolve().with_name("test_catchment_map.py")
)
map_tests = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(map_tests)

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"
GPKG = SAMPLE / "sample_council.gpkg"


def _layer(name: str) -> str:
    return f"{GPKG}|layername={name}"


class CancelAfter(QgsProcessingFeedback):
    """Cancels the run at its *steps*-th progress report (percentage or text)."""

    def __init__(self, steps: int) -> None:
        super().__init__()
        self.steps = steps
        self.seen = 0
        self.progressChanged.connect(self._step)

    def _step(self, *_: object) -> None:
        self.seen += 1
        if self.seen >= self.steps:
            self.cancel()

    def setProgressText(self, text: str) -> None:
        self._step()
        super().setProgressText(text)


def _codepoint(path: Path, rows: int = 12_000) -> Path:
    """A Code-Point Open CSV of *rows* postcodes (enough for several progress reports)."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        for i in range(rows):
            district, unit = divmod(i, 400)
            postcode = (
                f"BK{district + 1} {unit % 10}{'ABDEFGHJLN'[unit // 40]}{'ABDEFGHJLN'[unit % 10]}"
            )
            out.write(f'"{postcode}",10,{450000 + i},{210000 + i},"E92000001","","","","",""\r\n')
    return path


def _parameters(algorithm: str, out: Path) -> dict:
    facilities = f"{_layer('facilities')}|subset=\"type\" = 'primary school'"
    return {
        "loadaddresses": {
            "INPUT": [str(SAMPLE / "llpg_dtf73.csv")],
            "FORMAT": 0,
            "OUTPUT": str(out / "addresses.gpkg"),
            "REJECTED": str(out / "rejected.csv"),
        },
        "loadstreets": {
            "INPUT": [str(SAMPLE / "nsg_dtf81.csv")],
            "FORMAT": 0,
            "OUTPUT": str(out / "streets.gpkg"),
            "REJECTED": str(out / "rejected.csv"),
        },
        "loadpostcodes": {
            "INPUT": [str(_codepoint(out.parent / "codepoint.csv"))],
            "OUTPUT": str(out / "postcodes.gpkg"),
            "REJECTED": str(out / "rejected.csv"),
        },
        "checkquality": {
            "ADDRESSES": _layer("addresses"),
            "STREETS": _layer("streets"),
            "BOUNDARY": _layer("boundary"),
            "ISSUES": str(out / "issues.gpkg"),
            "SUMMARY": str(out / "summary.csv"),
            "REPORT": str(out / "report.html"),
        },
        "matchaddresses": {
            "INPUT": str(SAMPLE / "service_records.csv"),
            "ADDRESS_FIELDS": ["address"],
            "POSTCODE_FIELD": "postcode",
            "GAZETTEER": _layer("addresses"),
            "OUTPUT": str(out / "matched.gpkg"),
        },
        "catchments": {
            "FACILITIES": facilities,
            "NAME_FIELD": "name",
            "ADDRESSES": _layer("addresses"),
            "NETWORK": _layer("street_segments"),
            "BOUNDARY": _layer("boundary"),
            "BANDS": "400,800",
            "ASSIGNMENTS": str(out / "assignments.gpkg"),
            "CATCHMENTS": str(out / "catchments.shp"),
            "BAND_AREAS": str(out / "bands.gpkg"),
        },
        "facilitydistances": {
            "ADDRESSES": _layer("addresses"),
            "FACILITIES": facilities,
            "NAME_FIELD": "name",
            "NETWORK": _layer("street_segments"),
            "NEAREST": 3,
            "LIMITS": "3218.69,4828.03",
            "OUTPUT": str(out / "distances.gpkg"),
            "ROUTES": str(out / "routes.gpkg"),
        },
        "catchmentmap": {
            "CATCHMENTS": map_tests._catchments(),
            "FACILITIES": map_tests._facilities(),
            "TITLE": "Cancelled map",
            "OUTPUT": str(out / "map.pdf"),
        },
    }[algorithm]


ALGORITHMS = (
    "loadaddresses",
    "loadstreets",
    "loadpostcodes",
    "checkquality",
    "matchaddresses",
    "catchments",
    "facilitydistances",
    "catchmentmap",
)
#: Algorithms that write into the user's own layer, not a new file: their cancel test
#: checks that the layer is unchanged (tests/processing/test_apply_updates.py).
WRITES_IN_PLACE = {"applyupdates"}


def test_every_algorithm_is_covered(placelink_plugin) -> None:
    provider = QgsApplication.processingRegistry().providerById("placelink")
    ids = {a.name() for a in provider.algorithms()} - {"councilworkflow"}
    assert ids == set(ALGORITHMS) | WRITES_IN_PLACE


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_cancel_leaves_no_output_file(run_alg, tmp_path: Path, algorithm: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    feedback = CancelAfter(1)
    with pytest.raises(QgsProcessingException, match="Cancel"):
        run_alg(f"placelink:{algorithm}", _parameters(algorithm, out), feedback=feedback)
    assert feedback.isCanceled()
    assert sorted(p.name for p in out.iterdir()) == []
