"""The map's main towns (geo/main_towns.csv): every row names a gazetteer row, which lies in Syria and in
the governorate the row's reason names."""

from __future__ import annotations

import csv

from massacres.places import boundaries, towns


def test_every_town_is_a_gazetteer_row_inside_syria():
    listed = towns.main_towns()
    with towns.TOWNS.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [t.label for t in listed] == [r["label"] for r in rows] and len(rows) == 19
    b = boundaries.load()
    for t in listed:
        hit = b.at(t.lat, t.lon)
        assert hit is not None, t
    # By hand: Al-Bukamal is in Deir ez-Zor, Qamishli in Al-Hasakah, Palmyra in Homs.
    by = {t.label: t.governorate for t in listed}
    assert (by["Al-Bukamal"], by["Qamishli"], by["Palmyra"]) == ("Deir ez-Zor", "Al-Hasakah", "Homs")


def test_a_row_the_gazetteer_lacks_is_an_error(tmp_path):
    bad = tmp_path / "towns.csv"
    bad.write_text("label,wof_id,why\nNowhere,1,none\n", encoding="utf-8")
    try:
        towns.main_towns.__wrapped__(bad)
    except ValueError as exc:
        assert "Nowhere" in str(exc)
    else:
        raise AssertionError("no error")
