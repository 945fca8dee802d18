"""Missing packages inside QGIS: the message bar, algorithms that refuse, the installer dialog."""

from __future__ import annotations

import base64
import hashlib
import sys
import time
import zipfile
from pathlib import Path

import pytest
from placelink.core.dependencies import REQUIREMENTS, Requirement
from placelink.processing.load_addresses import LoadAddresses
from placelink.ui import dependencies as ui_deps
from placelink.ui.install_dialog import InstallDialog
from qgis.core import Qgis, QgsApplication, QgsProcessingException
from qgis.PyQt.QtWidgets import QPushButton

DEMO = Requirement("plxqdemo", "plxqdemo", "1.0", "tests")


def build_wheel(folder: Path, name: str, version: str) -> Path:
    """A minimal pure-Python wheel: ``name/__init__.py`` with ``__version__`` and dist-info."""
    info = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": f'__version__ = "{version}"\n',
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: placelink-tests\n"
        "Root-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for path, text in files.items():
        data = text.encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    files[f"{info}/RECORD"] = "\n".join([*record, f"{info}/RECORD,,"]) + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


@pytest.fixture
def log_messages():
    """Messages PlaceLink writes to the QGIS message log during the test: (text, level)."""
    received: list[tuple[str, int]] = []

    def keep(message: str, tag: str, level: int) -> None:
        if tag == "PlaceLink":
            received.append((message, level))

    log = QgsApplication.messageLog()
    log.messageReceived.connect(keep)
    yield received
    log.messageReceived.disconnect(keep)


def _wait_for(dialog: InstallDialog, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while dialog.succeeded is None and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert dialog.succeeded is not None, "the pip task did not finish"


# ------------------------------------------------------------------- message bar


def test_notify_missing_pushes_one_warning_naming_the_package(
    placelink_plugin, qgis_iface, monkeypatch: pytest.MonkeyPatch, log_messages
) -> None:
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)  # the import now fails
    bar = qgis_iface.messageBar()
    before = len(bar.items())
    lacking = ui_deps.notify_missing(qgis_iface)
    assert lacking == [REQUIREMENTS["rapidfuzz"]]
    assert len(bar.items()) == before + 1
    item = bar.currentItem()
    assert "rapidfuzz ≥ 3.0 (for fuzzy address matching): not installed" in item.text()
    assert "shapely" not in item.text()
    assert item.level() == Qgis.MessageLevel.Warning
    buttons = [b.text() for b in item.findChildren(QPushButton)]
    assert "Install…" in buttons
    assert [text for text, _ in log_messages] == [item.text()]
    assert log_messages[0][1] == Qgis.MessageLevel.Warning
    bar.popWidget(item)


def test_notify_missing_pushes_nothing_when_all_present(
    placelink_plugin, qgis_iface, log_messages
) -> None:
    bar = qgis_iface.messageBar()
    before = len(bar.items())
    assert ui_deps.notify_missing(qgis_iface) == []
    assert len(bar.items()) == before
    assert log_messages == []


def test_notify_missing_without_an_interface_only_logs(
    qgis_app, monkeypatch: pytest.MonkeyPatch, log_messages
) -> None:
    monkeypatch.setitem(sys.modules, "scipy", None)
    assert ui_deps.notify_missing(None) == [REQUIREMENTS["scipy"]]
    assert len(log_messages) == 1 and "scipy ≥ 1.7" in log_messages[0][0]


def test_profile_packages_dir_is_in_the_qgis_profile(placelink_plugin) -> None:
    folder = ui_deps.profile_packages_dir()
    profile = Path(QgsApplication.qgisSettingsDirPath())
    assert folder.parent == profile / "python" / "placelink-packages"
    assert folder.name == f"py{sys.version_info[0]}{sys.version_info[1]}"


# ------------------------------------------------------------------- algorithms


def test_algorithm_needing_a_missing_package_refuses_clearly(
    run_alg, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    csv = tmp_path / "open_uprn.csv"
    csv.write_text(
        "UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\n"
        "100023336956,530047.0,180422.0,51.5,-0.12\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(LoadAddresses, "REQUIRES", ("rapidfuzz", "shapely"))
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)
    alg = QgsApplication.processingRegistry().createAlgorithmById("placelink:loadaddresses")
    ok, reason = alg.canExecute()
    assert not ok and "rapidfuzz ≥ 3.0" in reason
    with pytest.raises(QgsProcessingException) as caught:
        run_alg(
            "placelink:loadaddresses",
            {"INPUT": [str(csv)], "OUTPUT": "TEMPORARY_OUTPUT", "REJECTED": "TEMPORARY_OUTPUT"},
        )
    message = str(caught.value)
    assert "rapidfuzz ≥ 3.0 (for fuzzy address matching): not installed" in message
    assert "Install missing Python packages…" in message
    assert "shapely" not in message  # present, so not named
    assert "Traceback" not in message and 'File "' not in message


def test_same_algorithm_runs_when_the_package_is_present(
    run_alg, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    csv = tmp_path / "open_uprn.csv"
    csv.write_text(
        "UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\n"
        "100023336956,530047.0,180422.0,51.5,-0.12\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(LoadAddresses, "REQUIRES", ("rapidfuzz",))
    result = run_alg(
        "placelink:loadaddresses",
        {"INPUT": [str(csv)], "OUTPUT": "TEMPORARY_OUTPUT", "REJECTED": "TEMPORARY_OUTPUT"},
    )
    assert result["LOADED"] == 1


# ------------------------------------------------------------------- installer dialog


def test_show_install_dialog_opens_without_blocking_and_closes(
    placelink_plugin, qgis_iface, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)
    dialog = ui_deps.show_install_dialog(qgis_iface)
    try:
        assert dialog.isVisible() and dialog.isModal()
        rows = [dialog.package_list.item(i).text() for i in range(dialog.package_list.count())]
        assert rows == ["rapidfuzz ≥ 3.0 — fuzzy address matching (not installed)"]
        assert dialog.target == ui_deps.profile_packages_dir()
        assert dialog.install_button.isEnabled()
    finally:
        dialog.reject()
    assert not dialog.isVisible() and dialog.task is None


def test_dialog_with_nothing_missing_cannot_install(qgis_app) -> None:
    dialog = InstallDialog([], Path("/nonexistent"))
    assert not dialog.install_button.isEnabled()
    assert "all the Python packages" in dialog.status.text()
    dialog.start_install()
    assert dialog.task is None


def test_dialog_asks_for_the_wheel_folder(qgis_app, tmp_path: Path) -> None:
    dialog = InstallDialog([DEMO], tmp_path / "target")
    dialog.offline_check.setChecked(True)
    assert dialog.wheel_folder.isEnabled()
    dialog.install_button.click()
    assert dialog.task is None
    assert "wheel (.whl) files" in dialog.status.text()


def test_dialog_installs_from_a_wheel_folder_in_the_background(
    qgis_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wheels = tmp_path / "wheels"
    build_wheel(wheels, "plxqdemo", "1.0")
    target = tmp_path / "profile" / "python" / "placelink-packages" / "py3"
    monkeypatch.setattr(sys, "path", list(sys.path))  # activate() edits a copy
    monkeypatch.delitem(sys.modules, "plxqdemo", raising=False)  # and forgets the import
    dialog = InstallDialog([DEMO], target)
    emitted: list[bool] = []
    dialog.installed.connect(lambda: emitted.append(True))
    dialog.offline_check.setChecked(True)
    dialog.wheel_folder.setFilePath(str(wheels))
    dialog.install_button.click()
    assert dialog.task is not None and not dialog.install_button.isEnabled()
    _wait_for(dialog)
    assert dialog.succeeded is True, dialog.output.toPlainText()
    assert dialog.status.text() == "Installed plxqdemo==1.0. PlaceLink's tools can use them now."
    assert "Successfully installed plxqdemo-1.0" in dialog.output.toPlainText()
    assert "--no-index" in dialog.output.toPlainText()
    assert sys.path[0] == str(target)
    import plxqdemo

    assert plxqdemo.__file__.startswith(str(target)) and emitted == [True]
    dialog.reject()


def test_dialog_reports_a_failed_install(qgis_app, tmp_path: Path, log_messages) -> None:
    wheels = tmp_path / "wheels"
    build_wheel(wheels, "plxqdemo", "1.0")
    absent = Requirement("plxqabsent", "plxqabsent", "2.0", "tests")
    dialog = InstallDialog([absent], tmp_path / "target")
    dialog.offline_check.setChecked(True)
    dialog.wheel_folder.setFilePath(str(wheels))
    dialog.start_install()
    _wait_for(dialog)
    assert dialog.succeeded is False
    status = dialog.status.text()
    assert status.startswith("Installation failed (pip exit code 1): ")
    assert "No matching distribution found for plxqabsent>=2.0" in status
    assert dialog.install_button.isEnabled()  # the user may try again
    assert (status, Qgis.MessageLevel.Critical) in log_messages
    assert not (tmp_path / "target").exists()
    dialog.reject()
