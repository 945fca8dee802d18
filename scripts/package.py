"""Build ``dist/placelink-<version>.zip`` for Plugins › Install from ZIP and the plugin repository.

The zip holds one top folder, ``placelink/``, with the plugin's code, resources, README,
LICENSE and metadata.txt, and nothing for developers (tests, bench, scripts, caches).
"""

from __future__ import annotations

import argparse
import configparser
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "placelink"
EXCLUDED_DIRS = {"tests", "bench", "scripts", "build", "dist", "output", "docs", "__pycache__"}
EXCLUDED_FILES = {"Makefile", "pyproject.toml", "requirements-dev.txt", ".gitignore"}
EXCLUDED_SUFFIXES = {".pyc", ".pyo", ".so", ".pyd", ".dll", ".dylib", ".zip", ".qgz~", ".ts"}
REQUIRED_METADATA = (
    "name", "description", "about", "version", "qgisMinimumVersion", "author", "email",
    "repository", "tracker", "license_file",
)  # fmt: skip


def metadata() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]


def plugin_files(root: Path = ROOT) -> list[Path]:
    """Files that belong in the package, in a stable order."""
    files = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if any(part in EXCLUDED_DIRS for part in rel.parts[:-1]) or rel.parts[0] in EXCLUDED_DIRS:
            continue
        if path.is_dir() or path.name in EXCLUDED_FILES or path.suffix in EXCLUDED_SUFFIXES:
            continue
        files.append(rel)
    return files


def check(files: list[Path]) -> list[str]:
    """What the QGIS plugin repository would refuse."""
    general = metadata()
    problems = [
        f"metadata.txt lacks {key}"
        for key in REQUIRED_METADATA
        if key != "license_file" and not general.get(key, "").strip()
    ]
    names = {f.as_posix() for f in files}
    for needed in ("metadata.txt", "__init__.py", "LICENSE", "README.md"):
        if needed not in names:
            problems.append(f"{needed} is missing")
    problems += [f"compiled file {n}" for n in names if Path(n).suffix in EXCLUDED_SUFFIXES]
    return problems


# The rules plugins.qgis.org applies to an upload (qgis/QGIS-Django, plugins/validator.py),
# except that the links are only checked for form here (offline), not fetched.
REPOSITORY_REQUIRED = (
    "name", "description", "version", "qgisMinimumVersion", "author", "email", "about",
    "tracker", "repository",
)  # fmt: skip
PLACEHOLDER_URLS = {
    "tracker": "http://bugs",
    "repository": "http://repo",
    "homepage": "http://homepage",
}
MAX_UPLOAD_BYTES = 25_000_000


def repository_problems(package: Path) -> list[str]:
    """Why plugins.qgis.org's validator would refuse the zip *package* (empty: accepted)."""
    if package.stat().st_size > MAX_UPLOAD_BYTES:
        return [f"{package.name} is over {MAX_UPLOAD_BYTES // 1_000_000} MB"]
    problems: list[str] = []
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
        if archive.testzip() is not None:
            problems.append("the zip is corrupt")
        for name in names:
            parts = name.split("/")
            if ".." in name or name.startswith("/"):
                problems.append(f"path information in {name}")
            if ".pyc" in name:
                problems.append(f"compiled file {name}")
            if {"__MACOSX", ".git", "__pycache__"} & set(parts):
                problems.append(f"forbidden folder in {name}")
        tops = {name.split("/")[0] for name in names}
        if len(tops) != 1:
            return [*problems, f"one top folder expected, found {sorted(tops)}"]
        top = tops.pop()
        if not re.match(r"^[A-Za-z][A-Za-z0-9-_]+$", top):
            problems.append(f"top folder {top!r} is not a valid package name")
        for needed in ("__init__.py", "metadata.txt", "LICENSE"):
            if f"{top}/{needed}" not in names:
                problems.append(f"{needed} is missing")
        if f"{top}/metadata.txt" not in names:
            return problems
        parser = configparser.ConfigParser()  # as the validator reads it: with % interpolation
        parser.optionxform = str
        try:
            parser.read_file(io.StringIO(archive.read(f"{top}/metadata.txt").decode("utf-8")))
            general = dict(parser.items("general"))
        except (configparser.Error, UnicodeDecodeError) as exc:
            return [*problems, f"metadata.txt cannot be read: {exc}"]
        icon = general.get("icon", "").removeprefix("./")
        if icon and f"{top}/{icon}" not in names:
            problems.append(f"icon {icon} is not in the package")
    problems += [f"metadata.txt lacks {key}" for key in REPOSITORY_REQUIRED if key not in general]
    for key, placeholder in PLACEHOLDER_URLS.items():
        url = general.get(key)
        if url is None and key == "homepage":
            continue
        parsed = urlparse(url or "")
        if url == placeholder or not (parsed.scheme and parsed.netloc):
            problems.append(f"metadata.txt {key} is not a valid link: {url!r}")
    if "/" in general.get("author", ""):
        problems.append("author cannot contain slashes")
    for flag in ("experimental", "deprecated", "server", "supportsQt6"):
        if flag in general and general[flag].strip().lower() not in ("true", "false", "1", "0"):
            problems.append(f"metadata.txt {flag} must be True or False")
    return problems


def security_problems(files: list[Path]) -> list[str]:
    """What the plugin repository's upload scan would flag in *files*.

    plugins.qgis.org blocks approval on bandit findings of medium or high severity and on
    anything detect-secrets reports; both run here over exactly the files we ship.
    """
    problems: list[str] = []
    code = [str(ROOT / f) for f in files if f.suffix == ".py"]
    bandit = subprocess.run(
        [sys.executable, "-m", "bandit", "--ini", str(ROOT / ".bandit"), "--severity-level",
         "medium", "--format", "custom", "--msg-template",
         "{relpath}:{line}: bandit {test_id} ({severity}): {msg}", *code],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if bandit.returncode not in (0, 1) or "Traceback" in bandit.stderr:
        problems.append(f"bandit could not run: {bandit.stderr.strip()[-500:]}")
    problems += [line for line in bandit.stdout.splitlines() if ": bandit " in line]

    from detect_secrets import SecretsCollection
    from detect_secrets.settings import default_settings

    secrets = SecretsCollection(root=str(ROOT))
    with default_settings():
        for rel in files:
            secrets.scan_file(str(rel))
    for filename, secret in secrets:
        problems.append(f"{filename}:{secret.line_number}: detect-secrets {secret.type}")
    return sorted(problems)


def compile_translations() -> list[Path]:
    """The interface translations (i18n/*.ts) compiled to .qm by lrelease, in build/."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import i18n
    finally:
        sys.path.pop(0)
    return i18n.compile_all(ROOT / "build" / "i18n")


def build(out_dir: Path) -> Path:
    files = plugin_files()
    problems = check(files)
    if problems:
        raise SystemExit("package refused:\n  " + "\n  ".join(problems))
    version = metadata()["version"]
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PLUGIN}-{version}.zip"
    compiled = compile_translations()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        entries = [(rel, ROOT / rel) for rel in files]
        entries += [(Path("i18n") / qm.name, qm) for qm in compiled]  # built, not committed
        for rel, source in entries:
            info = zipfile.ZipInfo(f"{PLUGIN}/{rel.as_posix()}", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, source.read_bytes())
    refused = repository_problems(target)
    if refused:
        target.unlink()
        raise SystemExit("package refused by the repository's rules:\n  " + "\n  ".join(refused))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument(
        "--check-only", action="store_true", help="run the repository's checks, build nothing"
    )
    args = parser.parse_args(argv)
    files = plugin_files()
    problems = check(files) + security_problems(files)
    if problems:
        print("package refused (the QGIS plugin repository would flag these):", file=sys.stderr)
        print("  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    if args.check_only:
        with tempfile.TemporaryDirectory() as scratch:
            build(Path(scratch))
        print(
            f"repository checks clean: {len(files)} shipped files"
            " (validator, bandit, detect-secrets)"
        )
        return 0
    target = build(args.out)
    print(f"{target} ({target.stat().st_size / 1e6:.1f} MB, {len(plugin_files())} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
