"""A Welsh interface: QGIS set to Welsh (cy) shows PlaceLink's docks and algorithms in Welsh."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compiled() -> Path:
    """The translations compiled as `make package` compiles them (lrelease)."""
    out = ROOT / "build" / "i18n"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "i18n.py"), "compile", str(out)], check=True
    )
    return out


def test_every_string_has_a_welsh_translation() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import i18n as tool
    finally:
        sys.path.pop(0)
    found, problems = tool.messages()
    assert problems == []  # every string can be translated: no tr(f"…")
    known = tool.read_ts(tool.TS_DIR / "placelink_cy.ts")
    missing = [text for ctx, texts in found.items() for text in texts if not known.get((ctx, text))]
    assert missing == []


def test_welsh_locale_gives_welsh_docks_and_algorithms(
    compiled: Path, placelink_plugin, make_dock, monkeypatch
) -> None:
    from placelink import i18n
    from placelink.ui.quality_dock import QualityDock
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QSettings

    assert (compiled / "placelink_cy.qm").is_file()
    settings = QSettings()
    monkeypatch.setattr(i18n, "QM_FOLDERS", (compiled,))
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "cy_GB")  # as QGIS's Options › General does
    try:
        assert i18n.user_language() == "cy"
        assert i18n.install_translator() is not None
        registry = QgsApplication.processingRegistry()
        match = registry.createAlgorithmById("placelink:matchaddresses")
        assert match.displayName() == "Paru cyfeiriadau ag UPRN"
        assert match.group() == "Paru"
        dock = make_dock(QualityDock)
        assert dock.windowTitle() == "PlaceLink: Ansawdd data"
        assert dock.ui.runButton.text() == "Rhedeg gwiriadau"  # from the Designer form
        assert dock.ui.addressesLabel.text() == "Cyfeiriadau"
    finally:
        i18n.remove_translators()
        settings.remove("locale/overrideFlag")
        settings.remove("locale/userLocale")
    assert match.displayName() == "Match addresses to UPRNs"  # English again


def test_quality_rules_read_in_welsh_in_the_dock_and_the_report(
    compiled: Path, monkeypatch
) -> None:
    """Rule titles and explanations live in core (no Qt); the dock and the HTML report show
    them through the translator."""
    import pandas as pd
    from placelink import i18n
    from placelink.core.quality import get_rule
    from placelink.core.quality.report import render_report
    from placelink.ui.quality_dock import _rule_help

    monkeypatch.setattr(i18n, "QM_FOLDERS", (compiled,))
    rule = get_rule("A09")
    summary = pd.DataFrame(
        [{"rule_id": "A09", "severity": rule.severity, "layer": rule.layer, "title": rule.title,
          "status": "checked", "checked": 10, "failures": 1, "pass_percent": 90.0}]
    )  # fmt: skip
    issues = pd.DataFrame(columns=["rule_id", "severity", "layer", "feature_key", "message",
                                   "usrn", "street", "area"])  # fmt: skip
    assert i18n.install_translator("cy") is not None
    try:
        assert _rule_help("A09", rule.severity).startswith("A09 USRN ar goll (")
        assert "I'w drwsio:" in _rule_help("A09", rule.severity)
        html = render_report(issues, summary, translate=i18n.tr)
        assert "USRN ar goll" in html and "Cyfeirnod Stryd Unigryw" in html
    finally:
        i18n.remove_translators()
    assert _rule_help("A09", rule.severity).startswith("A09 USRN missing (")
