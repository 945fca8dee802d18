"""Build ``dist/placelink-<version>.zip`` for Plugins › Install from ZIP and the plugin repository.

The zip holds one top folder, ``placelink/``, with the plugin's code, resources, README,
LICENSE and metadata.txt, and nothing for developers (tests, bench, scripts, caches).
"""

from __future__ import annotations

import argparse
import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "placelink"
EXCLUDED_DIRS = {"tests", "bench", "scripts", "build", "dist", "output", "docs", "__pycache__"}
EXCLUDED_FILES = {"Makefile", "pyproject.toml", "requirements-dev.txt", ".gitignore"}
EXCLUDED_SUFFIXES = {".pyc", ".pyo", ".so", ".pyd", ".dll", ".dylib", ".zip", ".qgz~"}
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


def build(out_dir: Path) -> Path:
    files = plugin_files()
    problems = check(files)
    if problems:
        raise SystemExit("package refused:\n  " + "\n  ".join(problems))
    version = metadata()["version"]
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PLUGIN}-{version}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for rel in files:
            info = zipfile.ZipInfo(f"{PLUGIN}/{rel.as_posix()}", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (ROOT / rel).read_bytes())
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
        print(f"repository checks clean: {len(files)} shipped files (bandit, detect-secrets)")
        return 0
    target = build(args.out)
    print(f"{target} ({target.stat().st_size / 1e6:.1f} MB, {len(plugin_files())} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
