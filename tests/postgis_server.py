"""A throw-away PostgreSQL + PostGIS server for the tests (no pytest needed to import this).

The server comes from Debian's packages (``postgresql`` and ``postgis``, installed by
``scripts/setup.sh``): ``initdb`` in a temporary folder, ``pg_ctl start`` on a free
loopback port with its socket in that folder, run as the ``postgres`` user when the tests
run as root (PostgreSQL refuses to run as root). A test database has PostGIS. ``stop()``
stops the server and removes the folder; it also runs at interpreter exit, so a failed
session leaves nothing behind. Nothing is mocked or skipped: when the server cannot
start, ``PostgisServerError`` says why (with the end of the server's log).

    with PostgisServer() as server:
        server.sql("CREATE TABLE t (id int)")
        uri = server.uri(table="t")

The superuser ``postgres`` connects without a password (trust, loopback and socket only);
``add_role(name, password)`` makes a login role that must give its password over TCP.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["PostgisServer", "PostgisServerError", "find_postgres_bindir"]

DEBIAN_PG_ROOT = Path("/usr/lib/postgresql")
DEBIAN_SHARE_ROOT = Path("/usr/share/postgresql")
SERVICE_USER = "postgres"


class PostgisServerError(RuntimeError):
    """The test server could not be set up; the message says why."""


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", path.name)) or (0,)


def find_postgres_bindir() -> Path:
    """The newest Debian PostgreSQL whose share folder has the PostGIS extension."""
    found = DEBIAN_PG_ROOT.glob("*/bin/initdb")
    candidates = sorted(found, key=lambda p: _version_key(p.parents[1]))
    if not candidates:
        raise PostgisServerError(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
            "run `make setup` as root, or apt-get install postgresql postgis"
        )
    for initdb in reversed(candidates):
        version = initdb.parents[1].name
        if (DEBIAN_SHARE_ROOT / version / "extension" / "postgis.control").exists():
            return initdb.parent
    versions = ", ".join(p.parents[1].name for p in candidates)
    raise PostgisServerError(
        f"PostGIS is not installed for PostgreSQL {versions}: run `make setup` as root, "
        f"or apt-get install postgresql-{candidates[-1].parents[1].name}-postgis-3"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgisServer:
    """One PostgreSQL cluster with a PostGIS database, alive between start() and stop()."""

    def __init__(self, dbname: str = "placelink_test", bindir: Path | None = None) -> None:
        self.dbname = dbname
        self.bindir = bindir
        self.host = "127.0.0.1"
        self.port = 0
        self.user = SERVICE_USER
        self.root: Path | None = None
        self._started = False
        self._guard: subprocess.Popen | None = None

    # ---- life cycle -------------------------------------------------------------------
    def __enter__(self) -> PostgisServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def data_dir(self) -> Path:
        assert self.root is not None
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        assert self.root is not None
        return self.root / "socket"

    @property
    def log_file(self) -> Path:
        assert self.root is not None
        return self.root / "server.log"

    def start(self) -> PostgisServer:
        if self._started:
            return self
        self.bindir = self.bindir or find_postgres_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="placelink-pg-"))
        atexit.register(self.stop)
        try:
            self.socket_dir.mkdir()
            self._hand_to_service_user(self.root)
            self._hand_to_service_user(self.socket_dir)
            self._run_as_server(
                [
                    str(self.bindir / "initdb"),
                    "-D",
                    str(self.data_dir),
                    "-U",
                    SERVICE_USER,
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ],
                "initdb",
            )
            self._write_hba()
            self._start_on_free_port()
            self.sql(f'CREATE DATABASE "{self.dbname}"', dbname="postgres")
            self.sql("CREATE EXTENSION postgis")
        except BaseException:
            self.stop()
            raise
        return self

    def _write_hba(self) -> None:
        # The superuser comes in without a password (socket and loopback); every other role
        # must give its password over TCP, as on a council's server.
        hba = self.data_dir / "pg_hba.conf"
        hba.write_text(
            "local all all trust\n"
            f"host all {SERVICE_USER} 127.0.0.1/32 trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n",
            encoding="utf-8",
        )
        self._hand_to_service_user(hba)

    def _start_on_free_port(self, attempts: int = 5) -> None:
        last = ""
        for _ in range(attempts):
            self.port = _free_port()
            options = (
                f"-p {self.port} -k {self.socket_dir} -c listen_addresses={self.host} "
                "-c fsync=off -c full_page_writes=off -c synchronous_commit=off "
                "-c max_connections=40 -c shared_buffers=32MB"
            )
            command = [
                str(self.bindir / "pg_ctl"),
                "start",
                "-D",
                str(self.data_dir),
                "-l",
                str(self.log_file),
                "-w",
                "-t",
                "60",
                "-o",
                options,
            ]
            result = self._run(command, check=False)
            if result.returncode == 0:
                self._started = True
                self._start_guard()
                return
            last = (result.stdout + result.stderr).strip() + "\n" + self._log_tail()
            if "already in use" not in last and "could not bind" not in last:
                break
            time.sleep(0.2)
        raise PostgisServerError(f"pg_ctl start failed: {last}")

    def stop(self) -> None:
        if self.root is None:
            return
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)
        guard, self._guard = getattr(self, "_guard", None), None
        if guard is not None and guard.poll() is None:
            guard.kill()  # the guard this server started; the server is stopped below
            guard.wait(10)
        if self._started and self.bindir is not None:
            pg_ctl = str(self.bindir / "pg_ctl")
            self._run(
                [pg_ctl, "stop", "-D", str(self.data_dir), "-m", "immediate", "-w"], check=False
            )
            self._started = False
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    def _start_guard(self) -> None:
        """A watchdog process that stops the server and removes its folder if this process
        dies without ``stop()`` (a segfault or SIGKILL skips every finaliser)."""
        command = self._wrap([str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data_dir),
                              "-m", "immediate", "-w"])  # fmt: skip
        script = (
            "import os, shutil, subprocess, sys, time\n"
            "parent, root, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]\n"
            "while True:\n"
            "    try:\n"
            "        os.kill(parent, 0)\n"
            "    except ProcessLookupError:\n"
            "        break\n"
            "    time.sleep(1)\n"
            "subprocess.run(command, capture_output=True, check=False)\n"
            "shutil.rmtree(root, ignore_errors=True)\n"
        )
        self._guard = subprocess.Popen(
            [sys.executable, "-c", script, str(os.getpid()), str(self.root), *command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    # ---- use --------------------------------------------------------------------------
    def sql(self, statement: str, dbname: str | None = None) -> str:
        """Run SQL through psql on the socket as the superuser; return its unaligned output."""
        assert self.bindir is not None
        result = self._run(
            [
                str(self.bindir / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                str(self.socket_dir),
                "-p",
                str(self.port),
                "-U",
                SERVICE_USER,
                "-d",
                dbname or self.dbname,
                "-c",
                statement,
            ],
            check=False,
        )
        if result.returncode != 0:
            raise PostgisServerError(f"SQL failed: {statement[:200]}\n{result.stderr.strip()}")
        return result.stdout.strip()

    def add_role(self, name: str, password: str, superuser: bool = False) -> None:
        """A login role that needs its password over TCP (owns nothing; can create tables)."""
        quoted = password.replace("'", "''")
        extra = " SUPERUSER" if superuser else ""
        self.sql(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{quoted}'{extra}")
        self.sql(f'GRANT ALL ON DATABASE "{self.dbname}" TO "{name}"')
        self.sql(f'GRANT ALL ON SCHEMA public TO "{name}"')

    def conninfo(self, user: str | None = None, password: str | None = None) -> str:
        """A libpq connection string (``key=value``) for the test database over TCP."""
        parts = [f"dbname='{self.dbname}'", f"host={self.host}", f"port={self.port}"]
        parts.append(f"user='{user or self.user}'")
        if password is not None:
            parts.append(f"password='{password}'")
        parts.append("sslmode=disable")
        return " ".join(parts)

    def uri(
        self,
        table: str | None = None,
        geometry: str | None = "geom",
        schema: str = "public",
        user: str | None = None,
        password: str | None = None,
        key: str | None = None,
    ) -> str:
        """A QGIS ``postgres`` provider URI (as QgsDataSourceUri writes them)."""
        text = self.conninfo(user, password)
        if key:
            text += f" key='{key}'"
        if table:
            text += f' table="{schema}"."{table}"'
            if geometry:
                text += f" ({geometry})"
        return text

    def connect(self, user: str | None = None, password: str | None = None, **kwargs: object):
        """A psycopg (3) connection to the test database over TCP."""
        import psycopg

        return psycopg.connect(self.conninfo(user, password), **kwargs)

    # ---- plumbing ---------------------------------------------------------------------
    def _log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def _hand_to_service_user(self, path: Path) -> None:
        if os.geteuid() != 0:
            return
        entry = pwd.getpwnam(SERVICE_USER)
        os.chown(path, entry.pw_uid, entry.pw_gid)
        os.chmod(path, 0o700)

    def _wrap(self, command: list[str]) -> list[str]:
        """*command* run as the ``postgres`` user when the tests run as root."""
        if os.geteuid() != 0:
            return command
        try:
            pwd.getpwnam(SERVICE_USER)
        except KeyError as error:
            raise PostgisServerError(
                "tests run as root but there is no `postgres` user to run the server "
                "(installing Debian's postgresql package creates it)"
            ) from error
        return ["runuser", "-u", SERVICE_USER, "--", *command]

    def _run(self, command: list[str], check: bool = True) -> subprocess.CompletedProcess:
        command = self._wrap(command)
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        env["LC_ALL"] = "C.UTF-8"
        result = subprocess.run(
            command, capture_output=True, text=True, env=env, cwd="/", timeout=120, check=False
        )
        if check and result.returncode != 0:
            raise PostgisServerError(
                f"{Path(command[-1] if command else '?').name} failed: "
                f"{(result.stdout + result.stderr).strip()}"
            )
        return result

    def _run_as_server(self, command: list[str], what: str) -> None:
        result = self._run(command, check=False)
        if result.returncode != 0:
            raise PostgisServerError(f"{what} failed: {(result.stdout + result.stderr).strip()}")
