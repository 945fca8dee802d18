"""Connections as QGIS users make them, and no password anywhere PlaceLink writes.

A password-protected role is used through (a) an authentication configuration
(QgsAuthManager authcfg) in a saved QGIS PostgreSQL connection and (b) a URI carrying the
password; loads and matches write PostGIS tables; then the run's log, results, error
messages, provenance rows, table comments and the QGIS settings files are searched for
the password.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsDataSourceUri,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProviderRegistry,
    QgsSettings,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "addresses"
ROOT = Path(__file__).resolve().parents[2]
AUTH_PASSWORD = "Authcfg-Pw-7f3a9c"
URI_PASSWORD = "Uri-Pw-51d0be"


class Log(QgsProcessingFeedback):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def pushInfo(self, info: str) -> None:
        self.lines.append(info)

    def pushWarning(self, warning: str) -> None:
        self.lines.append(warning)

    def reportError(self, error: str, fatalError: bool = False) -> None:
        self.lines.append(error)


@pytest.fixture(scope="module")
def roles(postgis_server) -> None:
    postgis_server.add_role("clerk_auth", AUTH_PASSWORD)
    postgis_server.add_role("clerk_uri", URI_PASSWORD)


def _saved_connection_with_authcfg(postgis_server) -> str:
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("test-master", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("PlaceLink test clerk")
    config.setConfig("username", "clerk_auth")
    config.setConfig("password", AUTH_PASSWORD)
    assert manager.storeAuthenticationConfig(config)
    uri = QgsDataSourceUri()
    uri.setConnection(postgis_server.host, str(postgis_server.port), postgis_server.dbname,
                      "", "", QgsDataSourceUri.SslDisable, config.id())  # fmt: skip
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    metadata.saveConnection(metadata.createConnection(uri.uri(False), {}), "Council PostGIS")
    return metadata.findConnection("Council PostGIS").uri()


def _with_table(connection_uri: str, table: str, geometry: str | None = "geom") -> str:
    uri = QgsDataSourceUri(connection_uri)
    uri.setDataSource("public", table, geometry)
    return uri.uri(False)


def _load_and_match(run_alg, connection_uri: str, prefix: str) -> tuple[list[str], dict]:
    log = Log()
    loaded = run_alg(
        "placelink:loadaddresses",
        {"INPUT": [str(FIXTURES / "dtf73_full.csv")], "FORMAT": 0,
         "OUTPUT": "postgis:" + _with_table(connection_uri, f"{prefix}_addresses"),
         "REJECTED": "postgis:" + _with_table(connection_uri, f"{prefix}_rejected", None)},
        feedback=log,
    )  # fmt: skip
    assert loaded["LOADED"] == 6
    matched = run_alg(
        "placelink:matchaddresses",
        {"INPUT": str(ROOT / "resources" / "sample" / "service_records.csv"),
         "ADDRESS_FIELDS": ["address"], "POSTCODE_FIELD": "postcode",
         "GAZETTEER": "postgres://" + _with_table(connection_uri, f"{prefix}_addresses"),
         "OUTPUT": "postgis:" + _with_table(connection_uri, f"{prefix}_matched")},
        feedback=log,
    )  # fmt: skip
    return log.lines, {**loaded, **matched}


def _everything_written(postgis_server, prefix: str) -> str:
    provenance = postgis_server.sql(
        "SELECT string_agg(provenance::text || output || table_name, E'\\n') "
        f"FROM public.placelink_provenance WHERE table_name LIKE '{prefix}\\_%'"
    )
    comments = postgis_server.sql(
        "SELECT string_agg(obj_description(c.oid), E'\\n') FROM pg_class c "
        f"WHERE c.relname LIKE '{prefix}\\_%'"
    )
    settings = ""
    folder = Path(QgsSettings().fileName()).parent
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in (".ini", ".json", ".txt", ".log", ".cfg"):
            settings += path.read_text(errors="replace")
    assert "authcfg=" in settings or prefix != "auth"  # the saved connection was searched
    assert prefix in provenance and "Made by PlaceLink" in comments
    return "\n".join([provenance, comments, settings])


def test_authcfg_connection_keeps_password_out(run_alg, postgis_server, roles) -> None:
    connection = _saved_connection_with_authcfg(postgis_server)
    assert "authcfg=" in connection and AUTH_PASSWORD not in connection
    lines, results = _load_and_match(run_alg, connection, "auth")
    owner = postgis_server.sql("SELECT tableowner FROM pg_tables WHERE tablename = 'auth_matched'")
    assert owner == "clerk_auth"  # the run really logged in as the role
    written = _everything_written(postgis_server, "auth")
    for text in (*lines, str(results), written):
        assert AUTH_PASSWORD not in text


def test_password_in_uri_never_repeated_by_placelink(run_alg, postgis_server, roles) -> None:
    connection = postgis_server.conninfo("clerk_uri", URI_PASSWORD)
    lines, results = _load_and_match(run_alg, connection, "uri")
    assert postgis_server.sql("SELECT count(*) FROM public.uri_addresses") == "6"
    placelink_lines = [line for line in lines if not line.startswith("Results:")]
    for text in (*placelink_lines, _everything_written(postgis_server, "uri")):
        assert URI_PASSWORD not in text


def test_wrong_password_error_does_not_show_it(run_alg, postgis_server, roles) -> None:
    connection = postgis_server.conninfo("clerk_uri", "Wrong-Pw-0c1e")
    log = Log()
    message = ""
    try:
        run_alg(
            "placelink:matchaddresses",
            {"INPUT": str(ROOT / "resources" / "sample" / "service_records.csv"),
             "ADDRESS_FIELDS": ["address"], "POSTCODE_FIELD": "postcode",
             "GAZETTEER": "postgres://" + _with_table(connection, "uri_addresses"),
             "OUTPUT": "TEMPORARY_OUTPUT"},
            feedback=log,
        )  # fmt: skip
    except QgsProcessingException as error:
        message = str(error)  # kept as text: the exception holds QGIS objects
    assert "GAZETTEER" in message and "password=***" in message
    assert "Wrong-Pw-0c1e" not in message
    assert log.lines and all("Wrong-Pw-0c1e" not in line for line in log.lines)


def _refusal_under_a_wrong_master_password(run_alg, algorithm: str, parameters: dict) -> str:
    """The message of *algorithm*'s refusal while QGIS holds a wrong master password (the
    right one is set again afterwards)."""
    manager = QgsApplication.authManager()
    manager.clearMasterPassword()
    try:
        assert not manager.setMasterPassword("not-the-master-password", True)
        with pytest.raises(QgsProcessingException) as error:
            run_alg(algorithm, parameters)
        return str(error.value)  # kept as text: the exception holds QGIS objects
    finally:
        manager.clearMasterPassword()
        assert manager.setMasterPassword("test-master", True)


def _assert_said_in_words(message: str, authcfg: str) -> None:
    assert f"authentication configuration {authcfg}" in message
    assert "master password was not entered or is wrong" in message
    assert "no password supplied" not in message


def test_wrong_master_password_is_said_in_words(run_alg, postgis_server, roles) -> None:
    """A saved connection whose authentication configuration QGIS cannot open (its master
    password is wrong) is refused in words naming the configuration, not with libpq's
    "no password supplied"; no table is written."""
    connection = _saved_connection_with_authcfg(postgis_server)
    authcfg = QgsDataSourceUri(connection).authConfigId()
    message = _refusal_under_a_wrong_master_password(
        run_alg,
        "placelink:loadaddresses",
        {"INPUT": [str(FIXTURES / "dtf73_full.csv")], "FORMAT": 0,
         "OUTPUT": "postgis:" + _with_table(connection, "master_addresses"),
         "REJECTED": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    _assert_said_in_words(message, authcfg)
    assert postgis_server.sql("SELECT to_regclass('public.master_addresses')") == ""


def test_wrong_master_password_for_an_update_target_is_said_in_words(
    run_alg, postgis_server, roles
) -> None:
    """applyupdates opens its PostGIS TARGET through OGR with the connection's
    authentication configuration expanded: when QGIS cannot open that configuration the
    refusal says so in words, and TARGET keeps every row."""
    from qgis.core import QgsVectorLayer

    connection = _saved_connection_with_authcfg(postgis_server)
    authcfg = QgsDataSourceUri(connection).authConfigId()
    run_alg(
        "placelink:loadaddresses",
        {"INPUT": [str(FIXTURES / "dtf73_full.csv")], "FORMAT": 0,
         "OUTPUT": "postgis:" + _with_table(connection, "master_cou_target"),
         "REJECTED": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    target = QgsVectorLayer(_with_table(connection, "master_cou_target"), "target", "postgres")
    assert target.isValid()
    message = _refusal_under_a_wrong_master_password(
        run_alg,
        "placelink:applyupdates",
        {"INPUT": [str(FIXTURES / "dtf73_cou.csv")], "FORMAT": 0, "TARGET": target,
         "REJECTED": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    _assert_said_in_words(message, authcfg)
    assert postgis_server.sql("SELECT count(*) FROM public.master_cou_target") == "6"
