"""Missing-package detection, the interpreter and pip command, and real installs from wheels.

Installs run the real pip against a local wheel folder (``--no-index``), never the network.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.abc
import os
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import pytest
from placelink.core import dependencies as deps
from placelink.core.dependencies import REQUIREMENTS, Requirement

PLUGIN_PATH = Path(__file__).resolve().parents[2] / "build" / "pluginpath"
SYSTEM_PYTHON = Path("/usr/bin/python3")


def build_wheel(folder: Path, name: str, version: str, requires: tuple[str, ...] = ()) -> Path:
    """A minimal pure-Python wheel: ``name/__init__.py`` with ``__version__`` and dist-info."""
    info = f"{name}-{version}.dist-info"
    requires_text = "".join(f"Requires-Dist: {r}\n" for r in requires)
    files = {
        f"{name}/__init__.py": f'__version__ = "{version}"\n',
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
        + requires_text,
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


def run_fresh_python(code: str) -> str:
    """Run *code* in a new interpreter that can import ``placelink`` (keeps this one clean)."""
    env = dict(os.environ, PYTHONPATH=str(PLUGIN_PATH))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def wheels(tmp_path: Path) -> Path:
    folder = tmp_path / "wheels"
    build_wheel(folder, "plxdemo", "1.0", ("numpy>=1.0",))
    build_wheel(folder, "plxdemo", "2.0", ("numpy>=1.0",))
    build_wheel(folder, "plxgreedy", "1.0", ("numpy>=99",))
    return folder


DEMO = Requirement("plxdemo", "plxdemo", "1.0", "tests")


# ------------------------------------------------------------------- detection


def test_every_requirement_is_present_in_the_dev_environment() -> None:
    assert deps.missing() == []
    assert deps.refusal_message(REQUIREMENTS) is None


def test_import_made_to_fail_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)  # the import now raises
    rapidfuzz = REQUIREMENTS["rapidfuzz"]
    assert deps.missing() == [rapidfuzz]
    assert deps.missing(["shapely", "rapidfuzz"]) == [rapidfuzz]
    assert deps.problem(rapidfuzz) == "not installed"
    message = deps.refusal_message(["rapidfuzz", "shapely"])
    assert message is not None
    assert "rapidfuzz ≥ 3.0 (for fuzzy address matching): not installed" in message
    assert "shapely" not in message
    assert deps.MENU_ITEM in message and "Traceback" not in message
    bar = deps.describe_missing(deps.missing())
    assert bar.startswith("PlaceLink is missing 1 Python package: rapidfuzz ≥ 3.0")


class _Broken(importlib.abc.MetaPathFinder):
    """A finder that makes one module's import fail the way a broken binary wheel does."""

    def __init__(self, name: str) -> None:
        self.name = name

    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        if fullname == self.name:
            raise ImportError(f"simulated broken {fullname}: undefined symbol")
        return None


def test_broken_import_is_missing_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "scipy", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_Broken("scipy"), *sys.meta_path])
    scipy = REQUIREMENTS["scipy"]
    assert deps.missing(["scipy", "pandas"]) == [scipy]
    assert deps.problem(scipy) == (
        "installed but fails to import (ImportError: simulated broken scipy: undefined symbol)"
    )
    assert "scipy ≥ 1.7" in deps.refusal_message(["scipy"])


def test_too_old_version_is_missing_and_needs_restart(monkeypatch: pytest.MonkeyPatch) -> None:
    old = types.ModuleType("shapely")
    old.__version__ = "1.8.5"
    monkeypatch.setitem(sys.modules, "shapely", old)  # as if another plugin imported 1.8
    shapely = REQUIREMENTS["shapely"]
    assert deps.missing() == [shapely]
    assert deps.problem(shapely) == "version 1.8.5 is older than 2.0"
    assert deps.needs_restart([shapely, REQUIREMENTS["scipy"]]) == [shapely]
    text = deps.describe_missing([shapely])
    assert "shapely ≥ 2.0 (for quality checks and catchment polygons)" in text
    assert "restart QGIS" in text


def test_a_fresh_module_is_not_reported_as_needing_restart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)
    assert deps.needs_restart([REQUIREMENTS["rapidfuzz"]]) == []
    assert "restart" not in deps.describe_missing([REQUIREMENTS["rapidfuzz"]])


def test_extras_added_only_when_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    pandas = REQUIREMENTS["pandas"]
    assert deps.with_extras([pandas]) == [pandas]  # the dev venv has them all
    monkeypatch.setitem(sys.modules, "tzdata", None)
    names = [r.dist for r in deps.with_extras([pandas, REQUIREMENTS["scipy"], pandas])]
    assert names == ["pandas", "tzdata", "scipy"]
    assert all(r.dist != "numpy" for r in REQUIREMENTS.values() for r in r.extras)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2.0.6", (2, 0, 6)), ("1.24.2", (1, 24, 2)), ("3.0.0rc1", (3, 0, 0)), ("2.1b2", (2, 1))],
)
def test_version_tuple(text: str, expected: tuple[int, ...]) -> None:
    assert deps._version_tuple(text) == expected


# ------------------------------------------------------- folder, interpreter, command


def test_packages_dir_is_in_the_profile_per_python(tmp_path: Path) -> None:
    folder = deps.packages_dir(tmp_path)
    major, minor = sys.version_info[:2]
    assert folder == tmp_path / "python" / "placelink-packages" / f"py{major}{minor}"


def test_activate_puts_the_folder_before_site_packages(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    site = "/usr/lib/python3/dist-packages"
    monkeypatch.setattr(sys, "path", ["/plugins", site, str(tmp_path)])
    monkeypatch.setattr(deps, "_install_dir", None)
    assert deps.activate(tmp_path / "absent") is False
    assert deps.install_dir() == tmp_path / "absent"
    assert sys.path == ["/plugins", site, str(tmp_path)]
    assert deps.activate(tmp_path) is True
    assert sys.path == [str(tmp_path), "/plugins", site]
    assert deps.activate(tmp_path) is True  # idempotent
    assert sys.path.count(str(tmp_path)) == 1


def test_python_executable_matches_this_python() -> None:
    python = deps.python_executable()
    out = subprocess.run(
        [python, "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == str(sys.version_info[:2])


def test_python_executable_when_embedded_in_qgis(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Inside QGIS sys.executable is the qgis binary: the interpreter is found elsewhere."""
    qgis = tmp_path / "qgis"
    qgis.write_text("#!/bin/sh\nexit 1\n")
    monkeypatch.setattr(sys, "executable", str(qgis))
    deps.python_executable.cache_clear()
    try:
        python = deps.python_executable()
    finally:
        deps.python_executable.cache_clear()
    assert Path(python).name.startswith("python") and python != str(qgis)
    out = subprocess.run(
        [python, "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == str(sys.version_info[:2])


def test_python_executable_skips_another_python_of_the_same_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """QGIS on a pyenv machine reported sys.executable = the pyenv shim (another 3.11)."""
    shim = tmp_path / "shims" / "python3"
    shim.parent.mkdir()
    major, minor = sys.version_info[:2]
    shim.write_text(
        f"#!/bin/sh\necho {major} {minor}\necho {tmp_path}/versions/{major}.{minor}.7\n"
    )
    shim.chmod(0o755)
    assert deps._python_identity(str(shim)) == (
        major,
        minor,
        str(tmp_path / f"versions/{major}.{minor}.7"),
    )
    monkeypatch.setattr(sys, "executable", str(shim))
    deps.python_executable.cache_clear()
    try:
        python = deps.python_executable()
    finally:
        deps.python_executable.cache_clear()
    assert python != str(shim)
    assert deps._python_identity(python) == deps._identity(sys.version_info, sys.prefix)


def test_pip_command_is_target_no_deps(tmp_path: Path) -> None:
    command = deps.pip_command(
        [REQUIREMENTS["shapely"], "tzdata==2024.1"], tmp_path, python="/usr/bin/python3.11"
    )
    assert command[:4] == ["/usr/bin/python3.11", "-m", "pip", "install"]
    assert command[command.index("--target") + 1] == str(tmp_path)
    assert {"--no-deps", "--upgrade", "--only-binary=:all:"} <= set(command)
    assert command[-2:] == ["shapely>=2.0", "tzdata==2024.1"]
    assert "--break-system-packages" not in command and "--no-index" not in command
    offline = deps.pip_command(
        ["x"], tmp_path, "py", find_links=tmp_path / "w", no_index=True, break_system_packages=True
    )
    assert offline[offline.index("--find-links") + 1] == str(tmp_path / "w")
    assert {"--no-index", "--break-system-packages", "--target"} <= set(offline)


def test_refusal_message_gives_the_command_for_qgis_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)
    monkeypatch.setattr(deps, "_install_dir", tmp_path)
    message = deps.refusal_message(["rapidfuzz"])
    command = f"{deps.python_executable()} {Path(deps.__file__).resolve()} --target {tmp_path}"
    assert message.endswith(f"Without the QGIS window (qgis_process), run: {command}")


def test_command_line_check_reports_a_too_old_package(tmp_path: Path) -> None:
    """The CLI named in refusals, run with PYTHONPATH shadowing rapidfuzz by a 2.0 copy."""
    old = tmp_path / "old" / "rapidfuzz"
    old.mkdir(parents=True)
    (old / "__init__.py").write_text('__version__ = "2.0"\n')
    script = str(Path(deps.__file__).resolve())
    env = dict(os.environ, PYTHONPATH=str(old.parent))
    done = subprocess.run(
        [sys.executable, script, "--target", str(tmp_path / "t"), "--check"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "rapidfuzz ≥ 3.0 (for fuzzy address matching): version 2.0 is older than 3.0" in (
        done.stdout
    )
    clean = subprocess.run(
        [sys.executable, script, "--target", str(tmp_path / "t"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert clean.returncode == 0 and "has all the Python packages" in clean.stdout


# ---------------------------------------------------------------- real installs


def test_install_from_a_wheel_folder(tmp_path: Path, wheels: Path) -> None:
    target = tmp_path / "profile" / "python" / "placelink-packages" / "py3"
    result = deps.install([DEMO], target, find_links=wheels, no_index=True)
    assert result.ok, result.output
    assert result.returncode == 0
    assert result.installed == ["plxdemo==2.0"]  # the newest the wheel folder has
    assert "--target" in result.command and "--no-deps" in result.command
    assert "Successfully installed plxdemo-2.0" in result.output
    assert (target / "plxdemo" / "__init__.py").is_file()
    assert not (target / "numpy").exists()  # its numpy requirement was met by QGIS's own
    out = run_fresh_python(
        "import sys\n"
        "from placelink.core import dependencies as d\n"
        f"assert d.activate({str(target)!r})\n"
        "import plxdemo\n"
        f"print(plxdemo.__version__, plxdemo.__file__.startswith({str(target)!r}),\n"
        "      d.is_available(d.Requirement('plxdemo', 'plxdemo', '2.0', 't')))\n"
    )
    assert out == "2.0 True True"


def test_install_upgrades_an_older_copy_in_the_folder(tmp_path: Path, wheels: Path) -> None:
    target = tmp_path / "target"
    first = deps.install(["plxdemo==1.0"], target, find_links=wheels, no_index=True)
    assert first.ok and first.installed == ["plxdemo==1.0"], first.output
    again = deps.install(["plxdemo==1.0"], target, find_links=wheels, no_index=True)
    assert again.ok and again.installed == [], again.output  # already in the folder
    assert "Nothing to install" in again.output
    second = deps.install(["plxdemo>=2.0"], target, find_links=wheels, no_index=True)
    assert second.ok and second.installed == ["plxdemo==2.0"], second.output
    version = (target / "plxdemo" / "__init__.py").read_text()
    assert version == '__version__ = "2.0"\n'


def test_install_of_a_package_absent_from_the_folder_fails_clearly(
    tmp_path: Path, wheels: Path
) -> None:
    target = tmp_path / "target"
    absent = Requirement("plxabsent", "plxabsent", "1.0", "tests")
    result = deps.install([absent], target, find_links=wheels, no_index=True)
    assert not result.ok and result.returncode != 0
    assert "No matching distribution found for plxabsent>=1.0" in result.output
    assert "pip found no versions of plxabsent>=1.0" in result.output
    assert not target.exists()


def test_install_never_replaces_numpy(tmp_path: Path, wheels: Path) -> None:
    """A package that wants a newer numpy than QGIS's is refused, not installed with numpy."""
    import numpy

    target = tmp_path / "target"
    result = deps.install(["plxgreedy"], target, find_links=wheels, no_index=True)
    assert not result.ok
    assert f"while keeping numpy=={numpy.__version__}" in result.output
    assert "plxgreedy" in result.output and not target.exists()


def test_install_without_pip_explains(tmp_path: Path) -> None:
    venv = tmp_path / "nopip"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    result = deps.install([DEMO], tmp_path / "target", python=python)
    assert not result.ok
    assert f"pip is not available for {python}" in result.output
    assert "sudo apt install python3-pip" in result.output
    assert "-m pip install --target" in result.output  # the command it would run


@pytest.mark.skipif(
    not SYSTEM_PYTHON.exists()
    or subprocess.run([SYSTEM_PYTHON, "-m", "pip", "--version"], capture_output=True).returncode,
    reason="needs the system Python with pip",
)
def test_system_pip_accepts_target_and_pep668_refusal_is_retried(
    tmp_path: Path, wheels: Path
) -> None:
    """Debian's pip installs with --target despite PEP 668; a pip that refuses gets one retry."""
    result = deps.install(
        [DEMO], tmp_path / "direct", python=str(SYSTEM_PYTHON), find_links=wheels, no_index=True
    )
    assert result.ok, result.output
    assert "--break-system-packages" not in result.output

    refusal = subprocess.run(  # the real refusal text, from an install without --target
        [SYSTEM_PYTHON, "-m", "pip", "install", "--no-index", "plxabsent"],
        capture_output=True,
        text=True,
    )
    if deps.PEP668_MARKER not in refusal.stderr:
        pytest.skip("this system Python is not marked externally managed")
    calls: list[list[str]] = []

    def refusing_pip(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        if "--target" in command and "--break-system-packages" not in command:
            return subprocess.CompletedProcess(command, 1, refusal.stderr)
        return subprocess.run(command, **kwargs)

    target = tmp_path / "retried"
    result = deps.install(
        [DEMO],
        target,
        python=str(SYSTEM_PYTHON),
        find_links=wheels,
        no_index=True,
        run=refusing_pip,
    )
    assert result.ok, result.output
    assert "--break-system-packages" in calls[-1] and "--target" in calls[-1]
    assert sum("--break-system-packages" in c for c in calls) == 1
    assert deps.PEP668_MARKER in result.output
    assert (target / "plxdemo").is_dir()
