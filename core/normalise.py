"""UK address text → upper-case tokens with abbreviations expanded and unit-word typos fixed.

The same normalisation runs on gazetteer and record text, so both sides meet in one
vocabulary: ``St Mary's Rd`` → ``ST MARYS ROAD``; ``High St`` → ``HIGH STREET``; ``Falt 2``
→ ``FLAT 2``; ``Grd Flr`` → ``GROUND FLOOR``. Never raises: any text (or None) gives a list.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

#: Street-type words (full form) and their usual abbreviations.
STREET_TYPES: dict[str, tuple[str, ...]] = {
    "ROAD": ("RD",),
    "STREET": ("STR",),
    "AVENUE": ("AVE", "AV", "AVN"),
    "CLOSE": ("CL", "CLS"),
    "LANE": ("LN",),
    "DRIVE": ("DR", "DRV"),
    "GARDENS": ("GDNS", "GDN", "GARDEN", "GRDNS"),
    "GROVE": ("GR", "GRV"),
    "CRESCENT": ("CRES", "CRESC", "CRS"),
    "PLACE": ("PL",),
    "TERRACE": ("TER", "TERR", "TCE"),
    "SQUARE": ("SQ",),
    "COURT": ("CT", "CRT"),
    "PARADE": ("PDE",),
    "WALK": ("WK",),
    "MEWS": ("MWS",),
    "HILL": ("HL",),
    "PARK": ("PK",),
    "WAY": ("WY",),
    "VIEW": ("VW",),
    "RISE": (),
    "GREEN": ("GRN", "GN"),
    "ROW": (),
    "YARD": ("YD",),
    "BOULEVARD": ("BLVD",),
    "PASSAGE": (),
    "WHARF": (),
    "QUAY": (),
    "CHASE": (),
    "DENE": (),
    "END": (),
    "FIELDS": (),
    "BANK": (),
    "BROW": (),
    "CROFT": (),
    "GATE": (),
    "VALE": (),
    "WALKWAY": (),
    "APPROACH": ("APP",),
    "ESPLANADE": ("ESP",),
}
#: Other words with common short forms.
OTHER_WORDS: dict[str, tuple[str, ...]] = {
    "HOUSE": ("HSE", "HO"),
    "COTTAGE": ("COTT", "CTGE", "COTTS"),
    "COTTAGES": ("COTTS",),
    "LODGE": ("LDG",),
    "MANOR": ("MNR",),
    "NORTH": ("NTH",),
    "SOUTH": ("STH",),
    "UPPER": ("UPR",),
    "LOWER": ("LWR",),
    "GREAT": ("GT",),
    "LITTLE": ("LT", "LTL"),
    "BUILDINGS": ("BLDGS", "BLDG"),
    "APARTMENTS": ("APTS",),
    "MANSIONS": ("MANS",),
    "INDUSTRIAL": ("IND",),
    "ESTATE": ("EST",),
    "CENTRE": ("CTR", "CENTER"),
    "FARM": ("FM",),
    "MOUNT": ("MT",),
    "TOWER": ("TWR",),
    "POINT": ("PT",),
    "AND": ("&",),
}
#: Unit, floor and position words: canonical form → typed variants seen in records.
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "FLAT": ("FLT", "FLT.", "FALT", "FLATT", "FLAAT", "FLA"),
    "APARTMENT": ("APT", "APPT", "APARTMENT", "APPARTMENT", "APARTMNT", "APPT."),
    "UNIT": ("UNT",),
    "ROOM": ("RM",),
    "STUDIO": (),
    "MAISONETTE": ("MAIS", "MAISONNETTE"),
    "SUITE": (),
    "FLOOR": ("FLR", "FLOR", "FLOOOR", "FL"),
    "GROUND": ("GRD", "GND", "GRND", "GROUD", "GRROUND", "GROUN"),
    "BASEMENT": ("BSMT", "BASMENT", "BASEMNT", "BSMNT"),
    "FIRST": ("1ST", "FRST", "FISRT"),
    "SECOND": ("2ND", "SCND", "SECND"),
    "THIRD": ("3RD",),
    "FOURTH": ("4TH",),
    "FIFTH": ("5TH",),
    "SIXTH": ("6TH",),
    "TOP": (),
}
_FUZZY_UNIT = ("FLAT", "APARTMENT", "FLOOR", "GROUND", "BASEMENT", "MAISONETTE", "STUDIO")

_ABBREV: dict[str, str] = {}
for _table in (STREET_TYPES, OTHER_WORDS, UNIT_WORDS):
    for _full, _shorts in _table.items():
        _ABBREV[_full] = _full
        for _short in _shorts:
            _ABBREV.setdefault(_short, _full)
_ABBREV["SAINT"] = "ST"
_ABBREV["APARTMENT"] = "FLAT"  # unit words that name the same thing
_ABBREV["APT"] = "FLAT"
_ABBREV["APPT"] = "FLAT"
_ABBREV["APPARTMENT"] = "FLAT"
_ABBREV["APARTMNT"] = "FLAT"

#: Floor-flat shorthands: ``GFF`` = ground floor flat, and so on.
FLOOR_SHORTHAND: dict[str, tuple[str, ...]] = {
    "GFF": ("GROUND", "FLOOR", "FLAT"),
    "FFF": ("FIRST", "FLOOR", "FLAT"),
    "SFF": ("SECOND", "FLOOR", "FLAT"),
    "TFF": ("TOP", "FLOOR", "FLAT"),
    "GF": ("GROUND", "FLOOR"),
    "FF": ("FIRST", "FLOOR"),
    "SF": ("SECOND", "FLOOR"),
    "LGF": ("LOWER", "GROUND", "FLOOR"),
}

_STREET_TYPE_SET = frozenset(STREET_TYPES)
_PUNCT = re.compile(r"[^A-Z0-9,/\-. ]+")
_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")
_DIGIT_DASH = re.compile(r"(?<=\d)\s*-\s*(?=\d)|(?<=\d[A-Z])\s*-\s*(?=\d)")
_DIGIT_TO = re.compile(r"(?<=\d)\s+TO\s+(?=\d)")
_DIGIT_SLASH = re.compile(r"(?<=\d)\s*/\s*(?=\d)")
_NUM_LETTER = re.compile(r"^(\d+)([A-Z])$")
_UNIT_STUCK = re.compile(r"^(FLAT|FLT|APT|APARTMENT|UNIT|RM|ROOM)(\d{1,4}[A-Z]?)$")
#: A flat letter typed onto its unit word (``FLATB``): letters A-H only, so that no word
#: (``FLATS``) is split.
_FLAT_LETTER_STUCK = re.compile(r"^(FLAT|FLT|APT)([A-H])$")


#: Welsh street-type words, written before the street's name (``LON BRACKEN``, ``FFORDD
#: ALDER``, ``ALLT GLAS``), as Welsh LPIs spell them.
WELSH_STREET_TYPES = frozenset(
    {"FFORDD", "HEOL", "STRYD", "LON", "ALLT", "TERAS", "CLOS", "CILGANT", "RHODFA", "LLWYBR",
     "CWRT", "SGWAR", "RHES"}
)  # fmt: skip


def is_street_type(token: str) -> bool:
    """True for a full street-type word such as ``ROAD`` or ``GARDENS``."""
    return token in _STREET_TYPE_SET


#: A dash or slash not between digits (it separates words).
_LONE_DASH = re.compile(r"(?<!\d)(?<!\d[A-Z])[-/]|[-/](?!\d)")


def clean(text: object) -> str:
    """Upper case ASCII with apostrophes and full stops removed and ``&`` spelled ``AND``.

    Commas stay as separators; ``/``, ``-`` and ``.`` stay between digits (``2/10``,
    ``12-14``, ``4.5.3``); other punctuation becomes a space.
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    if text.isascii():  # NFKD and the ASCII round trip leave ASCII text as it is
        text = text.upper()
    else:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        text = text.upper()
    text = text.replace("'", "").replace("`", "").replace("&", " AND ")
    if "." in text:  # a full stop between digits stays: 4.5.3, 14.12 (unit ids)
        text = _DOT.sub(" ", text)
    if " TO " in text:  # 1 TO 3 HIGH STREET: the range 1-3
        text = _DIGIT_TO.sub("-", text)
    if "/" in text:
        text = _DIGIT_SLASH.sub("/", text)
    if "-" in text:
        text = _DIGIT_DASH.sub("-", text)
    text = text.replace(";", ",").replace("\n", ",").replace("\t", " ")
    text = _PUNCT.sub(" ", text)
    if "-" in text or "/" in text:  # dashes and slashes not between digits separate words
        text = _LONE_DASH.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def _fix_word(token: str) -> str:
    """Expand an abbreviation or fix a one-slip typo in a unit/floor word; else the token."""
    if token in _ABBREV:
        return _ABBREV[token]
    if len(token) >= 5 and token.isalpha():
        for word in _FUZZY_UNIT:
            if abs(len(word) - len(token)) <= 1 and DamerauLevenshtein.distance(token, word) <= 1:
                return "FLAT" if word == "APARTMENT" else word
    return token


def _saint_or_street(prev: str | None, following: list[str]) -> str:
    """``ST`` after a word is Street, unless a street type follows (Rose Cottage St Johns Rd)."""
    if prev is None or not prev.isalpha() or prev in UNIT_WORDS or prev == "FLAT":
        return "ST"
    if any(_fix_word(t) in _STREET_TYPE_SET for t in following[:3]):
        return "ST"
    return "STREET"


#: Welsh unit and floor words (a Welsh LPI or record: ``FFLAT LLAWR GWAELOD`` is the
#: ground floor flat), read as their English forms so both languages give one unit key.
WELSH_UNIT_PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("FFLAT",): ("FLAT",),
    ("UNED",): ("UNIT",),
    ("LLAWR", "GWAELOD"): ("GROUND", "FLOOR"),
    ("LLAWR", "CYNTAF"): ("FIRST", "FLOOR"),
    ("AIL", "LAWR"): ("SECOND", "FLOOR"),
    ("AIL", "LLAWR"): ("SECOND", "FLOOR"),
    ("TRYDYDD", "LLAWR"): ("THIRD", "FLOOR"),
    ("LLAWR", "UCHAF"): ("TOP", "FLOOR"),
    ("ISLAWR",): ("BASEMENT",),
}
_WELSH_FIRST = frozenset(k[0] for k in WELSH_UNIT_PHRASES)


def _welsh_units(toks: list[str]) -> list[str]:
    """*toks* with Welsh unit and floor phrases in English (``WELSH_UNIT_PHRASES``)."""
    if _WELSH_FIRST.isdisjoint(toks):
        return toks
    out: list[str] = []
    i = 0
    while i < len(toks):
        for size in (2, 1):
            phrase = WELSH_UNIT_PHRASES.get(tuple(toks[i : i + size]))
            if phrase is not None:
                out.extend(phrase)
                i += size
                break
        else:
            out.append(toks[i])
            i += 1
    return out


#: Two unit or floor words typed together (``TOP FLOORFLAT``, ``GROUNDFLOOR FLAT``).
_JOINED_UNIT = re.compile(
    r"(GROUND|BASEMENT|FIRST|SECOND|THIRD|TOP|FLOOR|REAR|FRONT|UPPER|LOWER|MIDDLE|GARDEN)"
    r"(FLOORS|FLOOR|FLAT|MAISONETTE)"
)
#: Floor words a slip may hide right before ``FLOOR`` (``FIST FLOOR``), and position words
#: of five letters or more it may hide right after ``<floor> FLOOR`` (``GROUND FLOOR FZONT
#: FLAT``): read as the one such word a single slip away (``_floor_slips``).
_SLIP_FLOORS = ("GROUND", "FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH")
_SLIP_POSITIONS = ("FRONT", "RIGHT", "MIDDLE")


def _one_slip(token: str, words: tuple[str, ...]) -> str:
    """The one word of *words* that *token* (not itself one) is a single slip from; ""
    when none or more than one is."""
    if not token.isalpha() or len(token) < 4 or token in words:
        return ""
    near = [
        w
        for w in words
        if abs(len(w) - len(token)) <= 1 and DamerauLevenshtein.distance(token, w) <= 1
    ]
    return near[0] if len(near) == 1 else ""


#: Unit words a record may type split in two (``BASE MENT``), by their first part: the
#: two parts read as the word when they make it (first part 3+ letters, second 2+).
_SPLIT_UNITS = ("BASEMENT", "GROUND", "MAISONETTE", "APARTMENT")
_SPLIT_HEADS = {w[:k]: w for w in _SPLIT_UNITS for k in range(3, len(w) - 1)}


def _split_units(toks: list[str]) -> list[str]:
    """``BASE MENT FLAT`` → ``BASEMENT FLAT``: a unit word typed with a space inside."""
    out: list[str] = []
    i = 0
    while i < len(toks):
        whole = _SPLIT_HEADS.get(toks[i])
        if whole and i + 1 < len(toks) and toks[i] + toks[i + 1] == whole:
            out.append(whole)
            i += 2
            continue
        out.append(toks[i])
        i += 1
    return out


def _floor_slips(toks: list[str]) -> list[str]:
    """Floor phrases with a slip in their floor or position word read as written without
    it: ``FIST FLOOR REAR`` → ``FIRST FLOOR REAR``, ``GROUND FLOOR FZONT FLAT`` → ``GROUND
    FLOOR FRONT FLAT``. Only next to ``FLOOR``: elsewhere such a word may be a name."""
    out = list(toks)
    for i, tok in enumerate(out):
        if tok != "FLOOR":
            continue
        if i > 0:
            out[i - 1] = _one_slip(out[i - 1], _SLIP_FLOORS) or out[i - 1]
        if i > 0 and i + 1 < len(out) and out[i - 1] in _SLIP_FLOORS:
            out[i + 1] = _one_slip(out[i + 1], _SLIP_POSITIONS) or out[i + 1]
    return out


@lru_cache(maxsize=65536)
def _split_word(tok: str) -> tuple[str, ...] | None:
    """The words that cleaned word *tok* stands for when it is two typed together, else
    None (kept per word: words repeat from record to record)."""
    m = _UNIT_STUCK.match(tok) if tok[0] in "FARU" and not tok.isalpha() else None
    if m is None and tok[0] in "FA" and len(tok) in (4, 5):
        m = _FLAT_LETTER_STUCK.match(tok)
    if m:  # FLT10, APT3B, RM5, FLATB: the unit word and its id typed together
        return m.groups()
    if tok in FLOOR_SHORTHAND:
        return FLOOR_SHORTHAND[tok]
    joined = _JOINED_UNIT.fullmatch(tok)
    if joined:  # FLOORFLAT, GROUNDFLOOR: two unit words typed as one
        return joined.groups()
    return None


@lru_cache(maxsize=65536)
def _fixed_words(tok: str) -> tuple[str, ...]:
    """Cleaned word *tok* as normalised words (``_split_word``, then ``_fix_word`` each)
    where no neighbour changes its reading: no ``ST`` and no Welsh unit word in the text
    (the words it splits into are neither). Kept per word."""
    parts = _split_word(tok)
    return tuple(_fix_word(p) for p in (parts if parts is not None else (tok,)))


def tokens(text: object) -> list[str]:
    """Normalised tokens of *text*, with ``,`` kept as a separator token.

    >>> tokens("Flat 2, St Mary's Ct, 10 High St")
    ['FLAT', '2', ',', 'ST', 'MARYS', 'COURT', ',', '10', 'HIGH', 'STREET']
    """
    raw = clean(text).replace(",", " , ").split()
    out: list[str] = []
    if "ST" not in raw and _WELSH_FIRST.isdisjoint(raw):
        # (most text: no word reads by its neighbours, each is read alone, once per word)
        for tok in raw:
            if tok == ",":
                if out and out[-1] != ",":
                    out.append(",")
                continue
            out.extend(_fixed_words(tok))
    else:
        expanded: list[str] = []
        for tok in raw:
            parts = _split_word(tok)
            if parts is None:
                expanded.append(tok)
            else:
                expanded.extend(parts)
        expanded = _welsh_units(expanded)
        for i, tok in enumerate(expanded):
            if tok == ",":
                if out and out[-1] != ",":
                    out.append(",")
                continue
            if tok == "ST":
                prev = out[-1] if out and out[-1] != "," else None
                out.append(_saint_or_street(prev, expanded[i + 1 :]))
                continue
            out.append(_fix_word(tok))
    while out and out[-1] == ",":
        out.pop()
    while out and out[0] == ",":
        out.pop(0)
    if not _SPLIT_HEADS.keys().isdisjoint(out):
        out = _split_units(out)
    if "FLOOR" in out:
        out = _floor_slips(out)
    return out


def normalise(text: object) -> str:
    """Normalised single-line text without separators: ``10 High St.`` → ``10 HIGH STREET``."""
    if isinstance(text, str):
        return _normalise_str(text)
    return _normalise_str(clean(text))


@lru_cache(maxsize=200_000)
def _normalise_str(text: str) -> str:
    # Read again without its separators until nothing changes, so that normalised text is
    # a fixed point: a Saint ``ST`` after a comma (``&, ST``) or spelled ``SAINT`` reads as
    # Street once the comma is gone, and must read the same on every later pass.
    out = " ".join(t for t in tokens(text) if t != ",")
    for _ in range(4):
        again = " ".join(tokens(out))
        if again == out:
            break
        out = again
    return out


def split_number(token: str) -> tuple[int, str] | None:
    """``12`` → (12, ''); ``12A`` → (12, 'A'); anything else → None."""
    if token.isdecimal():
        return int(token), ""
    m = _NUM_LETTER.match(token)
    return (int(m.group(1)), m.group(2)) if m else None
