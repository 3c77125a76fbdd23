"""The parser reads the series' grammar, not two files: the samples in each other's form,
from a real PDF, and with numbers written differently."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPORTS, expected_incidents

from massacres.reports.layout import clean
from massacres.reports.parse import INCIDENT_FIELDS, parse_file, parse_text

_URL = re.compile(r"^\s*https?://\S+\s*$")


def rewrap_as_pdf_text(web_text: str, width: int = 84, lines_per_page: int = 40) -> str:
    """What PDF extraction makes of web text: hard wraps, words hyphenated at breaks, a
    leading space on each page's first line, links reduced to their text."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", web_text):
        words = clean(para).split()
        line = ""
        for word in words:
            if len(line) + 1 + len(word) <= width:
                line = f"{line} {word}".strip()
                continue
            room = width - len(line) - 2
            if "-" in word[1:-1] and word.index("-", 1) < room:
                cut = word.index("-", 1) + 1  # break a compound at its own hyphen
                out.append(f"{line} {word[:cut]}".strip())
                line = word[cut:]
            elif len(word) >= 8 and word.isalpha() and room >= 4:
                cut = min(room, len(word) - 3)
                out.append(f"{line} {word[:cut]}-".strip())
                line = word[cut:]
            else:
                out.append(line)
                line = word
        if line:
            out.append(line)
        out.append("")
    paged = []
    for i, ln in enumerate(out):
        paged.append((" " + ln) if i % lines_per_page == 0 and ln else ln)
    return "\n".join(paged)


def unwrap_as_web_text(pdf_text: str) -> str:
    """The PDF text as a web page would give it: a paragraph a line, no link lines."""
    paras: list[str] = []
    cur = ""
    for raw in pdf_text.splitlines():
        line = raw.strip()
        if not line or _URL.match(line):
            if cur:
                paras.append(cur)
            cur = ""
            continue
        opens = re.match(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|- |\d\. ", line)
        ends_para = cur.endswith((".", ":", ")")) and bool(opens or raw.startswith(" "))
        short = len(line) < 45 and not line.endswith((".", ","))
        if cur and (ends_para or short or (len(cur) < 45 and not cur.endswith((".", ",")))):
            paras.append(cur)
            cur = line
        elif cur.endswith("-") and line[0].islower():
            cur = cur[:-1] + line
        elif cur.endswith("-"):
            cur += line
        else:
            cur = f"{cur} {line}".strip()
    if cur:
        paras.append(cur)
    return "\n\n".join(paras) + "\n"


def _compare(parsed, expected, skip=()):
    assert len(parsed.incidents) == len(expected)
    return [
        f"seq {e['seq']} {f}: expected {e[f]!r}, parsed {g.get(f)!r}"
        for e, g in zip(expected, parsed.incidents)
        for f in INCIDENT_FIELDS
        if f not in skip and e[f] != g.get(f)
    ]


def test_september_rewrapped_as_pdf_text():
    text = rewrap_as_pdf_text((REPORTS / "snhr-2017-09-massacres.txt").read_text(encoding="utf-8"))
    assert re.search(r"\w-\n\w", text), "the rewrap must hyphenate some words"
    parsed = parse_text(text, "sep-as-pdf.txt")
    assert parsed.form == "pdf_text"
    diffs = _compare(parsed, expected_incidents("snhr-2017-09-massacres"), skip={"line"})
    assert not diffs, "\n".join(diffs)


def test_october_unwrapped_as_web_text():
    text = unwrap_as_web_text((REPORTS / "snhr-2017-10-massacres.txt").read_text(encoding="utf-8"))
    parsed = parse_text(text, "oct-as-web.txt")
    assert parsed.form == "web"
    # The web form carries no map links, so no coordinates.
    diffs = _compare(parsed, expected_incidents("snhr-2017-10-massacres"), skip={"line", "lat", "lon"})
    assert not diffs, "\n".join(diffs)
    assert all(i["lat"] is None for i in parsed.incidents)


def test_hyphenated_compound_across_a_break_keeps_its_hyphen():
    text = (REPORTS / "snhr-2017-10-massacres.txt").read_text(encoding="utf-8")
    text = text.replace(
        "Thursday, October 5, 2017, an ISIS artillery fired a number of mortar shells at al Qosour \n",
        "Thursday, October 5, 2017, an ISIS artillery fired a surface-to-\nsurface rocket at al Qosour \n",
    )
    inc = parse_text(text, "x.txt").incidents[12]
    assert "fired a surface-to-surface rocket at al Qosour" in inc["paragraph"]
    assert inc["weapon"] == "surface_to_surface_rocket"


def test_from_a_real_pdf(tmp_path: Path):
    """A PDF made from the September report: extracted, then parsed like any report."""
    from fpdf import FPDF

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    text = (REPORTS / "snhr-2017-09-massacres.txt").read_text(encoding="utf-8")
    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    if font.exists():
        pdf.add_font("dejavu", fname=str(font))
        pdf.set_font("dejavu", size=10)
    else:  # core fonts are Latin-1 only: keep what they can show
        text = text.translate(str.maketrans({"\u2013": "-", "\u2019": "'", "\u201c": '"', "\u201d": '"'}))
        text = text.encode("latin-1", "ignore").decode("latin-1")
        pdf.set_font("helvetica", size=10)
    for para in re.split(r"\n\s*\n", text):
        para = clean(para)
        if para:
            pdf.multi_cell(0, 5, para)
            pdf.ln(4)
    path = tmp_path / "snhr-2017-09-massacres.pdf"
    pdf.output(str(path))
    parsed = parse_file(path)
    assert parsed.form == "pdf"
    assert parsed.report["month"] == "2017-09" and parsed.report["total_massacres"] == 43
    fields = (
        "date",
        "perpetrator",
        "governorate",
        "governorate_in_text",
        "place",
        "killed",
        "children",
        "women",
        "fetuses",
        "wounded",
        "wounded_qualifier",
        "area_of_control",
        "weapon",
        "same_family",
        "idps",
    )
    expected = expected_incidents("snhr-2017-09-massacres")
    got = [{f: i[f] for f in fields} for i in parsed.incidents]
    assert got == [{f: e[f] for f in fields} for e in expected]


PARA = (
    "Monday, March 3, 2031, {actor} fired {weapon} at al Zahra village, western suburbs of {gov} governorate, "
    "which resulted in the killing of {killed}, {rest}. The village was under the control of {control} at "
    "the time of the incident."
)


def _mini_report(sections: str, month="March", year=2031) -> str:
    return (
        f"No less than 2 massacres in {month} {year}\n\nII. Executive Summary\n\n"
        f"B. Toll of massacres in {month} {year}\n\nSNHR has documented no less than 2 massacres in {month}\n\n"
        f"III. Details of {month}'s Incidents\n\n{sections}\n\nIV. Conclusions and Recommendations\n"
    )


@pytest.mark.parametrize(
    "killed, rest, expect",
    [
        ("eleven civilians", "including 4 children", (11, 4, 0, 0)),
        ("twenty-three individuals", "including nine children, three fetuses, and an infant", (23, 10, 0, 3)),
        ("101 civilians", "including forty-two children and thirty women", (101, 42, 30, 0)),
        ("seven children", "while about 20 others were wounded", (7, 7, 0, 0)),
        ("a hundred and five civilians", "while no less than 15 others were wounded", (105, None, None, None)),
    ],
)
def test_counts_in_words_and_digits(killed, rest, expect):
    para = PARA.format(
        actor="helicopters of Government forces",
        weapon="barrel bombs",
        gov="Der Ezzor",
        killed=killed,
        rest=rest,
        control="Daesh",
    )
    text = _mini_report(f"A. Government forces\n\nDer Ezzor governorate\n\n{para}")
    parsed = parse_text(text, "mini.txt")
    inc = parsed.incidents[0]
    assert (inc["killed"], inc["children"], inc["women"], inc["fetuses"]) == expect
    assert parsed.report["month"] == "2031-03"
    assert inc["date"] == "2031-03-03" and inc["perpetrator"] == "syrian_regime"
    assert inc["governorate"] == "deir_ez_zor" == inc["governorate_in_text"]
    assert inc["weapon"] == "rotary_wing_barrel_bomb" and inc["area_of_control"] == "isis"


def test_sections_beyond_the_samples():
    body = []
    sections = [
        ("E. Kurdish Self-Management forces", "kurdish_forces"),
        ("F. Turkish forces", "turkish_forces"),
        ("G. Unidentified groups", "other"),
        ("H. Armed opposition factions", "armed_opposition"),
    ]
    for heading, _ in sections:
        body.append(heading)
        body.append("Damascus countryside governorate")
        body.append(
            PARA.format(
                actor="a group",
                weapon="a number of mortar shells",
                gov="Damascus countryside",
                killed="five civilians",
                rest="including one child",
                control="Syrian regime forces",
            )
        )
    parsed = parse_text(_mini_report("\n\n".join(body), "July", 2012), "sections.txt")
    assert [i["perpetrator"] for i in parsed.incidents] == [k for _, k in sections]
    assert {i["governorate"] for i in parsed.incidents} == {"damascus_suburbs"}
    assert parsed.report["month"] == "2012-07"


def test_unknown_section_is_kept_as_written_and_warned():
    para = PARA.format(
        actor="a group",
        weapon="a rocket",
        gov="Idleb",
        killed="six civilians",
        rest="including two women",
        control="armed opposition factions",
    )
    parsed = parse_text(_mini_report(f"E. Mysterious forces\n\nIdleb governorate\n\n{para}"), "u.txt")
    inc = parsed.incidents[0]
    assert inc["perpetrator"] == "Mysterious forces" and inc["governorate"] == "idlib"
    assert {w["code"] for w in parsed.warnings} >= {"unknown_perpetrator"}


def test_unparseable_incident_is_warned_not_dropped_silently():
    bad = "Tuesday, March 4, 2031, warplanes fired missiles at a market in Tell Abyad city, but the toll is unknown."
    good = PARA.format(
        actor="warplanes",
        weapon="missiles",
        gov="Raqqa",
        killed="five civilians",
        rest="including one woman",
        control="ISIS",
    )
    parsed = parse_text(_mini_report(f"A. Russian forces\n\nRaqqa governorate\n\n{bad}\n\n{good}"), "w.txt")
    assert len(parsed.incidents) == 1
    assert [w for w in parsed.warnings if w["code"] == "unparsed_incident"][0]["line"] == 15


def test_weekday_that_does_not_fall_on_the_date_is_warned():
    para = PARA.format(
        actor="warplanes",
        weapon="missiles",
        gov="Hama",
        killed="five civilians",
        rest="including one woman",
        control="ISIS",
    ).replace("Monday", "Friday")
    parsed = parse_text(_mini_report(f"A. Russian forces\n\nHama governorate\n\n{para}"), "w.txt")
    assert [w["code"] for w in parsed.warnings if w["code"] == "weekday_mismatch"] == ["weekday_mismatch"]
