"""`make package` refuses what plugins.qgis.org would refuse: its validator's rules on the
zip and metadata.txt, and its upload scan (bandit medium/high, detect-secrets)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import package  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return package.build(tmp_path_factory.mktemp("dist"))


def _rewrite(
    source: Path, target: Path, metadata: str | None = None, extra: dict | None = None
) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if metadata is not None and item.filename == "placelink/metadata.txt":
                data = metadata.encode("utf-8")
            new.writestr(item, data)
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return target


def test_the_package_passes_the_repository_validator(built: Path) -> None:
    assert package.repository_problems(built) == []
    general = package.metadata()
    for key in ("changelog", "tracker", "homepage", "repository", "tags", "about"):
        assert general.get(key, "").strip(), key
    assert general["qgisMaximumVersion"].startswith("4.")
    assert general["supportsQt6"] == "True"  # QGIS 4 loads only plugins that say so


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("tracker", "http://bugs", "tracker is not a valid link"),
        ("repository", "github", "repository is not a valid link"),
        ("author", "PlaceLink/devs", "author cannot contain slashes"),
        ("email", None, "lacks email"),
        ("experimental", "maybe", "experimental must be True or False"),
        ("description", "100% offline", "cannot be read"),  # the validator interpolates %
    ],
)
def test_bad_metadata_is_refused(
    built: Path, tmp_path: Path, key: str, value: str | None, problem: str
) -> None:
    lines = (ROOT / "metadata.txt").read_text(encoding="utf-8").splitlines()
    changed = [
        line if not line.startswith(f"{key}=") else (f"{key}={value}" if value else "")
        for line in lines
    ]
    assert changed != lines
    bad = _rewrite(built, tmp_path / "bad.zip", metadata="\n".join(changed) + "\n")
    assert any(problem in p for p in package.repository_problems(bad))


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("placelink/core/__pycache__/x.cpython-311.pyc", "compiled file"),
        ("placelink/.git/config", "forbidden folder"),
        ("other/readme.txt", "one top folder expected"),
    ],
)
def test_bad_contents_are_refused(built: Path, tmp_path: Path, name: str, problem: str) -> None:
    bad = _rewrite(built, tmp_path / "bad.zip", extra={name: b"x"})
    assert any(problem in p for p in package.repository_problems(bad))


def test_the_upload_scan_flags_secrets_and_unsafe_code(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(package, "ROOT", tmp_path)
    (tmp_path / ".bandit").write_text("[bandit]\n", encoding="utf-8")
    (tmp_path / "unsafe.py").write_text(
        "import pickle\n\ndef load(f):\n    return pickle.load(f)\n", encoding="utf-8"
    )
    key = "AKIA" + "ZXCVBNMASDFGHJKL"  # an AWS access key id's shape, built so this file has none
    (tmp_path / "config.py").write_text(f'AWS_KEY = "{key}"\n', encoding="utf-8")
    problems = package.security_problems([Path("unsafe.py"), Path("config.py")])
    assert any("unsafe.py:4: bandit B301 (MEDIUM)" in p for p in problems)
    assert any("config.py:1: detect-secrets AWS Access Key" in p for p in problems)


def test_the_shipped_code_passes_the_upload_scan() -> None:
    """No finding at all: the index cache holds data only (npz + JSON, no pickle)."""
    assert package.security_problems(package.plugin_files()) == []
