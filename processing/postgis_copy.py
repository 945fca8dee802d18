"""Writing a canonical layer to a PostGIS table with ``COPY`` (a ``postgis:`` OUTPUT).

QGIS's PostGIS sink inserts row by row; at national size that is most of a load's time.
Here the rows go with one ``COPY … FROM STDIN`` (streamed in chunks, so memory stays
flat) into a new table of a temporary name, all in one transaction; the primary key and
the UPRN/USRN indexes are filled during the COPY, the spatial index is built after it, and
the table is renamed to its final name (replacing a table of that name, as QGIS's sink
does) and ``ANALYZE``d. A cancel or
an error rolls everything back: no half-written table survives. (The table is logged from
the start: an UNLOGGED table made LOGGED at the end is written twice, which measured
20-30 % slower.)
"""

from __future__ import annotations

import io
import queue
import struct
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter

from qgis.core import QgsDataSourceUri, QgsProcessingOutputLayerDefinition

from ..core import schema
from ..core.formats.staging import RenderedRows

_TYPES = {schema.INT: "bigint", schema.REAL: "double precision", schema.DATE: "date"}
CHUNK = 4 << 20  # bytes of COPY text sent at a time
#: Blocks of COPY text made ahead of the sending thread (each about ``CHUNK`` characters).
QUEUED_BLOCKS = 2
_EWKB_POINT_SRID = 0x20000001  # EWKB type: point, with an SRID

try:  # psycopg2 ships with QGIS on Windows and as Debian's python3-psycopg2
    import psycopg2

    DATABASE_ERRORS: tuple[type[Exception], ...] = (psycopg2.Error,)
except ImportError:  # pragma: no cover - then a postgis: OUTPUT says psycopg2 is missing
    psycopg2 = None
    DATABASE_ERRORS = ()


def connection_info(uri: QgsDataSourceUri) -> str:
    """The libpq connection string of *uri* with its QGIS authentication configuration
    expanded. A configuration QGIS cannot open (the master password not entered, or
    wrong) is said in words here; libpq would only say "no password supplied"."""
    authcfg = uri.authConfigId()
    if authcfg:
        from qgis.core import QgsApplication, QgsAuthMethodConfig

        from ..i18n import tr

        manager = QgsApplication.authManager()
        config = QgsAuthMethodConfig()
        if (
            not manager.masterPasswordIsSet()
            or not manager.loadAuthenticationConfig(authcfg, config, True)
            or not config.isValid(True)
        ):
            raise ValueError(
                tr(
                    "Could not open the QGIS authentication configuration {id} of the "
                    "PostGIS connection: QGIS's master password was not entered or is wrong. "
                    "Enter it (Settings > Options > Authentication) and run again."
                ).format(id=authcfg)
            )
    return uri.connectionInfo(True)


def postgis_destination(value: object, context) -> QgsDataSourceUri | None:
    """The table a ``postgis:`` OUTPUT value names, or None for any other destination."""
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        text = value.sink.valueAsString(context.expressionContext(), "")
        value = text[0] if isinstance(text, tuple) else text
    if not isinstance(value, str) or not value.startswith("postgis:"):
        return None
    uri = QgsDataSourceUri(value[len("postgis:") :])
    if not uri.table():
        return None
    return uri


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _copy_text(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return str(value)


def lines_ewkt(record: dict, srid: int) -> str:
    """A record's ``lines`` (a coordinate list per part) as EWKT, ``\\N`` when it has none."""
    parts = record.get("lines")
    if not parts:
        return "\\N"
    text = "),(".join(", ".join(f"{x!r} {y!r}" for x, y in part) for part in parts)
    return f"SRID={srid};MULTILINESTRING(({text}))"


def copy_line_maker(
    fields: Sequence[schema.Field], srid: int = 27700, geometry: str = "Point"
) -> tuple[Callable[[dict], str], list[int]]:
    """A function making one COPY text line from a record (its *fields*, then the point
    from ``x``/``y``, or with *geometry* ``MultiLineString`` the ``lines``), shortening
    text values to their field's length; and the count of values it shortened. One list
    comprehension per record: most values need no escaping or cutting, and those only pay
    for a few C-level ``in`` scans."""
    names = [f.name for f in fields]
    limits = [f.length if f.kind == schema.TEXT and f.length else 1 << 62 for f in fields]
    getter = itemgetter(*names) if len(names) > 1 else (lambda r: (r[names[0]],))
    cut = [0]

    def fix(value: str, limit: int) -> str:
        if len(value) > limit:
            value = value[:limit]
            cut[0] += 1
        return _copy_text(value)

    def attributes(record: dict) -> str:
        try:
            values = getter(record)
        except KeyError:
            values = [record.get(n) for n in names]
        return "\t".join(
            [
                "\\N"
                if v is None
                else (
                    v
                    if len(v) <= limit and not ("\\" in v or "\t" in v or "\n" in v or "\r" in v)
                    else fix(v, limit)
                )
                if v.__class__ is str
                else (fix(v, limit) if isinstance(v, str) else str(v))
                for v, limit in zip(values, limits)
            ]
        )

    ewkb = struct.Struct("<BIIdd").pack  # little-endian point with its SRID (EWKB)

    def line(record: dict) -> str:
        # hex EWKB: PostGIS reads it several times faster than EWKT, and no float repr
        point = ewkb(1, _EWKB_POINT_SRID, srid, record["x"], record["y"]).hex()
        return f"{attributes(record)}\t{point}\n"

    def multiline(record: dict) -> str:
        return f"{attributes(record)}\t{lines_ewkt(record, srid)}\n"

    if geometry == "MultiLineString":
        return multiline, cut
    return line, cut


class _Stream(io.RawIOBase):
    """A file-like object ``copy_expert`` reads, filled from an iterator of text lines
    (joined and encoded a block at a time) or of UTF-8 bytes (a worker's, as they are)."""

    def __init__(self, lines: Iterator[str | bytes]) -> None:
        self.lines: Iterator[str | bytes] | None = lines
        self.buffer = b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = CHUNK if size is None or size < 0 else size
        while len(self.buffer) < size and self.lines is not None:
            block: list[bytes] = []
            chars = 0
            for line in self.lines:
                data = line if line.__class__ is bytes else line.encode("utf-8")  # type: ignore[union-attr]
                block.append(data)  # type: ignore[arg-type]
                chars += len(data)
                if chars >= size:
                    break
            else:
                self.lines = None  # no more lines
            self.buffer += b"".join(block)
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data


class _AbortError(Exception):
    """Put on the queue when the records failed: the sending thread ends the COPY."""


def _copy_in_thread(cursor, sql: str, lines: Iterator[str | RenderedRows]) -> None:
    """``cursor.copy_expert(sql)`` on a thread of its own, fed blocks of *lines* through a
    small queue. While libpq waits for the server to take a block (without the GIL), this
    thread makes the next one, so the server's work on the rows overlaps the making of the
    rows instead of following it. A worker's rows (``RenderedRows``) go on the queue as
    they are: the sending thread reads their blocks (from the worker's file) while this
    one makes the next rows. An error on either side ends both and is raised here
    (what the records raised, first); the caller's transaction then rolls back."""
    blocks: queue.Queue = queue.Queue(maxsize=QUEUED_BLOCKS)
    failure: list[BaseException] = []

    def queued() -> Iterator[str | bytes]:
        while True:
            block = blocks.get()
            if block is None:
                return
            if block.__class__ is _AbortError:
                raise block
            if block.__class__ is RenderedRows:
                yield from block.blocks()
                continue
            yield block

    def send() -> None:
        try:
            cursor.copy_expert(sql, _Stream(queued()), size=CHUNK)
        except BaseException as exc:  # raised on the caller's thread
            failure.append(exc)

    def put(item: object) -> None:
        while thread.is_alive():
            try:
                blocks.put(item, timeout=0.2)
                return
            except queue.Full:
                continue
        raise failure[0] if failure else RuntimeError("the COPY ended before its last row")

    thread = threading.Thread(target=send, name="placelink-copy", daemon=True)
    thread.start()
    try:
        block: list[str] = []
        chars = 0
        for line in lines:
            if line.__class__ is RenderedRows:
                if block:
                    put("".join(block))  # type: ignore[arg-type]
                    block, chars = [], 0
                put(line)
                continue
            block.append(line)  # type: ignore[arg-type]
            chars += len(line)  # type: ignore[arg-type]
            if chars >= CHUNK:
                put("".join(block))
                block, chars = [], 0
        put("".join(block))
        put(None)
    except BaseException:
        while True:  # make room, then tell the sender to stop
            try:
                blocks.get_nowait()
            except queue.Empty:
                break
        if thread.is_alive():
            blocks.put(_AbortError("the records failed"))
        thread.join()
        raise
    thread.join()
    if failure:
        raise failure[0]


def copy_to_postgis(
    uri: QgsDataSourceUri,
    fields: Sequence[schema.Field],
    records: Iterable[dict],
    srid: int = 27700,
    cut: list[int] | None = None,
    geometry_type: str = "Point",
    render_with: Callable[[Callable[[dict], str], list[int]], None] | None = None,
) -> int:
    """COPY *records* (dicts with the *fields* and ``x``/``y``, or ``lines`` for a
    *geometry_type* ``MultiLineString``) into the table *uri* names;
    return the number of rows (text values longer than their field are shortened, counted
    in *cut*). *render_with*, when given, is handed the function making a record's COPY
    line and its count of shortened values: *records* may then hold ``RenderedRows``
    (lines a worker process made, ``core.formats.staging``). Raises on any error, with
    nothing left behind."""
    if psycopg2 is None:
        raise ValueError("writing to PostGIS with COPY needs the Python package psycopg2")
    table_schema = uri.schema() or "public"
    table = uri.table()
    geometry = uri.geometryColumn() or "geom"
    key = uri.keyColumn() or "id"
    loading = f"{table}_placelink_loading"
    full = f"{_quote(table_schema)}.{_quote(table)}"
    temp = f"{_quote(table_schema)}.{_quote(loading)}"
    columns = [
        f"{_quote(f.name)} {_TYPES.get(f.kind, f'varchar({f.length})' if f.length else 'text')}"
        for f in fields
    ]
    names = [f.name for f in fields]
    count = [0]
    make_line, shortened = copy_line_maker(fields, srid, geometry_type)
    if render_with is not None:
        render_with(make_line, shortened)

    def lines() -> Iterator[str | RenderedRows]:
        for record in records:
            if record.__class__ is RenderedRows:
                count[0] += record.rows  # type: ignore[attr-defined]
                yield record  # type: ignore[misc] - its text is read by the sending thread
                continue
            count[0] += 1
            yield make_line(record)

    connection = psycopg2.connect(connection_info(uri))
    try:
        with connection:  # one transaction: committed on success, rolled back on error
            cursor = connection.cursor()
            # the index builds sort in memory rather than in temporary files (this
            # transaction only; the server's memory, not ours)
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute(f"DROP TABLE IF EXISTS {temp}")
            cursor.execute(
                f"CREATE TABLE {temp} ({_quote(key)} bigserial PRIMARY KEY, "
                f"{', '.join(columns)}, {_quote(geometry)} geometry({geometry_type}, {srid}))"
            )
            # The b-tree indexes exist before the COPY: the server fills them while the
            # rows arrive (it waits on this process most of that time), so they cost no
            # time after it. The spatial index is built after the COPY, sorted in one
            # pass: inserting row by row into a GiST costs several times more.
            for indexed in ("uprn", "usrn", "link_id"):
                if indexed in names:
                    cursor.execute(f"CREATE INDEX ON {temp} ({_quote(indexed)})")
            column_list = ", ".join(_quote(n) for n in [*names, geometry])
            _copy_in_thread(cursor, f"COPY {temp} ({column_list}) FROM STDIN", lines())
            cursor.execute(f"CREATE INDEX ON {temp} USING gist ({_quote(geometry)})")
            cursor.execute(f"DROP TABLE IF EXISTS {full}")
            cursor.execute(f"ALTER TABLE {temp} RENAME TO {_quote(table)}")
        connection.autocommit = True
        connection.cursor().execute(f"ANALYZE {full}")
    finally:
        connection.close()
        if cut is not None:
            cut[0] += shortened[0]
    return count[0]


def layer_uri(uri: QgsDataSourceUri) -> str:
    """The QGIS ``postgres`` layer URI of the written table (key and geometry named)."""
    written = QgsDataSourceUri(uri)
    written.setKeyColumn(uri.keyColumn() or "id")
    written.setGeometryColumn(uri.geometryColumn() or "geom")
    written.setSrid("27700")
    return written.uri(False)


def copy_records(records, factory, uri, rejects, feedback, stats, geometry_type="Point") -> int:
    """``loader.write_records`` for a ``postgis:`` OUTPUT: records by COPY (points, or
    streets' MultiLineStrings), rejects to their sink in batches; ``LoadCancelledError`` on
    cancel (the COPY is rolled back)."""
    from .loader import RecordsAndRejects

    cut = [0]
    split = RecordsAndRejects(records, rejects, feedback, stats)
    try:
        written = copy_to_postgis(
            uri,
            factory.schema,
            split.records(),
            cut=cut,
            geometry_type=geometry_type,
            # a staged address load lets a worker process make part of the COPY lines
            render_with=getattr(records, "render_with", None),
        )
    except Exception:
        split.reraise()  # psycopg2 wraps what the records raised while COPY read them
        raise
    finally:
        split.failure.clear()  # no cycle through the traceback keeps the sinks' wrappers
    split.finish(cut)
    return written
