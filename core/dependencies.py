"""Which optional Python packages PlaceLink needs, whether this Python has them, and pip.

QGIS runs plugins in its own embedded Python (on Debian the system Python), which a
virtual environment never reaches. PlaceLink therefore installs what is missing with pip
into a folder inside the QGIS profile (``packages_dir``) and puts that folder at the front
of ``sys.path`` (``activate``), so GUI sessions and ``qgis_process`` runs both find it.

Installs use ``--target`` with ``--no-deps``: QGIS's numpy (GDAL and the QGIS bindings are
built against it) is never installed, upgraded or shadowed. Versions are first resolved by
pip against this Python's own packages with numpy held at the installed version
(``pip install --dry-run --report``), so a pandas or scipy too new for that numpy is not
chosen; the resolved distributions are then installed pinned.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MENU_ITEM = "Plugins ▸ PlaceLink ▸ Install missing Python packages…"
PEP668_MARKER = "externally-managed-environment"
PROTECTED = ("numpy",)  # distributions QGIS itself is built against: never installed by us


@dataclass(frozen=True)
class Requirement:
    """A package PlaceLink imports, the pip name to install it and the oldest version that works.

    ``extras`` are the distributions it needs at run time that may be absent from QGIS's
    Python (numpy excepted), so an install with ``--no-deps`` can add them explicitly.
    """

    module: str
    dist: str
    min_version: str
    purpose: str
    extras: tuple[Requirement, ...] = ()

    @property
    def spec(self) -> str:
        """The pip requirement string, e.g. ``shapely>=2.0``."""
        return f"{self.dist}>={self.min_version}" if self.min_version else self.dist


_PANDAS_EXTRAS = (
    Requirement("dateutil", "python-dateutil", "2.8.2", "dates in pandas"),
    Requirement("pytz", "pytz", "2020.1", "time zones in pandas"),
    Requirement("tzdata", "tzdata", "2022.7", "time zone data for pandas"),
)
# python-dateutil 4 (Python 3.11+) needs no six; the 2.x that pip picks on older Pythons imports it
if sys.version_info < (3, 11):
    _PANDAS_EXTRAS += (Requirement("six", "six", "1.5", "needed by python-dateutil 2"),)

REQUIREMENTS: dict[str, Requirement] = {
    r.module: r
    for r in (
        Requirement("rapidfuzz", "rapidfuzz", "3.0", "fuzzy address matching"),
        Requirement("shapely", "shapely", "2.0", "quality checks and catchment polygons"),
        Requirement("scipy", "scipy", "1.7", "network shortest paths for catchments"),
        Requirement("pandas", "pandas", "1.3", "quality rules", _PANDAS_EXTRAS),
    )
}

_install_dir: Path | None = None  # the profile package folder last given to activate()


# ---------------------------------------------------------------------------- checks


def _version_tuple(text: str) -> tuple[int, ...]:
    """``"2.0.6"`` → (2, 0, 6); stops at the first part without leading digits (``rc``)."""
    parts = []
    for piece in str(text).split("."):
        match = re.match(r"\d+", piece)
        if not match:
            break
        parts.append(int(match.group()))
        if match.end() < len(piece):  # "0rc1": a pre-release of 0, stop here
            break
    return tuple(parts)


def _installed_version(req: Requirement, module: object) -> str | None:
    version = getattr(module, "__version__", None)
    if isinstance(version, str):
        return version
    import importlib.metadata  # 18 ms: only when the module names no version

    try:
        return importlib.metadata.version(req.dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def problem(req: Requirement) -> str | None:
    """Why *req* is unusable here (not installed, too old, broken), or None when it is fine."""
    try:
        module = importlib.import_module(req.module)
    except ModuleNotFoundError as exc:
        if exc.name == req.module:
            return "not installed"
        return f"installed but fails to import ({exc})"
    except Exception as exc:
        return f"installed but fails to import ({type(exc).__name__}: {exc})"
    version = _installed_version(req, module)
    if version and _version_tuple(version) < _version_tuple(req.min_version):
        return f"version {version} is older than {req.min_version}"
    return None


def is_available(req: Requirement) -> bool:
    """True when *req* imports and is at least its minimum version."""
    return problem(req) is None


def missing(modules: Iterable[str] | None = None) -> list[Requirement]:
    """The requirements (all, or those named) that this Python lacks."""
    names = REQUIREMENTS if modules is None else modules
    return [REQUIREMENTS[name] for name in names if not is_available(REQUIREMENTS[name])]


def with_extras(reqs: Iterable[Requirement]) -> list[Requirement]:
    """*reqs* followed by those of their extras this Python lacks, each once, in order."""
    out: list[Requirement] = []
    for req in reqs:
        for item in (req, *(e for e in req.extras if not is_available(e))):
            if item.dist not in {r.dist for r in out}:
                out.append(item)
    return out


def needs_restart(reqs: Iterable[Requirement]) -> list[Requirement]:
    """Those of *reqs* already imported in this session at an unusable version.

    Python keeps the first import of a module (say shapely 1.8 imported by another plugin),
    so a newer copy installed now only takes effect after QGIS restarts.
    """
    return [r for r in reqs if sys.modules.get(r.module) is not None and not is_available(r)]


def _describe(req: Requirement) -> str:
    reason = problem(req) or "available"
    return f"{req.dist} ≥ {req.min_version} (for {req.purpose}): {reason}"


def describe_missing(reqs: Sequence[Requirement]) -> str:
    """One message naming each missing package, its minimum version, use and what is wrong."""
    if not reqs:
        return "PlaceLink has all the Python packages it needs."
    noun = "package" if len(reqs) == 1 else "packages"
    lines = "; ".join(_describe(r) for r in reqs)
    text = (
        f"PlaceLink is missing {len(reqs)} Python {noun}: {lines}. The tools that need "
        f"them will not run until they are installed ({MENU_ITEM})."
    )
    stale = needs_restart(reqs)
    if stale:
        names = ", ".join(r.dist for r in stale)
        text += f" {names} is already loaded in this session, so restart QGIS after installing."
    return text


def refusal_message(modules: Iterable[str]) -> str | None:
    """A plain message for an algorithm that cannot run, or None when all it needs is present."""
    lacking = missing(modules)
    if not lacking:
        return None
    names = "; ".join(_describe(r) for r in lacking)
    text = (
        f"This PlaceLink tool needs Python packages that QGIS's Python lacks: {names}. "
        f"Install them in QGIS from {MENU_ITEM}, then run the tool again."
    )
    if _install_dir is not None:
        try:
            command = shlex.join(cli_command(_install_dir))
        except FileNotFoundError:
            command = ""
        if command:
            text += f" Without the QGIS window (qgis_process), run: {command}"
    return text


def cli_command(target: str | os.PathLike[str]) -> list[str]:
    """The shell command that installs whatever is missing into *target* (this module's CLI)."""
    return [python_executable(), str(Path(__file__).resolve()), "--target", str(target)]


# ------------------------------------------------------------------ folder and python


def packages_dir(profile_dir: str | os.PathLike[str]) -> Path:
    """The folder inside the QGIS profile that holds PlaceLink's packages for this Python."""
    major, minor = sys.version_info[:2]
    return Path(profile_dir) / "python" / "placelink-packages" / f"py{major}{minor}"


def _is_site_dir(entry: str) -> bool:
    return Path(entry).name in {"site-packages", "dist-packages"}


def install_dir() -> Path | None:
    """The package folder last given to ``activate`` (where installs go), if any."""
    return _install_dir


def activate(path: str | os.PathLike[str]) -> bool:
    """Put *path* on ``sys.path`` ahead of every site/dist-packages folder; False if absent.

    *path* is also remembered as the folder installs go to. It must come first so that,
    say, shapely 2 installed there wins over a system shapely 1.8.
    """
    global _install_dir
    folder = Path(path)
    _install_dir = folder
    if not folder.is_dir():
        return False
    entry = str(folder)
    if entry in sys.path:
        index = sys.path.index(entry)
        if not any(_is_site_dir(p) for p in sys.path[:index]):
            return True
        sys.path.remove(entry)
    sys.path.insert(0, entry)
    importlib.invalidate_caches()
    return True


def _identity(version: Sequence[int], prefix: str) -> tuple[int, int, str]:
    return int(version[0]), int(version[1]), os.path.normcase(os.path.realpath(prefix))


def _python_identity(executable: str) -> tuple[int, int, str] | None:
    """(major, minor, prefix) of *executable*, or None when it is not a working Python."""
    try:
        done = subprocess.run(
            [executable, "-c", "import sys; print(*sys.version_info[:2]); print(sys.prefix)"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = done.stdout.splitlines()
    parts = lines[0].split() if lines else []
    if done.returncode != 0 or len(lines) != 2 or not all(p.isdecimal() for p in parts[:2]):
        return None
    return _identity(parts, lines[1])


def _candidates() -> list[str]:
    major, minor = sys.version_info[:2]
    found: list[str] = []
    if Path(sys.executable).name.lower().startswith("python"):
        found.append(sys.executable)  # a plain interpreter (tests, a venv)
    prefixes = dict.fromkeys([sys.exec_prefix, sys.base_exec_prefix, sys.prefix])
    for prefix in prefixes:
        if os.name == "nt":  # OSGeo4W / standalone: apps\Python3xx\python.exe
            found += [str(Path(prefix) / "python.exe"), str(Path(prefix) / "python3.exe")]
        else:  # Linux, macOS bundles: <prefix>/bin/python3.x
            found += [str(Path(prefix) / "bin" / f"python{major}.{minor}")]
            found += [str(Path(prefix) / "bin" / f"python{major}")]
    for name in (f"python{major}.{minor}", f"python{major}", "python"):
        which = shutil.which(name)
        if which:
            found.append(which)
    return [c for c in dict.fromkeys(found) if Path(c).is_file()]


@functools.lru_cache(maxsize=1)
def python_executable() -> str:
    """The Python interpreter of the environment QGIS embeds (same version and prefix).

    Inside QGIS ``sys.executable`` is not reliable: it may be the qgis binary, or whatever
    ``python3`` comes first on PATH (a pyenv shim, say). So look beside the embedded Python's
    prefix and on PATH, and keep the first candidate with the same major.minor and
    ``sys.prefix``: it sees the same packages, so pip resolves against what QGIS has.
    """
    want = _identity(sys.version_info, sys.prefix)
    for candidate in _candidates():
        if _python_identity(candidate) == want:
            return candidate
    raise FileNotFoundError(
        f"No Python {want[0]}.{want[1]} interpreter of {sys.prefix} found for QGIS "
        f"(looked beside {sys.exec_prefix} and on PATH); install python{want[0]}.{want[1]}."
    )


# ------------------------------------------------------------------------------- pip


@dataclass
class InstallResult:
    """What an install did: success, pip's exit code, the last command and all output."""

    ok: bool
    returncode: int
    command: list[str]
    output: str
    installed: list[str] = field(default_factory=list)


def _spec(item: Requirement | str) -> str:
    return item.spec if isinstance(item, Requirement) else str(item)


def _pip_options(
    find_links: str | os.PathLike[str] | None, no_index: bool, break_system: bool
) -> list[str]:
    options = ["--only-binary=:all:", "--disable-pip-version-check", "--no-input"]
    if no_index:
        options.append("--no-index")
    if find_links is not None:
        options += ["--find-links", str(find_links)]
    if break_system:
        options.append("--break-system-packages")
    return options


def pip_command(
    requirements: Iterable[Requirement | str],
    target: str | os.PathLike[str],
    python: str | None = None,
    find_links: str | os.PathLike[str] | None = None,
    no_index: bool = False,
    break_system_packages: bool = False,
) -> list[str]:
    """``python -m pip install --target TARGET --no-deps …`` for *requirements*.

    ``--break-system-packages`` is only ever added here, with ``--target``.
    """
    return [
        python or python_executable(),
        *("-m", "pip", "install", "--target", str(target), "--no-deps", "--upgrade"),
        "--no-warn-script-location",
        *_pip_options(find_links, no_index, break_system_packages),
        *(_spec(r) for r in requirements),
    ]


def resolve_command(
    requirements: Iterable[Requirement | str],
    report: str | os.PathLike[str],
    constraints: str | os.PathLike[str],
    python: str | None = None,
    find_links: str | os.PathLike[str] | None = None,
    no_index: bool = False,
    break_system_packages: bool = False,
) -> list[str]:
    """A pip dry run that writes to *report* what it would install, numpy held by *constraints*."""
    return [
        python or python_executable(),
        *("-m", "pip", "install", "--dry-run", "--report", str(report)),
        *("--constraint", str(constraints)),
        *_pip_options(find_links, no_index, break_system_packages),
        *(_spec(r) for r in requirements),
    ]


def pip_missing_message(python: str, command: Sequence[str]) -> str:
    """What to do when *python* has no pip."""
    if os.name == "nt":
        fix = f"run {python} -m ensurepip (or add pip in the OSGeo4W installer)"
    else:
        fix = "install it (Debian/Ubuntu: sudo apt install python3-pip)"
    return (
        f"pip is not available for {python}, the Python QGIS uses. Please {fix}, then "
        f"install again; the command PlaceLink runs is: {shlex.join(command)}"
    )


def _protected_constraints() -> str:
    import importlib.metadata

    lines = []
    for dist in PROTECTED:
        try:
            lines.append(f"{dist}=={importlib.metadata.version(dist)}\n")
        except importlib.metadata.PackageNotFoundError:
            continue
    return "".join(lines)


Runner = Callable[..., "subprocess.CompletedProcess[str]"]


def _call(run: Runner, command: list[str], env: dict[str, str]) -> tuple[int, str]:
    try:
        done = run(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
            check=False,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    except OSError as exc:
        return 127, f"could not start {command[0]}: {exc}\n"
    return done.returncode, done.stdout or ""


def _call_pep668(run: Runner, build: Callable[[bool], list[str]], env: dict[str, str], log: list):
    """Run pip; if it refuses with PEP 668 (externally managed), retry once with the override."""
    command = build(False)
    code, out = _call(run, command, env)
    log.append(f"$ {shlex.join(command)}\n{out}")
    if code != 0 and PEP668_MARKER in out:
        command = build(True)
        code, out = _call(run, command, env)
        log.append(f"$ {shlex.join(command)}\n{out}")
    return code, out, command


def _read_report(path: Path) -> list[str] | None:
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
        return [
            f"{item['metadata']['name']}=={item['metadata']['version']}"
            for item in report.get("install", [])
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def install(
    requirements: Iterable[Requirement | str],
    target: str | os.PathLike[str],
    python: str | None = None,
    find_links: str | os.PathLike[str] | None = None,
    no_index: bool = False,
    run: Runner = subprocess.run,
) -> InstallResult:
    """Install *requirements* (and their missing extras) with pip into *target*.

    Never installs numpy. Returns the outcome with every command pip ran and its output.
    """
    reqs = [r for r in requirements]
    specs = [
        _spec(r)
        for r in with_extras(r for r in reqs if isinstance(r, Requirement))
        + [r for r in reqs if not isinstance(r, Requirement)]
    ]
    target = Path(target)
    try:
        python = python or python_executable()
    except FileNotFoundError as exc:
        return InstallResult(False, 127, [], str(exc))
    log: list[str] = []
    env = dict(os.environ, PIP_NO_INPUT="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(target), env.get("PYTHONPATH")]))

    check = [python, "-m", "pip", "--version"]
    code, out = _call(run, check, env)
    if code != 0:
        hint = pip_command(specs, target, python, find_links, no_index)
        log.append(f"$ {shlex.join(check)}\n{out}")
        return InstallResult(False, code, check, "".join(log) + pip_missing_message(python, hint))

    with tempfile.TemporaryDirectory(prefix="placelink-pip-") as tmp:
        report, constraints = Path(tmp) / "report.json", Path(tmp) / "constraints.txt"
        constraints.write_text(_protected_constraints(), encoding="utf-8")
        code, out, command = _call_pep668(
            run,
            lambda brk: resolve_command(
                specs, report, constraints, python, find_links, no_index, brk
            ),
            env,
            log,
        )
        plan = _read_report(report) if code == 0 else None
    if code != 0 and ("--dry-run" in out or "--report" in out) and "no such option" in out:
        plan = specs  # pip older than 22.2: install the declared requirements as they are
    elif code != 0 or plan is None:
        held = _protected_constraints().strip().replace("\n", ", ")
        held = f" while keeping {held} (QGIS is built against it)" if held else ""
        log.append(f"pip found no versions of {', '.join(specs)} for this Python{held}.\n")
        return InstallResult(False, code or 1, command, "".join(log))
    blocked = [p for p in plan if p.split("==")[0].lower() in PROTECTED]
    if blocked:  # the constraints file should make this impossible; never touch numpy
        log.append(f"Refusing to install {', '.join(blocked)}: QGIS is built against its own.\n")
        return InstallResult(False, 1, command, "".join(log))
    if not plan:
        log.append("Nothing to install: everything is already present.\n")
        return InstallResult(True, 0, command, "".join(log))

    target.mkdir(parents=True, exist_ok=True)
    code, out, command = _call_pep668(
        run, lambda brk: pip_command(plan, target, python, find_links, no_index, brk), env, log
    )
    return InstallResult(code == 0, code, command, "".join(log), plan if code == 0 else [])


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: report and install PlaceLink's missing packages into a profile folder.

    For ``qgis_process`` users and administrators: run it with the Python QGIS uses.
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="dependencies.py",
        description="Install PlaceLink's missing Python packages into a QGIS profile folder.",
    )
    parser.add_argument("--target", required=True, type=Path, help="the package folder")
    parser.add_argument("--find-links", help="a folder of wheel files to install from")
    parser.add_argument("--no-index", action="store_true", help="do not use the package index")
    parser.add_argument("--check", action="store_true", help="only report what is missing")
    args = parser.parse_args(argv)
    activate(args.target)
    lacking = missing()
    print(describe_missing(lacking))
    if args.check or not lacking:
        return 1 if lacking else 0
    result = install(lacking, args.target, find_links=args.find_links, no_index=args.no_index)
    print(result.output)
    activate(args.target)
    still = [r for r in lacking if not is_available(r)]
    if still:
        print(describe_missing(still))
    return 0 if result.ok and not still else 1


if __name__ == "__main__":
    if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
        del sys.path[0]  # run as a script: core/ modules must not shadow anything
    sys.exit(main())
