"""The September sample's summary reworded through the series' variants (../shared/WORDING.md:
total sentences, list formats, party names, governorate spellings, victims sentences, numbers
as words) must give the same stated figures as the sample itself, labelled by hand in
tests/fixtures/expected/. Hypothesis combines the variants; each combination is one report."""

from __future__ import annotations

from conftest import REPORTS, expected_report
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from massacres.reports.parse import parse_text

SAMPLE = (REPORTS / "snhr-2017-09-massacres.txt").read_text(encoding="utf-8")
START = SAMPLE.index("B. Toll of massacres in September 2017")
END = SAMPLE.index("II. Details of September's Incidents")

TOTAL = [
    "SNHR has documented no less than 43 massacres in September",
    "SNHR documented in the month of September no less than 43 massacres.",
    "SNHR documented, during the month of September 2017, 43 massacres at least.",
    "No fewer than forty-three massacres were documented by SNHR in September 2017.",
    "SNHR recorded 43 massacres in September 2017.",
]
# Each party: the ways the series names it.
REGIME = [
    "Syrian regime forces (army, security, local militias, Shiite foreign militias)",
    "Government forces",
    "Syrian Government Forces",
    "The Syrian regime and its militias",
]
RUSSIA = ["Russian forces", "Russian warplanes"]
ISIS = ["ISIS", "ISIL", "Daesh", "ISIS faction"]
COALITION = ["International coalition forces", "International Coalition Forces", "international alliance forces"]
WORDS = {18: "eighteen", 14: "fourteen", 1: "one", 10: "ten", 24: "twenty-four", 6: "six", 2: "two"}


def _party_list(style: int, names: list[str], words: bool) -> str:
    counts = [18, 14, 1, 10]
    n = [WORDS[c] if words else str(c) for c in counts]
    regime, russia, isis, coalition = names
    if style == 0:  # the sample's own form, ISIS under the extremist umbrella
        return (
            f"As follows:\n\n- A. {regime}: {n[0]}\n- B. {russia}: {n[1]}\n- C. Extremist Islamic groups:\n"
            f" - {isis}: {n[2]}\n- D. {coalition}: {n[3]}\n"
        )
    if style == 1:  # lettered with dashes and the noun
        return (
            f"The perpetrators were as follows:\n\nA- {regime}: {n[0]} massacres\nB- {russia}: {n[1]} massacres\n"
            f"C- {isis}: {n[2]} massacre\nD- {coalition}: {n[3]} massacres\n"
        )
    if style == 2:  # dash bullets, count after the verb
        return (
            f"They were distributed as follows:\n\n\u2013 {regime} perpetrated {n[0]} massacres.\n"
            f"\u2013 {russia} perpetrated {n[1]} massacres.\n\u2013 {isis} perpetrated {n[2]} massacre.\n"
            f"\u2013 {coalition} perpetrated {n[3]} massacres.\n"
        )
    if style == 3:  # all on one line split by dashes
        return f"By perpetrator: {regime}: {n[0]} \u2013 {russia}: {n[1]} \u2013 {isis}: {n[2]} \u2013 {coalition}: {n[3]}\n"
    # count before the noun, party after
    return (
        f"Distributed as follows:\n\n- {n[0].capitalize()} massacres were perpetrated by {regime}.\n"
        f"- {n[1].capitalize()} massacres by {russia}.\n- {n[2].capitalize()} massacre by {isis}.\n"
        f"- {n[3].capitalize()} massacres by {coalition}.\n"
    )


AREAS = (
    "The massacres perpetrated by Syrian regime forces were distributed by area of control as follows:\n\n"
    "- Five massacres in areas under the control of armed opposition factions\n"
    "- One massacre in areas under the control of Syrian regime forces\n"
    "- One massacre in areas under the joint control of armed opposition factions and Hay'at Tahrir al Sham\n"
    "- One massacre in areas under the control of Hay'at Tahrir al Sham\n"
    "- 10 massacres in areas under the control of ISIS\n"
)

DEIR = ["Deir Ez-Zour", "Deir ez-Zor", "Der Ezzor", "Deir Al Zour"]
RIF = ["Damascus suburbs", "Rural Damascus", "Damascus countryside"]
HASAKA = ["Hasaka", "Al-Hassaka", "Hasakah"]


def _governorates(style: int, deir: str, rif: str, hasaka: str, words: bool) -> str:
    pairs = [(deir, 24), ("Raqqa", 6), ("Idlib", 6), ("Hama", 2), (rif, 2), ("Aleppo", 1), ("Homs", 1), (hasaka, 1)]
    val = (lambda c: WORDS[c]) if words else str
    intro = "The massacres are distributed across governorates as follows:\n\n"
    if style == 0:
        return intro + ", ".join(f"{g}: {val(c)}" for g, c in pairs) + "\n"
    if style == 1:
        return intro + "\n\n".join(f"{g}: {val(c)}" for g, c in pairs) + "\n"
    if style == 2:
        return "Massacres by governorate: " + " / ".join(f"{g}: {val(c)}" for g, c in pairs) + "\n"
    return intro + ", ".join(f"{g} {val(c)}" for g, c in pairs) + "\n"


VICTIMS = [
    "According to the victim documentation team at SNHR, 430 individuals were killed in those massacres, including "
    "139 children and 85 women (adult female).",
    "In total, 430 were killed in those massacres including 139 children and 85 women.",
    "In those massacres, 430 victims were killed at least including 139 children and 85 women.",
    "430 victims were killed in these massacres, amongst 139 children and 85 women.",
]
SHARE = " This means that 53% of all victims were women and children."


def _tolls(style: int, names: list[str]) -> str:
    regime, russia, isis, coalition = names
    rows = [(regime, 177, 53, 37), (russia, 152, 46, 29), (isis, 5, 3, 1), (coalition, 96, 37, 18)]
    intro = "The death toll of these massacres is distributed by the perpetrator party as follows:\n\n"
    if style == 0:
        return (
            intro
            + "\n\n".join(f"{p}: {k} individuals, including {c} children and {w} women" for p, k, c, w in rows)
            + "\n"
        )
    return "\n\n".join(f"{p} killed {k} civilians, including {c} children and {w} women." for p, k, c, w in rows) + "\n"


@st.composite
def summaries(draw: st.DrawFn) -> str:
    names = [
        draw(st.sampled_from(REGIME)),
        draw(st.sampled_from(RUSSIA)),
        draw(st.sampled_from(ISIS)),
        draw(st.sampled_from(COALITION)),
    ]
    words = draw(st.booleans())
    parts = [
        "B. Toll of massacres in September 2017\n",
        draw(st.sampled_from(TOTAL)) + "\n",
        _party_list(draw(st.integers(0, 4)), names, words),
        AREAS,
        _governorates(
            draw(st.integers(0, 3)),
            draw(st.sampled_from(DEIR)),
            draw(st.sampled_from(RIF)),
            draw(st.sampled_from(HASAKA)),
            draw(st.booleans()),
        ),
        draw(st.sampled_from(VICTIMS)) + SHARE + "\n",
        _tolls(draw(st.integers(0, 1)), names),
    ]
    return "\n".join(parts) + "\n\n"


def _stated(rows: list[dict]) -> dict:
    return {
        (r["dimension"], r["key"]): {k: v for k, v in r.items() if k not in ("dimension", "key", "line")}
        for r in rows
        if not r["dimension"].startswith("ytd_")
    }


EXPECTED = _stated(expected_report("snhr-2017-09-massacres")["stated"])


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(summaries())
def test_a_reworded_summary_states_the_same_figures(summary):
    parsed = parse_text(SAMPLE[:START] + summary + SAMPLE[END:], "reworded-september.txt")
    assert parsed.report["month"] == "2017-09"
    assert (parsed.report["total_massacres"], parsed.report["victims_total"]) == (43, 430)
    got = _stated(parsed.stated)
    diffs = [
        f"{k}: expected {EXPECTED.get(k)}, parsed {got.get(k)}"
        for k in set(EXPECTED) | set(got)
        if EXPECTED.get(k) != got.get(k)
    ]
    assert not diffs, summary + "\n" + "\n".join(sorted(diffs))
    assert not [
        w
        for w in parsed.warnings
        if w["code"] in ("unread_figure", "unknown_perpetrator", "unknown_governorate", "stated_twice")
    ], parsed.warnings
