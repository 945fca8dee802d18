"""The benchmark hands ``address-errors`` each floor-named unit's floor level (OS NGD's
``floorlevel``), so a floor the library writes for the unit is the unit's own floor, in
its own words, not one drawn at random (``SECOND FLOOR REAR`` for GROUND FLOOR REAR)."""

from __future__ import annotations

from placelink.bench.matching.gazetteer import floor_levels, to_components

from .factory import address_maker

_addr = address_maker(
    street_description="ELM ROAD", town="LONDON", postcode="E1 1AA", classification="RD06",
    usrn=1, x=0.0, y=0.0,
)  # fmt: skip

#: (uprn, SAO text, house number, parent UPRN)
UNITS = (
    (2, "BASEMENT", 7, 1), (3, "GROUND FLOOR REAR", 7, 1), (4, "FIRST FLOOR", 7, 1),
    (5, "TOP FLOOR", 7, 1), (6, "FIRST AND SECOND FLOORS", 9, None),
    (7, "TOP FLOOR FLAT", 11, None), (8, "FLAT 3", 13, None), (9, "UPPER MAISONETTE", 15, None),
    (10, "GROUND FLOOR FLAT", 17, None), (11, "MIDDLE FLAT", 17, None),
    (12, "TOP FLOOR FLAT", 17, None),
)  # fmt: skip
HOUSE = [_addr(1, pao_start_number=7)] + [
    _addr(uprn, sao_text=text, pao_start_number=number, parent_uprn=parent)
    for uprn, text, number, parent in UNITS
]


def test_each_floor_named_unit_has_its_floor_level() -> None:
    assert floor_levels(HOUSE) == {
        **{2: "-1", 3: "0", 4: "1", 5: "2", 6: "1,2", 7: "1"},
        **{10: "0", 11: "1", 12: "2"},  # the middle flat between the ground and the top
    }


def test_the_components_table_carries_the_level() -> None:
    rows = {int(r["uprn"]): r for r in to_components(HOUSE)}
    assert (rows[3]["floorlevel"], rows[8]["floorlevel"], rows[1]["floorlevel"]) == ("0", "", "")
