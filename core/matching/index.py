"""Gazetteer index: one entry per LPI (main and alternatives) with blocking keys.

Built once per gazetteer (``GazetteerIndex.build``) and cached on disk under a
fingerprint of the layer's content (``load_or_build``). Blocking keys: postcode,
sector + house number, street + house number, and an inverted index of street and
building-name tokens (rare tokens find an address whose postcode is wrong or missing).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np

from .. import postcode as pc
from ..address_text import format_address
from ..alternatives import alternative_addresses, parse_alternatives
from ..normalise import WELSH_STREET_TYPES, is_street_type, normalise
from ..parse import flat_digits, flat_key, is_floor_key, parse, sao_floors
from . import index_cache
from .exact import exact_tables

#: Bumped when the index layout changes, so old caches are ignored.
INDEX_VERSION = 16
#: Classification codes of parent shells (a building whose units have their own UPRNs); a
#: parent with a residential code (a house with an annexe) is a dwelling and can be matched.
PARENT_CLASSES = ("PP",)
#: Fields that make up the fingerprint of a gazetteer.
FINGERPRINT_FIELDS = (
    "uprn", "parent_uprn", "sao_start_number", "sao_start_suffix", "sao_end_number",
    "sao_end_suffix", "sao_text", "pao_start_number", "pao_start_suffix", "pao_end_number",
    "pao_end_suffix", "pao_text", "street_description", "locality", "town", "postcode",
    "classification", "organisation", "alternatives", "address", "x", "y",
)  # fmt: skip


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _int(value: object) -> int:
    """An integer field as int; -1 when empty or not a number."""
    if value is None or value == "":
        return -1
    try:
        return int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return -1


def _unit_shaped(text: str) -> str:
    """A gazetteer postcode that is invalid but whole (``AB1 2CD``), kept so a record
    typing the same text meets it, even one with no valid part (``MKA 7NP``: a postcode's
    shape, an outward code and a digit and two letters); "" for anything less."""
    part = pc.partial(text)
    if part and pc.is_partial_unit(part):
        return part
    whole = " ".join((text or "").upper().split())
    return whole if _POSTCODE_SHAPE.fullmatch(whole) else ""


_POSTCODE_SHAPE = re.compile(r"[A-Z0-9]{2,4} [0-9][A-Z]{2}")


def split_street(description: str) -> tuple[str, str]:
    """``CHURCH ROAD`` → (``CHURCH``, ``ROAD``); a street without a type word keeps it all."""
    words = normalise(description).split()
    if len(words) >= 2 and is_street_type(words[-1]):
        return " ".join(words[:-1]), words[-1]
    return " ".join(words), ""


def _alternatives_with_language(value: object) -> list[tuple[str, str | None]]:
    """``alternatives_of`` with each one's language when PlaceLink's format declares it."""
    if isinstance(value, str) and ": " in value:
        return [(a, lang) for _kind, _status, lang, a in parse_alternatives(value) if a]
    return [(a, None) for a in alternatives_of(value)]


def alternatives_of(value: object) -> list[str]:
    """Alternative LPIs as single-line texts: a list, or text separated by ``|`` or newlines."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        if ": " in value:  # PlaceLink's own format: ``LPI3/ENG: … | DPA: …``
            return alternative_addresses(value)
        parts = value.replace("\n", "|").split("|")
    elif isinstance(value, Mapping):
        parts = [format_address(value)]
    elif isinstance(value, Iterable):
        parts = [format_address(v) if isinstance(v, Mapping) else str(v) for v in value]
    else:
        parts = [str(value)]
    return [p.strip() for p in parts if p and p.strip()]


def fingerprint(records: Sequence[Mapping[str, object]]) -> str:
    """SHA-256 of the gazetteer fields matching uses (order-independent by UPRN)."""
    h = hashlib.sha256(f"placelink-index-{INDEX_VERSION}".encode())
    keyed = sorted(records, key=lambda r: _int(r.get("uprn")))
    for rec in keyed:
        h.update(repr(tuple(rec.get(f) for f in FINGERPRINT_FIELDS)).encode())
    return h.hexdigest()


@dataclass
class Street:
    """A street as written in the gazetteer (name, type, locality, town)."""

    name: str
    type: str
    locality: str
    town: str
    #: name and type, e.g. ``CHURCH ROAD``
    full: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.full = f"{self.name} {self.type}".strip()


@dataclass
class GazetteerIndex:
    """Entries (one per LPI) in parallel arrays plus blocking dictionaries."""

    uprn: np.ndarray
    flat: list[str]
    number: np.ndarray
    suffix: list[str]
    end: np.ndarray
    building: list[str]
    organisation: list[str]
    street: np.ndarray
    postcode: list[str]
    is_parent: np.ndarray
    is_alternative: np.ndarray
    streets: list[Street]
    address_of: dict[int, str]
    xy_of: dict[int, tuple[float, float]]
    parent_of: dict[int, int]
    by_postcode: dict[str, list[int]] = field(default_factory=dict)
    by_sector_number: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    by_street_number: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    by_street: dict[int, list[int]] = field(default_factory=dict)
    #: Language (BS 7666 code: ENG, CYM, GAE) of each alternative entry that declares one.
    alt_language: dict[int, str] = field(default_factory=dict)
    street_tokens: dict[str, list[int]] = field(default_factory=dict)
    building_tokens: dict[str, list[int]] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)
    fingerprint: str = ""
    # integer codes for vectorised scoring (see batch.py) -----------------------------------
    flat_codes: dict[str, int] = field(default_factory=dict)
    suffix_codes: dict[str, int] = field(default_factory=dict)
    building_names: list[str] = field(default_factory=list)
    #: name word → codes of the building/organisation names holding it; code → entries
    name_tokens: dict[str, list[int]] = field(default_factory=dict)
    name_entries: dict[int, list[int]] = field(default_factory=dict)
    flat_code: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    flat_floor: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    flat_number: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    suffix_code: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    building_code: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    org_code: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    postcode_codes: dict[str, int] = field(default_factory=dict)
    sector_codes: dict[str, int] = field(default_factory=dict)
    district_codes: dict[str, int] = field(default_factory=dict)
    postcode_code: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    sector_code: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    district_code: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    #: Entries whose flat key is inferred, not written (``TOP FLOOR FLAT`` also found as the
    #: floor above the building's others, a ``MIDDLE`` flat as the floor between).
    derived_floor: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    #: The exact pass's keys: (plain text, postcode) → the one address so written, or -1
    #: when two share it (``exact.exact_tables``).
    exact_keys: dict[tuple[str, str], int] = field(default_factory=dict)
    #: The same keys of the addresses with a locality, written without it
    #: (``exact.exact_tables``).
    locality_keys: dict[tuple[str, str], int] = field(default_factory=dict)
    #: Per entry, the kind of unit noun its address is written with (``scoring.unit_kinds``).
    unit_kind: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))

    def __len__(self) -> int:
        return len(self.uprn)

    def __getstate__(self) -> dict[str, object]:
        """The index without the derived tables and caches kept on it (``_`` names:
        ``batch.tables_of``, ``candidates.name_facts``, ``candidates._memo``)."""
        state = dict(self.__dict__)
        for derived in [k for k in state if k.startswith("_")]:
            del state[derived]
        return state

    @classmethod
    def build(
        cls, records: Sequence[Mapping[str, object]], known_fingerprint: str | None = None
    ) -> GazetteerIndex:
        """Index canonical address records (see DESIGN.md), including ``alternatives``.

        *known_fingerprint*: their ``fingerprint`` when the caller has it already."""
        rows: dict[str, list] = defaultdict(list)
        street_ids: dict[tuple[str, str, str, str], int] = {}
        streets: list[Street] = []
        address_of: dict[int, str] = {}
        xy_of: dict[int, tuple[float, float]] = {}
        alt_language: dict[int, str] = {}
        parent_of: dict[int, int] = {}
        has_children: set[int] = set()
        for rec in records:
            parent = _int(rec.get("parent_uprn"))
            if parent >= 0:
                has_children.add(parent)
        classified = any(_text(rec.get("classification")) for rec in records)
        for rec in records:
            uprn = _int(rec.get("uprn"))
            if uprn < 0:
                continue
            address = _text(rec.get("address")) or format_address(rec)
            address_of[uprn] = address
            if rec.get("x") is not None and rec.get("y") is not None:
                try:
                    xy_of[uprn] = (float(rec["x"]), float(rec["y"]))  # type: ignore[arg-type]
                except (TypeError, ValueError):
                    pass
            parent = _int(rec.get("parent_uprn"))
            if parent >= 0:
                parent_of[uprn] = parent
            # a shell is classified PP; without classifications, any UPRN with children
            cls_code = _text(rec.get("classification")).upper()
            is_parent = cls_code.startswith(PARENT_CLASSES) if classified else uprn in has_children
            raw_pc = _text(rec.get("postcode"))
            postcode = pc.normalise(raw_pc) or _unit_shaped(raw_pc)
            locality = normalise(rec.get("locality"))
            town = normalise(rec.get("town"))
            if rec.get("street_description") or rec.get("pao_start_number") not in (None, ""):
                name, stype = split_street(_text(rec.get("street_description")))
                entry = {
                    "flat": flat_key(
                        rec.get("sao_text"),
                        rec.get("sao_start_number"),
                        rec.get("sao_start_suffix"),
                        rec.get("sao_end_number"),
                        rec.get("sao_end_suffix"),
                    ),
                    "number": _int(rec.get("pao_start_number")),
                    "suffix": _text(rec.get("pao_start_suffix")).upper(),
                    "end": _int(rec.get("pao_end_number")),
                    "building": normalise(rec.get("pao_text")),
                }
            else:  # a layer with only the single-line address
                parsed = parse(address)
                postcode = postcode or (parsed.postcode or "")
                name, stype = _street_from_words(parsed.words)
                entry = _entry_from_parse(parsed, name, stype, locality, town)
            key = (name, stype, locality, town)
            sid = street_ids.setdefault(key, len(streets))
            if sid == len(streets):
                streets.append(Street(*key))
            org = normalise(rec.get("organisation"))
            _append(rows, uprn, entry, org, sid, postcode, is_parent, False)
            for floor in sao_floors(rec.get("sao_text")) if rec.get("sao_text") else ():
                if floor != entry["flat"]:  # FLAT A SECOND FLOOR: found as F2 too
                    _append(
                        rows, uprn, {**entry, "flat": floor}, org, sid, postcode, is_parent, False
                    )
            for alt, language in _alternatives_with_language(rec.get("alternatives")):
                if language:
                    alt_language[len(rows["uprn"])] = language
                parsed = parse(alt)
                alt_name, alt_type = _street_from_words(parsed.words, streets[sid])
                alt_key = (alt_name, alt_type, locality, town)
                alt_sid = street_ids.setdefault(alt_key, len(streets))
                if alt_sid == len(streets):
                    streets.append(Street(*alt_key))
                alt_entry = _entry_from_parse(parsed, alt_name, alt_type, locality, town, org)
                _append(
                    rows,
                    uprn,
                    alt_entry,
                    org,
                    alt_sid,
                    parsed.postcode or postcode,
                    is_parent,
                    True,
                )
        _add_top_floors(rows)
        index = cls(
            uprn=np.asarray(rows["uprn"], dtype=np.int64),
            flat=rows["flat"],
            number=np.asarray(rows["number"], dtype=np.int32),
            suffix=rows["suffix"],
            end=np.asarray(rows["end"], dtype=np.int32),
            building=rows["building"],
            organisation=rows["organisation"],
            street=np.asarray(rows["street"], dtype=np.int32),
            postcode=rows["postcode"],
            is_parent=np.asarray(rows["is_parent"], dtype=bool),
            is_alternative=np.asarray(rows["is_alternative"], dtype=bool),
            derived_floor=np.asarray(rows["derived"], dtype=bool),
            streets=streets,
            address_of=address_of,
            xy_of=xy_of,
            parent_of=parent_of,
            alt_language=alt_language,
        )
        index._build_keys()
        index.exact_keys, index.locality_keys = exact_tables(index)
        from .scoring import unit_kinds  # (scoring reads the index: imported when built)

        index.unit_kind = unit_kinds(index)
        index.fingerprint = known_fingerprint or fingerprint(records)
        return index

    def _build_keys(self) -> None:
        by_postcode: dict[str, list[int]] = defaultdict(list)
        by_sector_number: dict[tuple[str, int], list[int]] = defaultdict(list)
        by_street_number: dict[tuple[int, int], list[int]] = defaultdict(list)
        by_street: dict[int, list[int]] = defaultdict(list)
        building_tokens: dict[str, list[int]] = defaultdict(list)
        numbers = self.number.tolist()
        ends = self.end.tolist()
        street = self.street.tolist()
        for i, postcode in enumerate(self.postcode):
            sid = street[i]
            by_street[sid].append(i)
            nums = {numbers[i]} if numbers[i] >= 0 else set()
            if numbers[i] >= 0 and ends[i] > numbers[i] and ends[i] - numbers[i] <= 20:
                nums.update(range(numbers[i], ends[i] + 1))
            if postcode:
                by_postcode[postcode].append(i)
                for n in nums:
                    by_sector_number[(pc.sector(postcode), n)].append(i)
            for n in nums:
                by_street_number[(sid, n)].append(i)
            for tok in set(f"{self.building[i]} {self.organisation[i]}".split()):
                building_tokens[tok].append(i)
        street_tokens: dict[str, list[int]] = defaultdict(list)
        places: dict[str, str] = {}
        for sid, st in enumerate(self.streets):
            for tok in set(st.name.split()):
                street_tokens[tok].append(sid)
            if st.locality and places.get(st.locality) != "town":
                places[st.locality] = "locality"
            if st.town:
                places[st.town] = "town"
        self.by_postcode = dict(by_postcode)
        self.by_sector_number = dict(by_sector_number)
        self.by_street_number = dict(by_street_number)
        self.by_street = dict(by_street)
        self.street_tokens = dict(street_tokens)
        self.building_tokens = dict(building_tokens)
        self.places = places
        vocab = set(street_tokens) | set(building_tokens)
        for place in places:
            vocab.update(place.split())
        self.vocabulary = sorted(t for t in vocab if len(t) >= 3 and t.isalpha())
        self._build_codes()

    def _build_codes(self) -> None:
        """Integer codes of flats, suffixes, names and postcodes (0 or -1 = none)."""

        def encode(values: Iterable[str], codes: dict[str, int], none: int = 0) -> np.ndarray:
            out = []
            for v in values:
                if not v:
                    out.append(none)
                    continue
                code = codes.get(v)
                if code is None:
                    code = codes[v] = len(codes) + 1
                out.append(code)
            return np.asarray(out, dtype=np.int32)

        self.flat_codes, self.suffix_codes = {}, {}
        self.flat_code = encode(self.flat, self.flat_codes)
        self.flat_floor = np.asarray([is_floor_key(f) for f in self.flat], dtype=bool)
        self.flat_number = np.asarray([flat_digits(f) for f in self.flat], dtype=np.int32)
        self.suffix_code = encode(self.suffix, self.suffix_codes)
        names: dict[str, int] = {}
        self.building_code = encode(self.building, names)
        self.org_code = encode(self.organisation, names)
        self.building_names = ["", *sorted(names, key=names.__getitem__)]
        name_tokens: dict[str, list[int]] = defaultdict(list)
        for code, name in enumerate(self.building_names):
            for tok in set(name.split()):
                name_tokens[tok].append(code)
        self.name_tokens = dict(name_tokens)
        name_entries: dict[int, list[int]] = defaultdict(list)
        for i, (b, o) in enumerate(zip(self.building_code.tolist(), self.org_code.tolist())):
            if b:
                name_entries[b].append(i)
            if o and o != b:
                name_entries[o].append(i)
        self.name_entries = dict(name_entries)
        self.postcode_codes, self.sector_codes, self.district_codes = {}, {}, {}
        self.postcode_code = encode(self.postcode, self.postcode_codes, -1)
        self.sector_code = encode(
            [pc.sector(p) if p else "" for p in self.postcode], self.sector_codes, -1
        )
        self.district_code = encode(
            [pc.district(p) if p else "" for p in self.postcode], self.district_codes, -1
        )

    # cache ---------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the index to *path* as arrays and JSON (``index_cache``: data, never code)."""
        state = self.__getstate__()
        index_cache.write(path, INDEX_VERSION, state, {"streets": _street_row})

    @classmethod
    def load(cls, path: str | Path) -> GazetteerIndex | None:
        """The index saved at *path*, or None when missing, unreadable or of another version."""
        read = index_cache.read(path, INDEX_VERSION)
        if read is None:
            return None
        state, records = read
        try:
            streets = [Street(r["name"], r["type"], r["locality"], r["town"])
                       for r in records.get("streets", [])]  # fmt: skip
            index = cls.__new__(cls)
            index.__dict__.update(state)
            index.streets = streets
            for f in fields(cls):
                if f.name not in index.__dict__:
                    return None  # written by a layout without this field
        except (KeyError, TypeError):
            return None
        return index


def _street_row(street: Street) -> dict[str, str]:
    return {"name": street.name, "type": street.type, "locality": street.locality,
            "town": street.town}  # fmt: skip


def load_or_build(
    records: Sequence[Mapping[str, object]],
    cache_dir: str | Path | None = None,
    key: str | None = None,
) -> GazetteerIndex:
    """The index of *records*, from ``cache_dir/<fingerprint>.idx`` when present, else built
    (and saved there when *cache_dir* is given). *key*: their fingerprint, if known."""
    key = key or fingerprint(records)
    if cache_dir is None:
        return GazetteerIndex.build(records, key)
    path = Path(cache_dir) / f"gazetteer-{key[:32]}.idx"
    index = GazetteerIndex.load(path)
    if index is not None and index.fingerprint == key:
        return index
    index = GazetteerIndex.build(records, key)
    index.save(path)
    return index


def _append(
    rows: dict[str, list],
    uprn: int,
    entry: Mapping[str, object],
    org: str,
    sid: int,
    postcode: str,
    is_parent: bool,
    is_alternative: bool,
    derived: bool = False,
) -> None:
    rows["uprn"].append(uprn)
    rows["derived"].append(derived)
    for k in ("flat", "number", "suffix", "end", "building"):
        rows[k].append(entry[k])
    rows["organisation"].append(org)
    rows["street"].append(sid)
    rows["postcode"].append(postcode)
    rows["is_parent"].append(is_parent)
    rows["is_alternative"].append(is_alternative)


#: Floor keys in building order (``FTOP`` and ``FX`` have no place in it).
_FLOOR_ORDER = {f"F{n}": n for n in range(-1, 7)}


def _name_top_floor(
    rows: dict[str, list], tops: list[int], floors: dict, middles: Sequence[int] = ()
) -> None:
    """A building whose units are the ``TOP FLOOR`` one and others on named floors below
    (BASEMENT, GROUND): its top floor is the next floor up (the first), found as such
    too (``F1``) when no unit is on that floor already. A ``MIDDLE`` unit between them
    (GROUND, MIDDLE, TOP FLOOR FLAT) is that next floor, and the top the one above it."""
    if not floors:
        return
    above = max(f for f, _ in floors.values()) + 1
    if middles:
        middle = next((k for k, v in _FLOOR_ORDER.items() if v == above and k != "FTOP"), None)
        if middle is None:
            return
        for i in middles:
            entry = {k: rows[k][i] for k in ("number", "suffix", "end", "building")}
            entry["flat"] = middle
            _append(rows, rows["uprn"][i], entry, rows["organisation"][i], rows["street"][i],
                    rows["postcode"][i], rows["is_parent"][i], False, True)  # fmt: skip
        above += 1
    key = next((k for k, v in _FLOOR_ORDER.items() if v == above and k != "FTOP"), None)
    if key is None:
        return
    for i in tops:
        _base, _, pos = rows["flat"][i].partition("/")
        entry = {k: rows[k][i] for k in ("number", "suffix", "end", "building")}
        entry["flat"] = f"{key}/{pos}" if pos else key
        _append(rows, rows["uprn"][i], entry, rows["organisation"][i], rows["street"][i],
                rows["postcode"][i], rows["is_parent"][i], False, True)  # fmt: skip


def _add_top_floors(rows: dict[str, list]) -> None:
    """``TOP FLOOR FLAT`` is the flat on the highest floor its building has: in each
    building (street, number, name) with flats on two or more floors and no unit called
    top floor, the units on the highest floor are found as ``FTOP`` too."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, flat in enumerate(rows["flat"]):
        if flat and not rows["is_alternative"][i]:
            key = (rows["street"][i], rows["number"][i], rows["suffix"][i], rows["end"][i],
                   rows["building"][i])  # fmt: skip
            groups[key].append(i)
    for members in groups.values():
        floors = {}
        tops = []
        middles = []
        for i in members:
            base, _, pos = rows["flat"][i].partition("/")
            if base == "FTOP":
                tops.append(i)
            elif base in _FLOOR_ORDER:
                floors[i] = (_FLOOR_ORDER[base], pos)
            elif rows["flat"][i] == "FX/MIDDLE":
                middles.append(i)
        if tops:
            _name_top_floor(rows, tops, floors, middles)
            continue
        if len({f for f, _ in floors.values()}) < 2:
            continue
        top = max(f for f, _ in floors.values())
        for i, (f, pos) in floors.items():
            if f == top:
                entry = {k: rows[k][i] for k in ("number", "suffix", "end", "building")}
                entry["flat"] = f"FTOP/{pos}" if pos else "FTOP"
                _append(rows, rows["uprn"][i], entry, rows["organisation"][i], rows["street"][i],
                        rows["postcode"][i], rows["is_parent"][i], False, True)  # fmt: skip


def _street_from_words(words: list[str], hint: Street | None = None) -> tuple[str, str]:
    """Street (name, type) in parsed words: the words up to the last street-type word."""
    if hint is not None and hint.full and hint.full in " ".join(words):
        return hint.name, hint.type
    places = {t for p in ((hint.locality, hint.town) if hint else ()) for t in p.split()}
    for i, word in enumerate(words[:-1]):
        if word in WELSH_STREET_TYPES and words[i + 1] not in places:
            # a Welsh street: its type comes first (LON BRACKEN, ALLT GLAS), kept as its name
            end = i + 2
            while end < len(words) and end - i < 4 and words[end] not in places:
                end += 1
            return " ".join(words[i:end]), ""
    for i in range(len(words) - 1, 0, -1):
        if is_street_type(words[i]):
            start = i - 1
            while start > 0 and not is_street_type(words[start - 1]) and i - start < 3:
                start -= 1
            return " ".join(words[start:i]), words[i]
    return "", ""


def _entry_from_parse(
    parsed, name: str, stype: str, locality: str, town: str, org: str = ""
) -> dict[str, object]:
    """Entry fields of an address known only as text (an alternative LPI, a foreign layer);
    the organisation *org* the text starts with is not part of the building's name."""
    reading = parsed.readings[0]
    drop = set(f"{name} {stype} {locality} {town}".split())
    segments = [seg.split() for seg in parsed.segments]
    if len(segments) > 1:
        # written with commas: a part all of whose words are the street's, locality's or
        # town's is one of them; any other part is kept whole (HOLLY FARM, LON HOLLY)
        words = [w for seg in segments if not drop.issuperset(seg) for w in seg]
    else:
        words = [w for w in parsed.words if w not in drop]
    org_toks = org.split()
    if org_toks and words[: len(org_toks)] == org_toks:
        words = words[len(org_toks) :]
    building = " ".join(words)
    return {
        "flat": reading.flat,
        "number": reading.number if reading.number is not None else -1,
        "suffix": reading.suffix,
        "end": reading.end if reading.end is not None else -1,
        "building": building,
    }
