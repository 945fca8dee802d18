"""Run PlaceLink algorithms through ``qgis_process`` in a throw-away QGIS profile.

Used by ``make demo`` and the end-to-end tests: the checkout is linked as the
``placelink`` plugin in a private plugin folder, the plugin is enabled in a private
profile, and the venv's site-packages go on PYTHONPATH (qgis_process embeds the
system Python and does not see the venv).
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def qgis_process_binary() -> str:
    """``qgis_process.bin`` where it exists (Debian 12 wrapper is broken), else ``qgis_process``."""
    for name in ("qgis_process.bin", "qgis_process"):
        found = shutil.which(name)
        if found:
            return found
    raise FileNotFoundError("qgis_process is not installed: run `make setup` first")


def venv_site_packages() -> list[str]:
    """This interpreter's own site-packages folders (the venv's), for PYTHONPATH."""
    paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    if sys.prefix != sys.base_prefix:
        paths.update(p for p in site.getsitepackages() if p.startswith(sys.prefix))
    return sorted(p for p in paths if Path(p).is_dir())


class QgisProcess:
    """A private profile and plugin folder in *workdir*, with the plugin enabled."""

    def __init__(self, workdir: Path, plugin_dir: Path = ROOT, plugin_name: str = "placelink"):
        self.workdir = Path(workdir)
        self.plugin_name = plugin_name
        self.profile = self.workdir / "profile"
        self.home = self.workdir / "home"
        self.plugins = self.workdir / "plugins"
        for folder in (self.profile, self.home, self.plugins):
            folder.mkdir(parents=True, exist_ok=True)
        link = self.plugins / plugin_name
        if not link.exists():
            link.symlink_to(Path(plugin_dir).resolve(), target_is_directory=True)
        self.env = self._environment()
        self.binary = qgis_process_binary()

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        runtime = self.workdir / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        pythonpath = [*venv_site_packages(), env.get("PYTHONPATH", "")]
        env.update(
            QGIS_CUSTOM_CONFIG_PATH=str(self.profile),
            HOME=str(self.home),
            QGIS_PLUGINPATH=str(self.plugins),
            QT_QPA_PLATFORM="offscreen",
            XDG_RUNTIME_DIR=str(runtime),
            PYTHONPATH=os.pathsep.join(p for p in pythonpath if p),
            PYTHONDONTWRITEBYTECODE="1",
        )
        return env

    def command(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """Run ``qgis_process ARGS`` in this profile."""
        return subprocess.run(
            [self.binary, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def enable_plugin(self) -> None:
        result = self.command("plugins", "enable", self.plugin_name)
        if result.returncode != 0:
            raise RuntimeError(
                f"could not enable {self.plugin_name}:\n{result.stdout}\n{result.stderr}"
            )

    def run(self, algorithm: str, parameters: dict, timeout: float = 600) -> dict:
        """Run *algorithm* with ``--json``; return its parsed JSON, or raise with the log."""
        args = ["--json", "run", algorithm]
        for key, value in parameters.items():
            for item in value if isinstance(value, list | tuple) else [value]:
                args.append(f"--{key}={item}")
        result = self.command(*args, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(
                f"qgis_process {algorithm} failed ({result.returncode}):\n"
                f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
            )
        start = result.stdout.find("{")
        return json.loads(result.stdout[start:])
