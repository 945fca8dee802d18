"""A second synthetic council, written independently of ``gazetteer.py``, with the address
conventions that generator does not write (issue 11): floor and position flats (GROUND
FLOOR FRONT FLAT, FIRST FLOOR REAR, LEFT/RIGHT, UPPER/LOWER maisonettes, TOP FLOOR,
BASEMENT, GARDEN FLAT, FIRST AND SECOND FLOORS), number ranges and flats in ranges, one
street name in several localities of one town, farms and cottages with no number, named
sub-buildings, business units and organisations, Welsh/English LPI pairs (``language`` plus
``alternatives`` as the canonical layer holds them), LAND AT / REAR OF, building names with
street words (WESTON COURT).

``build_council2(target, seed)`` returns canonical address records (DESIGN.md schema), the
same interface as ``gazetteer.build_council``; deterministic for a seed.
"""

from __future__ import annotations

import random

from placelink.core.address_text import format_address
from placelink.core.alternatives import format_alternatives

_STEMS = (
    "ALDER", "BRACKEN", "CEDAR", "DOVER", "ELM", "FOXGLOVE", "GRANGE", "HAWTHORN", "IVY",
    "JUNIPER", "KESTREL", "LARCH", "MAPLE", "NEWTON", "ORCHARD", "PRIORY", "QUEENS", "ROWAN",
    "SALISBURY", "TUDOR", "UPLAND", "VICTORIA", "WESTON", "YEW", "ABBEY", "BEACON", "CASTLE",
    "DEAN", "EASTFIELD", "FERN", "GLEBE", "HOLLY", "KINGS", "LINDEN", "MILL", "NORTHGATE",
    "OAKLANDS", "PARK", "RIVERSIDE", "STATION", "THORN", "WILLOW", "ASHBY", "BRIAR", "COPPICE",
    "DRAKE", "FAIRFIELD", "GREEN", "HEATHER", "LAUREL", "MEADOW", "NELSON", "PEMBROKE",
    "REGENT", "SPRING", "TANNERY", "VALE", "WINDSOR", "BIRCH", "CHAPEL",
)  # fmt: skip
_TYPES = ("ROAD", "STREET", "LANE", "AVENUE", "CLOSE", "DRIVE", "WAY", "GARDENS", "CRESCENT",
          "TERRACE", "PLACE", "GROVE", "HILL", "COURT", "WALK", "RISE", "MEWS", "ROW")  # fmt: skip
#: Welsh street-type words for the bilingual (Welsh/English) part of the council.
_WELSH_TYPES = {"ROAD": "FFORDD", "STREET": "STRYD", "LANE": "LON", "HILL": "ALLT",
                "TERRACE": "TERAS", "CLOSE": "CLOS"}  # fmt: skip
_WELSH_STEMS = {"CHAPEL": "CAPEL", "CASTLE": "CASTELL", "MILL": "MELIN", "CHURCH": "EGLWYS",
                "STATION": "GORSAF", "GREEN": "GLAS", "PARK": "PARC", "HILL": "BRYN"}  # fmt: skip
_TOWNS = ("ABERNANT", "BROCKLEY", "CALDERBRIDGE")
_LOCALITIES = {
    "ABERNANT": ("PENRHOS", "LLANFAIR", "TREFOR"),
    "BROCKLEY": ("UPPER BROCKLEY", "NETHER END", "HOLME", "STANTON"),
    "CALDERBRIDGE": ("WESTFIELD", "SOUTH MOOR", "KIRKBY GREEN"),
}
_WELSH_TOWN = "ABERNANT"
_AREAS = {"ABERNANT": "LL", "BROCKLEY": "BK", "CALDERBRIDGE": "CB"}
_HOUSE_NAMES = (
    "ROSE COTTAGE", "IVY COTTAGE", "THE OLD RECTORY", "ROCKLEIGH", "BISHOPS LODGE",
    "THE GRANARY", "WHITEGATES", "FERNBANK", "BRYN AWEL", "TY GWYN", "HILLCREST", "THE HAVEN",
    "ORCHARD HOUSE", "THE BARN", "SUNNYSIDE", "APPLE HOUSE", "APPLE AUCTION HOUSE", "MEADOWVIEW",
)  # fmt: skip
_BLOCK_NAMES = ("WESTON COURT", "GREEN PLACE", "MERCIA HOUSE", "KINGFISHER COURT",
                "ALBION WORKS", "THE MALTINGS", "PARK VIEW", "STATION HOUSE")  # fmt: skip
_SUB_BUILDINGS = ("EAST WING", "WEST WING", "THE COACH HOUSE", "THE STABLES", "ANNEXE")
_ORGS = ("BROCKLEY DENTAL PRACTICE", "ACME ENGINEERING LTD", "THE CORNER CAFE",
         "NORTHERN LIGHTS HAIR", "HOPE CHURCH", "FIRST STOP PHARMACY", "GREEN LEAF NURSERY",
         "CASTLE VETS", "RAPID PRINT LTD", "KINGS ARMS")  # fmt: skip
#: Floor/position flat names of converted houses, by layout.
_FLOOR_LAYOUTS = (
    ("GROUND FLOOR FLAT", "FIRST FLOOR FLAT"),
    ("GROUND FLOOR FLAT", "FIRST FLOOR FLAT", "SECOND FLOOR FLAT"),
    ("GROUND FLOOR FRONT FLAT", "GROUND FLOOR REAR FLAT", "FIRST FLOOR FLAT"),
    ("GROUND FLOOR FRONT", "GROUND FLOOR REAR", "FIRST FLOOR FRONT", "FIRST FLOOR REAR"),
    ("LEFT FLAT", "RIGHT FLAT"),
    ("GROUND FLOOR LEFT", "GROUND FLOOR RIGHT", "FIRST FLOOR LEFT", "FIRST FLOOR RIGHT"),
    ("LOWER MAISONETTE", "UPPER MAISONETTE"),
    ("BASEMENT FLAT", "GROUND FLOOR FLAT", "TOP FLOOR FLAT"),
    ("GARDEN FLAT", "FIRST AND SECOND FLOORS"),
    ("BASEMENT", "GROUND FLOOR", "FIRST FLOOR", "TOP FLOOR"),
    ("GROUND FLOOR FLAT", "MIDDLE FLAT", "TOP FLOOR FLAT"),
)


class _Council:
    """Accumulates records; one instance per build."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.records: list[dict[str, object]] = []
        self.next_uprn = 200_000_000_000 + seed * 1_000_000
        self.next_usrn = 40_000_000 + seed * 10_000
        self.unit = {t: 0 for t in _TOWNS}
        self.used_units: set[str] = set()

    def uprn(self) -> int:
        self.next_uprn += self.rng.randint(1, 7)
        return self.next_uprn

    def postcode(self, town: str, district: int) -> str:
        """A new postcode unit in *town*'s district (≈ 12 addresses share one)."""
        while True:
            sector = self.rng.randint(1, 9)
            unit = self.rng.choice("ABDEFGHJLNPQRSTUWXYZ") + self.rng.choice("ABDEFGHJLNPQRSTUWXYZ")
            code = f"{_AREAS[town]}{district} {sector}{unit}"
            if code not in self.used_units:
                self.used_units.add(code)
                return code

    def add(
        self, street: dict[str, object], postcode: str, xy: tuple[float, float], **parts: object
    ) -> int:
        rec: dict[str, object] = {
            "uprn": self.uprn(), "parent_uprn": None, "usrn": street["usrn"],
            "sao_start_number": None, "sao_start_suffix": None, "sao_end_number": None,
            "sao_end_suffix": None, "sao_text": None, "pao_start_number": None,
            "pao_start_suffix": None, "pao_end_number": None, "pao_end_suffix": None,
            "pao_text": None, "street_description": street["name"],
            "locality": street["locality"], "town": street["town"],
            "administrative_area": "BROCKLEY COUNTY", "postcode": postcode,
            "classification": "RD04", "logical_status": 1, "blpu_state": 2, "language": "ENG",
            "organisation": None, "alternatives": None, "source": "gazetteer2",
            "x": round(xy[0], 1), "y": round(xy[1], 1),
        }  # fmt: skip
        rec.update(parts)
        rec["address"] = format_address(rec)
        if street.get("welsh"):
            welsh = dict(rec)
            welsh.update(street_description=street["welsh"], locality=street.get("welsh_locality"))
            if welsh.get("sao_text"):
                welsh["sao_text"] = _cymraeg(str(welsh["sao_text"]))
            rec["alternatives"] = format_alternatives([("LPI1/CYM", format_address(welsh))])
        self.records.append(rec)
        return int(rec["uprn"])  # type: ignore[arg-type]


def _cymraeg(text: str) -> str:
    """The Welsh form of a unit name (FLAT 2 → FFLAT 2, GROUND FLOOR FLAT → FFLAT LLAWR
    GWAELOD); other names are kept as written."""
    floors = {"GROUND FLOOR": "LLAWR GWAELOD", "FIRST FLOOR": "LLAWR CYNTAF",
              "SECOND FLOOR": "AIL LAWR", "TOP FLOOR": "LLAWR UCHAF"}  # fmt: skip
    for english, welsh in floors.items():
        if text.startswith(english):
            rest = text[len(english) :].strip()
            return " ".join(p for p in ("FFLAT" if "FLAT" in rest else "", welsh) if p)
    words = {"FLAT": "FFLAT", "UNIT": "UNED"}
    return " ".join(words.get(w, w) for w in text.split())


def _streets(rng: random.Random, seed: int, n_streets: int) -> list[dict[str, object]]:
    streets: list[dict[str, object]] = []
    usrn = 40_000_000 + seed * 10_000
    names: set[tuple[str, str, str]] = set()
    repeated = [
        f"{s} {t}"
        for s, t in zip(_STEMS[:6], ("ROAD", "LANE", "STREET", "CLOSE", "HILL", "TERRACE"))
    ]
    while len(streets) < n_streets:
        town = rng.choice(_TOWNS)
        if len(streets) < 3 * len(repeated):  # one street name in several localities of a town
            name = repeated[len(streets) // 3]
            locality = _LOCALITIES[town][len(streets) % 3]
        else:
            name = f"{rng.choice(_STEMS)} {rng.choice(_TYPES)}"
            locality = rng.choice((*_LOCALITIES[town], "", ""))
        if (name, locality, town) in names:
            continue
        names.add((name, locality, town))
        usrn += 1
        st: dict[str, object] = {"usrn": usrn, "name": name, "locality": locality, "town": town,
                                 "district": 1 + len(streets) % 4,
                                 "x": 300_000 + rng.uniform(0, 20_000),
                                 "y": 250_000 + rng.uniform(0, 20_000)}  # fmt: skip
        stem, stype = name.rsplit(" ", 1)
        if town == _WELSH_TOWN and stype in _WELSH_TYPES:
            st["welsh"] = f"{_WELSH_TYPES[stype]} {_WELSH_STEMS.get(stem, stem)}"
            st["welsh_locality"] = locality
        streets.append(st)
    return streets


def build_council2(target: int = 40_000, seed: int = 1) -> list[dict[str, object]]:
    """About *target* canonical address records of an invented three-town council."""
    c = _Council(seed)
    rng = c.rng
    streets = _streets(rng, seed, max(20, target // 45))
    while len(c.records) < target:
        for st in streets:
            if len(c.records) >= target:
                break
            _fill_street(c, st)
    return c.records[:target] if len(c.records) > target else c.records


def _fill_street(c: _Council, st: dict[str, object]) -> None:
    rng = c.rng
    town = str(st["town"])
    postcode = c.postcode(town, int(st["district"]))  # type: ignore[arg-type]
    in_unit = 0
    number = 1 + 2 * rng.randint(0, 3)
    x, y = float(st["x"]), float(st["y"])  # type: ignore[arg-type]
    for _ in range(rng.randint(14, 40)):
        if in_unit >= 12:
            postcode, in_unit = c.postcode(town, int(st["district"])), 0  # type: ignore[arg-type]
        x, y = x + rng.uniform(5, 12), y + rng.uniform(-3, 3)
        kind = rng.random()
        xy = (x, y)
        if kind < 0.48:  # a house
            suffix = "A" if rng.random() < 0.04 else None
            c.add(st, postcode, xy, pao_start_number=number, pao_start_suffix=suffix)
            in_unit += 1
        elif kind < 0.62:  # a converted house: a parent shell and floor/position flats
            in_unit += _converted(c, st, postcode, xy, number)
        elif kind < 0.68:  # a range (48-50), sometimes with numbered flats in it
            end = number + 2 * rng.randint(1, 3)
            if rng.random() < 0.5:
                c.add(st, postcode, xy, pao_start_number=number, pao_end_number=end,
                      classification="CR01", organisation=rng.choice(_ORGS))  # fmt: skip
                in_unit += 1
            else:
                parent = c.add(st, postcode, xy, pao_start_number=number, pao_end_number=end,
                               classification="PP")  # fmt: skip
                for flat in range(1, rng.randint(3, 8)):
                    c.add(st, postcode, xy, parent_uprn=parent, sao_text="FLAT",
                          sao_start_number=flat, pao_start_number=number,
                          pao_end_number=end)  # fmt: skip
                    in_unit += 1
            number = end
        elif kind < 0.75:  # a named block (WESTON COURT, GREEN PLACE) with numbered flats
            in_unit += _block(c, st, postcode, xy, number)
        elif kind < 0.82:  # a named house with a number, or a named house with sub-buildings
            name = rng.choice(_HOUSE_NAMES)
            if rng.random() < 0.25:
                parent = c.add(st, postcode, xy, pao_text=name, classification="PP")
                for sub in rng.sample(_SUB_BUILDINGS, 2):
                    c.add(st, postcode, xy, parent_uprn=parent, sao_text=sub, pao_text=name)
                    in_unit += 1
            else:
                c.add(st, postcode, xy, pao_text=name, pao_start_number=number)
                in_unit += 1
        elif kind < 0.88:  # business units on an estate
            estate = f"{rng.choice(_STEMS)} BUSINESS PARK"
            for unit in range(1, rng.randint(3, 7)):
                org = rng.choice(_ORGS) if rng.random() < 0.6 else None
                c.add(st, postcode, xy, sao_text="UNIT", sao_start_number=unit, pao_text=estate,
                      classification="CI03", organisation=org)  # fmt: skip
                in_unit += 1
        elif kind < 0.91:  # a shop with an organisation, with a flat above
            parent = c.add(st, postcode, xy, pao_start_number=number, classification="PP")
            c.add(st, postcode, xy, parent_uprn=parent, sao_text="GROUND FLOOR",
                  pao_start_number=number, classification="CR01",
                  organisation=rng.choice(_ORGS))  # fmt: skip
            c.add(st, postcode, xy, parent_uprn=parent, sao_text="FIRST FLOOR FLAT",
                  pao_start_number=number)  # fmt: skip
            in_unit += 2
        elif kind < 0.96:  # a farm or cottage with no number (a rural part of the street)
            name = rng.choice(("FARM", "COTTAGE", "FARMHOUSE"))
            pao = f"{rng.choice(_STEMS)} {name}"
            c.add(st, postcode, xy, pao_text=pao)
            if rng.random() < 0.3:
                c.add(
                    st,
                    postcode,
                    xy,
                    pao_text=f"{pao} COTTAGE" if name != "COTTAGE" else f"{pao} BARN",
                )
            in_unit += 1
            continue  # no number used
        elif kind < 0.98:  # land and rear-of descriptions
            text = rng.choice(("LAND AT", "REAR OF", "LAND TO REAR OF", "GARAGES REAR OF"))
            c.add(st, postcode, xy, pao_text=f"{text} {number}", classification="LA01")
        else:  # flat letter above a suffix house: FLAT A, 84 beside 84A
            parent = c.add(st, postcode, xy, pao_start_number=number, classification="PP")
            for letter in ("A", "B"):
                c.add(st, postcode, xy, parent_uprn=parent, sao_text="FLAT",
                      sao_start_suffix=letter, pao_start_number=number)  # fmt: skip
            in_unit += 2
        number += 2


def _converted(
    c: _Council, st: dict[str, object], postcode: str, xy: tuple[float, float], number: int
) -> int:
    rng = c.rng
    layout = rng.choice(_FLOOR_LAYOUTS)
    parent = c.add(st, postcode, xy, pao_start_number=number, classification="PP")
    for name in layout:
        c.add(st, postcode, xy, parent_uprn=parent, sao_text=name, pao_start_number=number)
    return len(layout)


def _block(
    c: _Council, st: dict[str, object], postcode: str, xy: tuple[float, float], number: int
) -> int:
    rng = c.rng
    name = rng.choice(_BLOCK_NAMES)
    numbered = rng.random() < 0.5
    parent = c.add(st, postcode, xy, pao_text=name, pao_start_number=number if numbered else None,
                   classification="PP")  # fmt: skip
    flats = rng.randint(4, 12)
    for flat in range(1, flats + 1):
        c.add(st, postcode, xy, parent_uprn=parent, sao_text="FLAT", sao_start_number=flat,
              pao_text=name, pao_start_number=number if numbered else None)  # fmt: skip
    return flats
