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

HOUSE = [
    _addr(1, pao_start_number=7),
    _addr(2, sao_text="BASEMENT", pao_start_number=7, parent_uprn=1),
    _addr(3, sao_text="GROUND FLOOR REAR", pao_start_number=7, parent_uprn=1),
    _addr(4, sao_text="FIRST FLOOR", pao_start_number=7, parent_uprn=1),
    _addr(5, sao_text="TOP FLOOR", pao_start_number=7, parent_uprn=1),
    _addr(6, sao_text="FIRST AND SECOND FLOORS", pao_start_number=9),
    _addr(7, sao_text="TOP FLOOR FLAT", pao_start_number=11),
    _addr(8, sao_text="FLAT 3", pao_start_number=13),
    _addr(9, sao_text="UPPER MAISONETTE", pao_start_number=15),
    _addr(10, sao_text="GROUND FLOOR FLAT", pao_start_number=17),
    _addr(11, sao_text="MIDDLE FLAT", pao_start_number=17),
    _addr(12, sao_text="TOP FLOOR FLAT", pao_start_number=17),
]


def test_each_floor_named_unit_has_its_floor_level() -> None:
    assert floor_levels(HOUSE) == {
        **{2: "-1", 3: "0", 4: "1", 5: "2", 6: "1,2", 7: "1"},
        **{10: "0", 11: "1", 12: "2"},  # the middle flat between the ground and the top
    }


def test_the_components_table_carries_the_level() -> None:
    rows = {int(r["uprn"]): r for r in to_components(HOUSE)}
    assert (rows[3]["floorlevel"], rows[8]["floorlevel"], rows[1]["floorlevel"]) == ("0", "", "")
