"""qgis_process with a QGIS saved PostgreSQL connection whose login is an authentication
configuration (authcfg) kept in the profile's encrypted auth database, as a QGIS user
sets it up: the test makes the profile (auth DB, master password, saved connection) in a
separate QGIS process, then ``qgis_process.bin`` runs with that profile and the master
password given through ``QGIS_AUTH_PASSWORD_FILE`` (QGIS's own way for headless runs).

The role's password must never appear in PlaceLink's outputs, logs, results, provenance,
table comments, the profile's settings files or an error message.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from qgis_runner import QgisProcess

pytestmark = pytest.mark.qgis_process
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample"
PASSWORD = "Auth-Qp-Secret-3d8b61"
MASTER = "Master-Qp-77c2e0"
CONNECTION = "Council gazetteer (authcfg)"

# Run in its own QGIS process with the runner's environment (its profile): store the
# role's login as an authcfg under the master password, save a PostgreSQL connection
# that names only the authcfg, print the connection's URI.
_MAKE_PROFILE = """
import sys
from qgis.core import (QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri,
                       QgsProviderRegistry)
host, port, dbname, user, password, master, name = sys.argv[1:8]
app = QgsApplication([], False)
app.initQgis()
manager = QgsApplication.authManager()
assert manager.setMasterPassword(master, True), "master password not set"
config = QgsAuthMethodConfig("Basic")
config.setName("PlaceLink clerk")
config.setConfig("username", user)
config.setConfig("password", password)
assert manager.storeAuthenticationConfig(config), "authcfg not stored"
uri = QgsDataSourceUri()
uri.setConnection(host, port, dbname, "", "", QgsDataSourceUri.SslDisable, config.id())
metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
metadata.saveConnection(metadata.createConnection(uri.uri(False), {}), name)
print("URI=" + metadata.findConnection(name).uri())
print("DB=" + manager.authenticationDatabasePath())
app.exitQgis()
"""


@pytest.fixture(scope="module")
def profile(postgis_server, tmp_path_factory: pytest.TempPathFactory) -> tuple[QgisProcess, str]:
    postgis_server.add_role("qp_auth_clerk", PASSWORD)
    runner = QgisProcess(tmp_path_factory.mktemp("qp_auth"))
    runner.enable_plugin()
    made = subprocess.run(
        [sys.executable, "-c", _MAKE_PROFILE, postgis_server.host, str(postgis_server.port),
         postgis_server.dbname, "qp_auth_clerk", PASSWORD, MASTER, CONNECTION],
        env=runner.env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    lines = dict(line.split("=", 1) for line in made.stdout.splitlines() if "=" in line[:4])
    auth_db = Path(lines["DB"])
    assert auth_db.is_file() and auth_db.is_relative_to(runner.profile)
    master_file = runner.workdir / "master.txt"
    master_file.write_text(MASTER, encoding="utf-8")
    master_file.chmod(0o600)
    runner.env["QGIS_AUTH_PASSWORD_FILE"] = str(master_file)
    return runner, lines["URI"]


def _table(connection: str, table: str, geometry: str | None = "geom") -> str:
    text = f'{connection} table="public"."{table}"'
    return f"{text} ({geometry})" if geometry else text


def _profile_text(runner: QgisProcess) -> str:
    return "".join(
        p.read_text(errors="replace")
        for p in runner.profile.rglob("*")
        if p.is_file() and p.suffix in (".ini", ".json", ".txt", ".log", ".cfg")
    )


def test_saved_connection_with_authcfg_through_qgis_process(profile, postgis_server) -> None:
    runner, connection = profile
    assert "authcfg=" in connection and PASSWORD not in connection
    settings = _profile_text(runner)
    authcfg = connection.split("authcfg=")[1].split()[0]
    assert f"authcfg={authcfg}" in settings  # the saved connection names only the authcfg
    assert "password=" not in connection and "\\password=\n" in settings.replace("\r", "")
    loaded = runner.run(
        "placelink:loadaddresses",
        {"INPUT": [SAMPLE / "llpg_dtf73.csv"], "FORMAT": 0,
         "OUTPUT": "postgis:" + _table(connection, "qpa_addresses"),
         "REJECTED": "postgis:" + _table(connection, "qpa_rejected", None)},
    )  # fmt: skip
    assert loaded["results"]["LOADED"] == 5000
    matched = runner.run(
        "placelink:matchaddresses",
        {"INPUT": SAMPLE / "service_records.csv", "ADDRESS_FIELDS": "address",
         "POSTCODE_FIELD": "postcode", "GAZETTEER": loaded["results"]["OUTPUT"],
         "OUTPUT": "postgis:" + _table(connection, "qpa_matched")},
    )  # fmt: skip
    assert int(postgis_server.sql("SELECT count(*) FROM public.qpa_addresses")) == 5000
    assert int(postgis_server.sql("SELECT count(*) FROM public.qpa_matched")) == 1500
    owners = postgis_server.sql(
        "SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables "
        "WHERE tablename IN ('qpa_addresses', 'qpa_matched')"
    )
    assert owners == "qp_auth_clerk"  # qgis_process logged in through the authcfg
    provenance = postgis_server.sql(
        "SELECT string_agg(algorithm || ' ' || output || ' ' || provenance::text, E'\\n') "
        "FROM public.placelink_provenance WHERE table_name LIKE 'qpa\\_%'"
    )
    assert "placelink:loadaddresses" in provenance and "placelink:matchaddresses" in provenance
    comments = postgis_server.sql(
        "SELECT string_agg(obj_description(c.oid), E'\\n') FROM pg_class c "
        "WHERE c.relname LIKE 'qpa\\_%'"
    )
    assert "Made by PlaceLink" in comments
    for text in (json.dumps(loaded), json.dumps(matched), provenance, comments,
                 _profile_text(runner)):  # fmt: skip
        assert PASSWORD not in text and MASTER not in text


def test_unreadable_authcfg_error_names_no_password(profile, postgis_server) -> None:
    runner, connection = profile
    wrong = runner.workdir / "wrong_master.txt"
    wrong.write_text("not-the-master", encoding="utf-8")
    env = dict(runner.env, QGIS_AUTH_PASSWORD_FILE=str(wrong))
    result = subprocess.run(
        [runner.binary, "--json", "run", "placelink:loadaddresses",
         f"--INPUT={SAMPLE / 'llpg_dtf73.csv'}", "--FORMAT=0",
         "--OUTPUT=postgis:" + _table(connection, "qpa_refused"),
         "--REJECTED=TEMPORARY_OUTPUT"],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode != 0  # no login without the master password
    said = result.stdout + result.stderr
    assert "master password was not entered or is wrong" in said  # says why, in words
    assert "no password supplied" not in said  # not libpq's words
    assert (
        postgis_server.sql("SELECT count(*) FROM pg_tables WHERE tablename = 'qpa_refused'") == "0"
    )
    for text in (result.stdout, result.stderr, _profile_text(runner)):
        assert PASSWORD not in text and MASTER not in text
