"""Synthetic SNHR monthly massacre reports ("No less than N massacres in <Month>") with their truth.

Used by the parser tests and the ingest benchmark. One ``random.Random(seed)`` drives every choice, so a seed
always gives byte-identical text and truth (no set iteration, no ``hash()``).

The grammar imitates the real series (data/reports/): web text with ``[text](#)`` links, or text extracted from
the PDF (hard wraps, hyphenated words, URL blocks with Google Maps links at page ends, a leading space on each
page's first line). Place names are built from syllables so no test can pass by memorising the real samples;
governorate names are real, in their spelling variants.

Truth follows tests/fixtures/LABELLING.md. ``paragraph`` is the plain text composed here before it is decorated
(links, curly quotes, wraps), and every decoration is one LABELLING's normalisation undoes exactly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
import re
from pathlib import Path
from typing import Any

Rec = dict[str, Any]
NBSP = "\u00a0"  # a space the PDF wrapper must not break at (see _clause); printed as " "
GOVS: dict[str, tuple[str, ...]] = {
    "damascus": ("Damascus",),
    "damascus_suburbs": ("Damascus suburbs", "Damascus countryside", "Rif Dimashq"),
    "aleppo": ("Aleppo",),
    "idlib": ("Idlib", "Idleb"),
    "hama": ("Hama",),
    "homs": ("Homs",),
    "latakia": ("Latakia", "Lattakia"),
    "tartus": ("Tartus", "Tartous"),
    "daraa": ("Daraa", "Dara'a"),
    "suwayda": ("Suwayda", "al Suwayda", "Sweida"),
    "quneitra": ("Quneitra", "al Quneitra"),
    "deir_ez_zor": ("Deir Ez-Zour", "Der Ezzor", "Deir ez-Zor", "Deir Ez Zour"),
    "raqqa": ("Raqqa", "al Raqqa"),
    "hasaka": ("Hasaka", "al Hasaka", "Hasakeh"),
}
GOV_KEYS = tuple(GOVS)
CENTRE = {
    "damascus": (33.51, 36.29),
    "damascus_suburbs": (33.60, 36.50),
    "aleppo": (36.20, 37.15),
    "idlib": (35.90, 36.60),
    "hama": (35.20, 36.75),
    "homs": (34.70, 36.90),
    "latakia": (35.60, 35.95),
    "tartus": (34.90, 36.00),
    "daraa": (32.70, 36.10),
    "suwayda": (32.70, 36.60),
    "quneitra": (33.10, 35.85),
    "deir_ez_zor": (35.00, 40.30),
    "raqqa": (35.95, 39.00),
    "hasaka": (36.50, 40.75),
}
PERPS = (
    "syrian_regime",
    "russia",
    "isis",
    "hts",
    "international_coalition",
    "kurdish_forces",
    "turkish_forces",
    "armed_opposition",
    "other",
)  # the order the details sections come in
ERA = {"russia": 2015, "international_coalition": 2014, "isis": 2013, "hts": 2017, "turkish_forces": 2016}  # first year
PERP_GOVS = {
    "syrian_regime": GOV_KEYS,
    "russia": ("idlib", "hama", "aleppo", "deir_ez_zor", "homs", "damascus_suburbs", "latakia"),
    "isis": ("deir_ez_zor", "raqqa", "hasaka", "homs", "damascus", "aleppo", "hama"),
    "hts": ("idlib", "aleppo", "hama"),
    "international_coalition": ("raqqa", "deir_ez_zor", "hasaka", "aleppo", "idlib"),
    "kurdish_forces": ("aleppo", "hasaka", "raqqa", "deir_ez_zor"),
    "turkish_forces": ("aleppo", "hasaka", "raqqa"),
    "armed_opposition": ("aleppo", "damascus", "hama", "daraa", "latakia", "homs"),
    "other": ("daraa", "idlib", "aleppo", "damascus", "damascus_suburbs", "homs", "hasaka", "suwayda"),
}
WEAPONS = {  # weighted by repetition
    "syrian_regime": ("fixed_wing_airstrike",) * 5
    + ("rotary_wing_barrel_bomb",) * 3
    + ("artillery",) * 3
    + ("surface_to_surface_rocket", "ground_raid_execution"),
    "russia": ("fixed_wing_airstrike",),
    "international_coalition": ("fixed_wing_airstrike",),
    "isis": ("landmine", "landmine", "car_bomb", "car_bomb", "artillery", "artillery", "ied", "ground_raid_execution"),
    "hts": ("ground_raid_execution", "ground_raid_execution", "artillery", "ied"),
    "kurdish_forces": ("artillery", "artillery", "ground_raid_execution"),
    "turkish_forces": ("fixed_wing_airstrike", "artillery"),
    "armed_opposition": ("artillery",) * 3 + ("surface_to_surface_rocket",),
    "other": ("car_bomb", "car_bomb", "ied", "ied", "landmine", "ground_raid_execution"),
}
CONTROL = {  # who held the struck area, by perpetrator: the realistic pairings only
    "syrian_regime": (
        "isis",
        "armed_opposition",
        "armed_opposition",
        "hts",
        "armed_opposition_and_hts",
        "hts_and_turkistan_party",
        "syrian_regime",
    ),
    "russia": ("isis", "armed_opposition", "hts", "armed_opposition_and_hts", "hts_and_turkistan_party"),
    "isis": ("syrian_regime", "sdf", "armed_opposition", "isis"),
    "hts": ("armed_opposition", "hts", "syrian_regime"),
    "international_coalition": ("isis", "isis", "hts"),
    "kurdish_forces": ("armed_opposition", "sdf"),
    "turkish_forces": ("sdf",),
    "armed_opposition": ("syrian_regime",),
    "other": ("syrian_regime", "armed_opposition", "sdf"),
}
JOINT = {
    "armed_opposition_and_hts": "armed opposition factions and Hay'at Tahrir al Sham",
    "hts_and_turkistan_party": "Hay'at Tahrir al Sham and the Islamic Turkistani Party",
}
AREA_LIST = {
    "armed_opposition": "the control of armed opposition factions",
    "syrian_regime": "the control of Syrian regime forces",
    "hts": "the control of Hay'at Tahrir al Sham",
    "isis": "the control of ISIS",
    "sdf": "the control of the Kurdish-majority SDF",
    **{k: "the joint control of " + v for k, v in JOINT.items()},
}
DIRS = ("eastern", "western", "northern", "southern", "northeastern", "northwestern", "southeastern", "southwestern")
ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
# Syllables for place names ("Tell Marqa", "Jdeidat Shmeis", "al Kafr Dawsa").
ONSETS = ("b", "d", "f", "gh", "h", "j", "k", "kh", "m", "n", "q", "r", "s", "sh", "t", "z", "w", "dh")
VOWELS, CODAS = ("a", "a", "i", "ou", "ei", "e", "aa"), ("r", "n", "l", "m", "s", "w", "y", "b", "d", "sh")
ENDS = ("a", "eh", "iya", "oun", "an", "at", "ein", "ah", "ieh", "oul", "is")
NAME_FORMS = (
    ("al {}",) * 6
    + tuple(
        p + " {}"
        for p in (
            "Tell",
            "Kafr",
            "al Kafr",
            "Deir",
            "Beit",
            "Jdeidat",
            "Khirbet",
            "Ain",
            "Umm",
            "Abu",
            "Qasr",
            "Maarrat",
        )
    )
    + tuple("{} " + s for s in ("Fouqani", "Tahtani", "Gharbi", "Sharqi", "al Kabir", "al Saghir", "Shamiya", "Jazira"))
    + ("{} al {}",) * 3
    + ("{}",) * 5
)
# Generated names must never be a sample's place, nor hold a governorate's name.
BANNED = {
    s.lower()
    for s in [
        "Hawayej Thyab Shamiya",
        "Mathloun",
        "al Mayadeen",
        "Buqrus Tahtani",
        "Buqrus Fouqani",
        "Tabiya Shamiya",
        "Tabiya Jazeera",
        "Mohasan",
        "al Boulayl",
        "al Sabha",
        "Jarjanaz",
        "Mazra'at al Tes'a",
        "Sahl al Rouj",
        "Armanaz",
        "Misraba",
        "Beit Sawa",
        "al Hawat",
        "Ma'razaf",
        "Qal'at al Madiq",
        "al Ashrafiya",
        "Talbisah",
        "Zgheir Shamiya",
        "Jdeidat Bakkara",
        "Khsham",
        "Mrat",
        "al Sakhna",
        "Breiha",
        "al Bokamal",
        "Khan Sheikhoun",
        "Jisr al Shoghour",
        "Harem",
        "Hwayyer al Eis",
        "al Mrashda",
        "al Me'mari",
        "Markada",
        "al Shhabat",
        "al Baghouz",
        "Mahkan",
        "al Qosour",
        "Jisreen",
        "Mwayleh bin Hdaib",
        "al Hamra",
        "al Ashara",
        "Darnej",
        "al Qouriya",
        "al Tayyana",
        "al Sousa",
        "Abu Fas",
        "al Tawse'eya",
        "al Badou",
        "al Sfeira",
        "al Midan",
        "al Mri'iyah",
        "al Boamrou",
        "al Dar'iyah",
        "al Ferdous",
        "al Sena'a",
        "al Tawsi'iya",
    ]
}
BANNED_TOKENS = {
    "syria",
    "ghouta",
    "hama",
    "homs",
    "idlib",
    "aleppo",
    "raqqa",
    "daraa",
    "damascus",
    "latakia",
    "tartus",
    "quneitra",
    "suwayda",
    "hasaka",
    "sawa",
    "sahl",
}
SITES = (  # (text, target, idps) of a target inside a locality
    ("a residential building", "residential", False),
    ("a house", "residential", False),
    ("the houses", "residential", False),
    ("a residential neighborhood", "residential", False),
    ("the main market", "market", False),
    ("a popular market", "market", False),
    ("a school that was turned into an IDPs shelter", "school", True),
    ("an IDPs tent", "idp_shelter", True),
    ("a makeshift IDPs shelter", "idp_shelter", True),
    ("a civilian bus", "vehicle", False),
    ("a civilian car", "vehicle", False),
    ("a gathering of civilians", "gathering", False),
    ("a field hospital", "medical", False),
    ("a medical point", "medical", False),
    ("a bakery", "other", False),
    ("the main street", "populated_area", False),
)
BOMB_SITES = (
    ("a gathering of civilians", "gathering", False),
    ("the main market", "market", False),
    (
        "a gathering of civilians near a checkpoint for the Kurdish-majority Syrian Democratic Forces (SDF)",
        "gathering",
        False,
    ),
)
WOUNDED = ((", while about {} others were wounded", "about"),) * 4 + (
    (", while {} others at least were wounded", "at least"),
    (", while at least {} others were wounded", "at least"),
    (", while no less than {} others were wounded", "no less than"),
    (". Additionally, about {} others were wounded", "about"),
    (", while {} others were wounded", None),
    (", while about {} houses were heavily destroyed", None),
)
# (perpetrator, weapon) -> (actor phrase up to the target, preposition or "" after a verb, perpetrator_note).
# {R} regime, {I} ISIS as this report names them, {M} missiles, {S} shells, {Q} a village, {D} a direction, {G} a governorate.
INVESTIGATING = "Investigations are still ongoing to determine the perpetrating party accurately"
ACTORS: dict[tuple[str, str], tuple[tuple[str, str, str | None], ...]] = {
    ("syrian_regime", "fixed_wing_airstrike"): (("fixed-wing {R} warplanes fired {M}", "at", None),) * 11
    + (
        ("fixed-wing {R} warplanes (Su-24) fired {M}", "at", None),
        ("fixed-wing warplanes of the Syrian-Russian alliance fired {M}", "at", "Syrian-Russian alliance"),
        (
            f"Syrian-Russian alliance warplanes ({INVESTIGATING}) fired missiles",
            "at",
            "Syrian-Russian alliance; " + INVESTIGATING,
        ),
    ),
    ("russia", "fixed_wing_airstrike"): (
        ("fixed-wing warplanes we believe are Russian fired {M}", "at", "we believe are Russian"),
        ("fixed-wing warplanes we believe were Russian fired {M}", "at", "we believe were Russian"),
        ("fixed-wing Russian warplanes fired {M}", "at", None),
    ),
    ("international_coalition", "fixed_wing_airstrike"): (
        ("fixed-wing international coalition forces warplanes fired {M}", "at", None),
    )
    * 5
    + (("fixed-wing international coalition forces warplanes bombed", "", None),),
    ("turkish_forces", "fixed_wing_airstrike"): (("Turkish warplanes fired {M}", "at", None),),
    ("syrian_regime", "rotary_wing_barrel_bomb"): (
        ("{R} helicopters dropped a number of barrel bombs", "on", None),
        ("{R} helicopters dropped two barrel bombs", "on", None),
    ),
    ("syrian_regime", "artillery"): (("{R} artillery fired {S}", "at", None),),
    ("isis", "artillery"): (("{I} fighters fired {S}", "at", None),),
    ("hts", "artillery"): (("Hay'at Tahrir al Sham fighters fired {S}", "at", None),),
    ("kurdish_forces", "artillery"): (("Kurdish Self-Management forces artillery fired {S}", "at", None),),
    ("turkish_forces", "artillery"): (("Turkish forces artillery fired {S}", "at", None),),
    ("armed_opposition", "artillery"): (
        ("armed opposition factions fired {S}", "at", None),
        ("armed opposition factions artillery fired {S}", "at", None),
    ),
    ("syrian_regime", "surface_to_surface_rocket"): (
        ("{R} fired a surface-to-surface rocket", "at", None),
        ("{R} fired a number of surface-to-surface missiles", "at", None),
        # names a governorate before the target's: governorate_in_text is the last one named
        (
            "pro-Syrian regime Shiite militias who are stationed in {Q} village in {D} suburbs of {G} governorate fired a "
            "surface-to-surface rocket",
            "at",
            None,
        ),
    ),
    ("armed_opposition", "surface_to_surface_rocket"): (
        ("armed opposition factions fired a number of surface-to-surface rockets", "at", None),
    ),
    ("syrian_regime", "ground_raid_execution"): (
        ("pro-Syrian regime militias raided", "", None),
        ("{R} and pro-regime militias raided", "", None),
    ),
    ("isis", "ground_raid_execution"): (("{I} gunmen raided", "", None),),
    ("hts", "ground_raid_execution"): (("Hay'at Tahrir al Sham fighters raided", "", None),),
    ("kurdish_forces", "ground_raid_execution"): (("Kurdish Self-Management forces raided", "", None),),
    ("other", "ground_raid_execution"): (("unidentified gunmen raided", "", "unidentified gunmen"),),
    ("isis", "landmine"): (("a landmine planted by {I} detonated", "near", None),),
    ("other", "landmine"): (("a landmine exploded", "in", None),),
    ("isis", "ied"): (("an IED planted by {I} exploded", "at", None),),
    ("hts", "ied"): (("an IED planted by Hay'at Tahrir al Sham exploded", "at", None),),
    ("other", "ied"): (("two IEDs exploded", "in", None), ("an IED exploded", "in", None)),
    ("isis", "car_bomb"): (("a bomb car driven by {I} suicidal bomber blew", "in", None),),
    ("other", "car_bomb"): (("a car bomb exploded", "at", None), ("a car bomb exploded", "near", None)),
}
UNIDENTIFIED = "We haven't been able to identify the group behind the bombing as of this writing"
INTRO_NOISE = (  # dated sentences outside the details, which a parser must not take for incidents
    "On {wd}, {d}, a de-escalation agreement was announced following a round of talks between the guarantor states, as "
    "the agreement was to come into effect at 12:00 of the same day. We have released a [report](#) on its first week.",
    "Despite all of this, breaches haven't stopped, mainly by the Syrian regime, who is seemingly the party that would be "
    "most affected should the ceasefire go on, and in particular extrajudicial killing crimes and deaths due to torture.",
    "On {d}, Syrian regime forces and their allies started a heavy offensive against {g} governorate, as they took over "
    "some villages in the {dir} suburbs of {g} governorate, which resulted in the displacement of thousands of civilians.",
)
TRAILER = (
    ("h", "Conclusions"),
    (
        "p",
        "1. SNHR can confirm the bombing cases, deliberate or indiscriminate, targeted "
        "armless civilians, thus, the Syrian-Russian alliance forces have violated the rules of the international "
        "human rights law which guarantee the right to life.",
    ),
    (
        "p",
        "2. SNHR believes that the acts of killing that "
        "took place during these massacres can be classified as crimes against humanity.",
    ),
    ("h", "Recommendations"),
    (
        "p",
        "1. Refer the case in Syria to the International Criminal Court and stop the disrupting of the decisions "
        "that must be adopted by the Security Council against the Syrian government.",
    ),
)
FIELDS = [
    "seq",
    "date",
    "time",
    "day_part",
    "perpetrator",
    "perpetrator_text",
    "attribution_uncertain",
    "perpetrator_note",
    "governorate",
    "governorate_in_text",
    "place",
    "place_type",
    "parent_place",
    "site",
    "killed",
    "children",
    "women",
    "fetuses",
    "wounded",
    "wounded_qualifier",
    "killed_is_lower_bound",
    "same_family",
    "idps",
    "weapon",
    "target",
    "area_of_control",
    "area_of_control_text",
    "lat",
    "lon",
    "line",
    "paragraph",
]


def _num(rng: random.Random, n: int, p_words: float | None = None) -> str:
    """Small numbers mostly as words ("seven"), larger ones sometimes ("twenty-three"), as the series writes them."""
    if n >= 100 or rng.random() >= (p_words if p_words is not None else 0.9 if n < 10 else 0.25):
        return str(n)
    return ONES[n] if n < 20 else TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _long(d: dt.date, year: bool = True) -> str:
    return f"{calendar.month_name[d.month]} {d.day}" + (f", {d.year}" if year else "")


def _pct(a: int, b: int) -> int:
    return int(100 * a / b + 0.5) if b else 0


class _Ctx:
    """Choices that must stay consistent across one report: names of parties, spellings, places."""

    def __init__(self, rng: random.Random, year: int, month: int) -> None:
        self.rng, self.year, self.month, self.mname = rng, year, month, calendar.month_name[month]
        # early reports said "Government forces" more often
        self.regime = "Government forces" if rng.random() < (0.6 if year < 2016 else 0.15) else "Syrian regime forces"
        self.isis = "Daesh" if rng.random() < 0.25 else "ISIS"
        self.isis_bullet = (
            "ISIS (Self-proclaimed the Islamic State)" if self.isis == "ISIS" and rng.random() < 0.7 else self.isis
        )
        self.other = rng.choice(("Other parties", "Unidentified groups"))
        self.spelling = {g: (v[0] if rng.random() < 0.7 else rng.choice(v)) for g, v in GOVS.items()}
        self.places: dict[str, list[tuple[str, str, float, float]]] = {}
        self.used: set[str] = set()
        self.g2: str | None = None  # governorate named by a "stationed in" actor phrase, if any

    def spell(self, gov: str) -> str:
        """The report's usual spelling, now and then a variant, as the real series mixes them."""
        return self.spelling[gov] if self.rng.random() < 0.85 else self.rng.choice(GOVS[gov])

    def name(self, perp: str, mid: bool = False) -> str:
        """Party name in lists ("International coalition forces") or mid-sentence ("international coalition forces")."""
        n = {
            "syrian_regime": self.regime,
            "russia": "Russian forces",
            "isis": self.isis,
            "hts": "Hay'at Tahrir al Sham",
            "international_coalition": "International coalition forces",
            "turkish_forces": "Turkish forces",
            "kurdish_forces": "Kurdish Self-Management forces",
            "armed_opposition": "Armed opposition factions",
            "other": self.other,
        }[perp]
        return (
            n[0].lower() + n[1:]
            if mid and n.split()[0] in ("Government", "International", "Armed", "Other", "Unidentified")
            else n
        )

    def heading(self, perp: str) -> str:
        if perp == "syrian_regime":
            return f"{self.regime} (army, security, local militias, Shiite foreign militias)"
        return self.isis_bullet if perp == "isis" else self.name(perp)

    def root(self) -> str:
        r, o = self.rng, self.rng.choice(ONSETS)
        s = (
            o + r.choice(VOWELS) + r.choice(CODAS) + r.choice(ONSETS) + r.choice(ENDS)
            if r.random() < 0.65
            else o + r.choice("mrlnb") + r.choice(VOWELS) + r.choice(CODAS)
        )
        return _cap(s[:2] + "'" + s[2:] if r.random() < 0.08 else s)  # "Ma'razaf" apostrophes, curly in the PDF

    def new_name(self) -> str:
        while True:
            form = self.rng.choice(NAME_FORMS)
            n = form.format(*(self.root() for _ in range(form.count("{}"))))
            if n.lower() not in BANNED and n not in self.used and not BANNED_TOKENS & set(n.lower().split()):
                self.used.add(n)
                return n

    def place(self, gov: str, ptype: str | None = None) -> tuple[str, str, float, float]:
        """A locality of the governorate; reused now and then, as real months hit one town repeatedly."""
        known = [p for p in self.places.get(gov, []) if ptype in (None, p[1])]
        if known and self.rng.random() < 0.2:
            return self.rng.choice(known)
        la, lo = CENTRE[gov]
        t = ptype or self.rng.choice(("village",) * 9 + ("town",) * 6 + ("city",) * 3 + ("area", "camp"))
        p = (
            self.new_name(),
            t,
            round(la + self.rng.uniform(-0.35, 0.35), 7),
            round(lo + self.rng.uniform(-0.35, 0.35), 7),
        )
        self.places.setdefault(gov, []).append(p)
        return p


def _actor(ctx: _Ctx, perp: str, weapon: str) -> tuple[str, str, str | None]:
    """Who did what, up to the target: (phrase, preposition or "" after a verb, perpetrator_note)."""
    rng = ctx.rng
    # "Syrian-Russian alliance" / "we believe are Russian" only once Russia fought (from September 2015)
    tpl, prep, note = rng.choice(
        [a for a in ACTORS[(perp, weapon)] if ctx.year >= 2016 or "Russian" not in a[0]] or ACTORS[(perp, weapon)]
    )
    ctx.g2 = rng.choice(GOV_KEYS) if "{G}" in tpl else None
    return (
        tpl.format(
            R=ctx.name("syrian_regime", mid=True),
            I=ctx.isis,
            D=rng.choice(DIRS),
            Q=ctx.new_name() if "{Q}" in tpl else "",
            M=rng.choice(("a number of missiles", "a number of missiles", "missiles", "a missile", "two missiles")),
            S=rng.choice(("a number of mortar shells", "a number of shells", "a shell", "mortar shells")),
            G=ctx.spell(ctx.g2) if ctx.g2 else "",
        ),
        prep,
        note,
    )


def _where(ctx: _Ctx, gov: str, prep: str, weapon: str) -> Rec:
    """The target and its locality, up to the killing clause, with the labels LABELLING derives from it."""
    rng = ctx.rng
    tgov = (
        gov if rng.random() > 0.05 else rng.choice(GOV_KEYS)
    )  # the text may name another governorate than the heading
    G, P = ctx.spell(tgov), f"{prep} " if prep else ""
    need_site = prep in ("near", "") or (weapon in ("car_bomb", "ied") and rng.random() < 0.7)
    s_txt, s_tgt, s_idps = rng.choice(BOMB_SITES if weapon == "car_bomb" else SITES)
    if weapon == "ground_raid_execution":
        s_txt, s_tgt, s_idps = rng.choice(((f"{ctx.root()} Farm", "farm", False), ("a house", "residential", False)))
    w: Rec = dict(parent=None, site=None, target="populated_area", idps=False, follows=False, in_gov=tgov)
    # inside the governorate's own city: "..., northwestern Raqqa city" (Damascus suburbs has no such city)
    if tgov != "damascus_suburbs" and (gov == "damascus" or rng.random() < 0.15):
        nb = f"al {ctx.root()}"
        w.update(
            place=G,
            ptype="city",
            lat=round(CENTRE[tgov][0] + 0.011, 7),
            lon=round(CENTRE[tgov][1] - 0.013, 7),
            site=f"{nb} neighborhood",
            subj="neighborhood",
            map_name=f"{nb}, {G}",
        )
        if need_site or rng.random() < 0.5:
            site = f"{s_txt} in {nb} neighborhood" if rng.random() < 0.6 else s_txt
            w.update(
                site=site,
                target=s_tgt,
                idps=s_idps,
                subj="neighborhood" if nb in site else "area",
                map_name=f"{nb}, {G}" if nb in site else G,
            )
        join = ", " if w["site"] == f"{nb} neighborhood" else rng.choice((", ", " in "))
        w["text"] = f"{P}{w['site']}{join}{rng.choice(DIRS)} {G} city"
        return w
    r = rng.random()
    form = "follows" if r < 0.1 and not need_site else "located" if r < 0.15 and not need_site else ""
    name, ptype, la, lo = ctx.place(tgov, {"follows": "village", "located": "area"}.get(form))
    w.update(place=name, ptype=ptype, lat=la, lon=lo, subj=ptype, map_name=name)
    region = (
        rng.choice(("Eastern Ghouta, ", "Eastern Ghouta, eastern ", "Western Ghouta, "))
        if tgov == "damascus_suburbs"
        else f"{rng.choice(DIRS)} suburbs of "
    ) + f"{G} governorate"
    if rng.random() < 0.04:  # no region phrase: the text names no governorate, or only the actor's
        region, w["in_gov"] = "", ctx.g2
    if form == "follows":
        q, qt, _, _ = ctx.place(tgov, rng.choice(("town", "city", "county")))
        w.update(
            parent=q,
            follows=True,
            text=f"{P}{name} village, which administratively {rng.choice(('follows', 'followed'))} {q} {qt}",
        )
    elif form == "located":
        q = ctx.new_name()
        w.update(
            parent=q,
            follows=True,
            site="the houses",
            target="residential",
            text=f"{P}the houses in {name} area, which is located in {q} area",
        )
    elif ptype == "camp":
        w.update(idps=True, text=f"{P}{name} camp")
    elif need_site or r < 0.55:
        if s_tgt == "populated_area" or rng.random() < 0.15:
            s_txt, s_tgt = (
                (f"the {name} – al {ctx.root()} river crossing", "river_crossing")
                if rng.random() < 0.5
                else (f"al {ctx.root()} neighborhood", "populated_area")
            )
            s_idps = False
        mid = rng.choice(("", "", "the middle of ", rng.choice(DIRS) + " "))
        w.update(site=s_txt, target=s_tgt, idps=s_idps, text=f"{P}{s_txt} in {mid}{name} {ptype}")
    else:
        w["text"] = f"{'in the middle of' if prep == 'at' and rng.random() < 0.15 else prep} {name} {ptype}"
    w["text"] += ", " + region if region else ""
    return w


def _breakdown(rng: random.Random, k: int) -> tuple[str, int | None, int | None, int | None]:
    """Victim breakdown (", including ..." or " (...)") and its children, women, fetuses (None without one)."""
    r = rng.random()
    if r < 0.22:
        return "", None, None, None

    def child(c: int) -> str:
        if c == 1:
            return rng.choice(("one child", "a child", "one female child", "an infant", "one female infant"))
        return f"{_num(rng, c)} {'female children' if rng.random() < 0.08 else 'children'}"

    def woman(n: int) -> str:
        return "one woman" if n == 1 else f"{_num(rng, n)} women"

    if r < 0.4:  # the parentheses name every victim
        if rng.random() < 0.2:
            return f" ({_num(rng, k - 2)} {'children' if k > 3 else 'child'} and their parents)", k - 2, 1, 0
        f = rng.choice((0, 0, 0, 1, 2)) if k >= 6 else 0
        c = rng.randint(1, k - 1 - f)
        parts = [child(c)] + ([f"{_num(rng, f)} fetus{'es' if f > 1 else ''}"] if f else []) + [woman(k - c - f)]
        return (
            f" ({' and '.join(parts) if len(parts) == 2 else f'{parts[0]}, {parts[1]}, and {parts[2]}'})",
            c,
            k - c - f,
            f,
        )
    c, wo = rng.randint(0, (k * 2) // 3), rng.randint(0, k // 3)
    c = c or (0 if wo else 1)
    return ", including " + " and ".join(([child(c)] if c else []) + ([woman(wo)] if wo else [])), c, wo, 0


def _clause(ctx: _Ctx, k: int, raid: bool, camp: bool) -> tuple[str, Rec]:
    """The killing clause from "the killing of" (or "killed") to the sentence's end, and its labels."""
    rng = ctx.rng
    v: Rec = dict(killed_is_lower_bound=False, idps=camp, wounded=None, wounded_qualifier=None)
    bd, v["children"], v["women"], v["fetuses"] = _breakdown(rng, k)
    noun = rng.choice(("civilians", "civilians", "individuals"))
    if bd.startswith(", including") and v["women"] == 0 and rng.random() < 0.15:
        bd, noun, v["children"] = "", "children", k  # "the killing of six children from the same family"
    lb = rng.choice(("no less than ", "at least ")) if rng.random() < 0.06 else ""
    n = f"{lb}{_num(rng, k)} {noun}"
    if raid:
        s = f"{rng.choice(('killed', 'executed'))} {n} by " + rng.choice(
            ("slaughtering them with knives and shooting them to death", "shooting them")
        )
    else:
        s = f"the killing of {n}" + (" at once" if rng.random() < 0.3 else "")
    wwd = rng.random() < 0.05
    s += " (what we have been able to document as of this writing)" if wwd else ""
    v["killed_is_lower_bound"] = bool(lb) or wwd
    fam = rng.random()
    v["same_family"] = fam < 0.2
    if fam < 0.12:
        s += " from the same family"
    elif fam < 0.2:
        s += ", who were mostly from the same family" + ("," if bd.startswith(",") else "")
        bd = bd.lstrip(",")
    elif fam < 0.23:
        s += " from two families"  # not the same family
    src = (
        f"{ctx.new_name()} {rng.choice(('village', 'town', 'city'))}, {rng.choice(DIRS)} suburbs of "
        f"{ctx.spell(rng.choice(GOV_KEYS))} governorate"
    )
    r = rng.random()
    if camp:
        s += bd + ", who were IDPs living in the camp"
    elif r < 0.05 and bd.startswith(", including"):  # "-IDPs from X city- including": "city-" glued to its next word
        s, v["idps"] = s + f" -IDPs from {src}-{NBSP}{bd[2:]}", True
    elif r < 0.1:
        s, v["idps"] = s + bd + f", who were IDPs from {src}", True
    else:
        s += bd
    if rng.random() < 0.45:
        wn, (form, q) = rng.randint(3, 40), rng.choice(WOUNDED)
        s += form.format(_num(rng, wn))
        v["wounded"], v["wounded_qualifier"] = (None, None) if "houses" in form else (wn, q)  # houses are not people
    return s + ".", v


def _control(ctx: _Ctx, perp: str, subj: str) -> tuple[str, str, str]:
    """Area-of-control sentence: (sentence, key, area_of_control_text)."""
    rng = ctx.rng
    key = rng.choice(CONTROL[perp])
    subj = (
        rng.choice(("city", "town", "village", "area")) if rng.random() < 0.05 else subj
    )  # samples say "The city" of a village
    if key == "armed_opposition_and_hts" and rng.random() < 0.3:
        txt = "armed opposition factions with a minor presence for Hay'at Tahrir al Sham"
        return f"The {subj} is under the control of {txt}.", key, txt
    if key in JOINT:
        return f"The {subj} was under the joint control of {JOINT[key]} at the time of the incident.", key, JOINT[key]
    txt = {
        "isis": ctx.isis,
        "hts": "Hay'at Tahrir al Sham",
        "armed_opposition": "armed opposition factions",
        "syrian_regime": ctx.name("syrian_regime", mid=True),
        "sdf": rng.choice(("the Kurdish-Majority SDF", "the Kurdish-majority Syrian Democratic Forces")),
    }[key]
    if rng.random() < 0.1:
        return f"The {subj} is under the control of {txt}.", key, txt
    tail = (
        ", while it is currently under the Kurdish-majority SDF as of this writing"
        if key == "isis" and rng.random() < 0.15
        else ""
    )
    return f"The {subj} was under the control of {txt} at the time of the incident{tail}.", key, txt


def _unit(ctx: _Ctx, perp: str, gov: str, day: dt.date, allow_double: bool) -> Rec:
    """One incident paragraph: its plain text and one record (two for "another massacre on the same day")."""
    rng = ctx.rng
    weapon = rng.choice(WEAPONS[perp])
    actor, prep, note = _actor(ctx, perp, weapon)
    w = _where(ctx, gov, prep, weapon)
    part = rng.choice(("dawn", "morning", "afternoon", "evening", "night")) if rng.random() < 0.1 else None
    hhmm = f"{rng.randint(0, 23):02d}:{rng.randrange(0, 60, 5):02d}" if not part and rng.random() < 0.12 else None
    text = (
        f"{calendar.day_name[day.weekday()]}{' ' + part if part else ''}, {_long(day)}, "
        f"{'around ' + hhmm + ', ' if hhmm else ''}{actor} {w['text']}"
    )
    k = 5 + min(int(rng.expovariate(1 / 7)), 70)  # a massacre is five or more killed; most are 5-20
    raid = weapon == "ground_raid_execution"
    clause, v = _clause(ctx, k, raid, w["ptype"] == "camp" and not w["site"])
    if raid:
        text += ", and " + clause
    elif w["follows"] and rng.random() < 0.5:
        text += f". The {'bombing' if 'fired' in actor or 'dropped' in actor else 'attack'} resulted in " + clause
    else:
        text += ", which resulted in " + clause
    recs = [dict(v, killed=k, idps=v["idps"] or w["idps"])]
    if allow_double and weapon == "fixed_wing_airstrike" and rng.random() < 0.06:
        k2 = rng.randint(5, 15)
        bd, c2, w2, f2 = _breakdown(rng, k2)
        site2 = f"another site in the {w['ptype']}"
        text += (
            " It should be noted that the same warplanes were responsible for another massacre on the same day, as "
            f"they targeted {site2} with missiles, killing {_num(rng, k2)} civilians{bd.lstrip(',')}."
        )
        recs.append(
            dict(
                killed=k2,
                children=c2,
                women=w2,
                fetuses=f2,
                wounded=None,
                wounded_qualifier=None,
                killed_is_lower_bound=False,
                same_family=False,
                idps=False,
                site=site2,
                target="other",
            )
        )
    if day.month != ctx.month:  # from the previous month, confirmed late, as the samples have
        seen = dt.date(ctx.year, ctx.month, rng.randint(1, 28))
        text += (
            f" On {calendar.day_name[seen.weekday()]}, {_long(seen)}, we were able to contact activists from the "
            "area who confirmed the incident."
        )
    if perp == "other" and rng.random() < 0.7:
        text, note = f"{text} {UNIDENTIFIED}.", "; ".join(n for n in (note, UNIDENTIFIED) if n)
    elif rng.random() < 0.04 and not raid:
        text += " In addition, the bombing heavily destroyed the residential buildings and shops in the area."
    area, akey, atxt = _control(ctx, perp, w["subj"])
    if rng.random() < 0.93:
        text += " " + area
    else:
        atxt = None  # no sentence; the massacre still counts in the regime's area-of-control list
    base = dict(
        date=day.isoformat(),
        time=hhmm,
        day_part=part,
        perpetrator=perp,
        perpetrator_text=ctx.heading(perp),
        attribution_uncertain=note is not None,
        perpetrator_note=note,
        governorate=gov,
        governorate_in_text=w["in_gov"],
        place=w["place"],
        place_type=w["ptype"],
        parent_place=w["parent"],
        site=w["site"],
        same_family=False,
        weapon=weapon,
        target=w["target"],
        area_of_control=akey if atxt else None,
        area_of_control_text=atxt,
        lat=None,
        lon=None,
        line=None,
        paragraph=text.replace(NBSP, " "),
    )
    out = []
    for r in recs:
        rec = dict(base, **r)
        # the summary's children/women also count victims a paragraph leaves without a breakdown
        rec["_c"] = rec["children"] if rec["children"] is not None else rng.randint(0, rec["killed"] // 2)
        rec["_w"] = rec["women"] if rec["women"] is not None else rng.randint(0, (rec["killed"] - rec["_c"]) // 2)
        out.append(rec)
    cap = (
        f"{rng.choice(('Victims being pulled out', 'Dead bodies of victims', 'A victim killed'))} in the aftermath of a "
        f"massacre by {ctx.name(perp, mid=True)} in {w['place']} {w['ptype']}, {ctx.spell(gov)} suburbs – {_long(day)}"
    )
    return dict(
        perp=perp,
        gov=gov,
        day=day,
        text=text,
        recs=out,
        akey=akey,
        caption=cap,
        place=w["place"],
        map=(w["map_name"], w["lat"], w["lon"]),
    )


def _witness(ctx: _Ctx, u: Rec) -> list[tuple[str, str]]:
    """A witness account: an intro, then a quoted paragraph that itself opens with a date and gives a toll."""
    rng, d, first = (
        ctx.rng,
        u["day"],
        ctx.rng.choice(("Ahmad", "Hussein", "Khaled", "Omar", "Mohammad", "Yaser", "Bilal")),
    )
    k = u["recs"][0]["killed"] + rng.choice((-1, 0, 0, 2))
    return [
        (
            "p",
            f"SNHR contacted, via WhatsApp, {first} {ctx.root()}, a media activist, who was in {u['place']}. "
            f"{first} told us:",
        ),
        (
            "p",
            f"“On {calendar.day_name[d.weekday()]}, {_long(d, year=False)}, around {rng.randint(6, 22):02d}:"
            f"{rng.choice(('00', '15', '30', '45'))}, observatories announced that warplanes are in the sky. Soon after, "
            f"the bombing targeted the residential neighborhoods in {u['place']}. I immediately headed there with the "
            f"ambulance. The bombing resulted in the killing of {_num(rng, k)} civilians, including "
            f"{_num(rng, rng.randint(1, 4))} children. Rescue operations lasted until 06:00 of the next day.”",
        ),
    ]


def _summary(ctx: _Ctx, units: list[Rec], style: dict[str, bool]) -> tuple[list[tuple[str, str]], list[Rec], Rec]:
    """Introduction narrative + executive summary blocks, the stated figures, and the report truth."""
    rng, M, Y = ctx.rng, ctx.mname, ctx.year
    agg: dict[str, list[int]] = {}
    gcount: dict[str, int] = {}
    areas: dict[str, int] = {}
    for u in units:
        for r in u["recs"]:
            a = agg.setdefault(u["perp"], [0, 0, 0, 0])
            a[0], a[1], a[2], a[3] = a[0] + 1, a[1] + r["killed"], a[2] + r["_c"], a[3] + r["_w"]
            gcount[u["gov"]] = gcount.get(u["gov"], 0) + 1
            if u["perp"] == "syrian_regime":
                areas[u["akey"]] = areas.get(u["akey"], 0) + 1
    total, V, C, W = (sum(a[i] for a in agg.values()) for i in range(4))
    perps = [p for p in PERPS if p in agg]
    stated: dict[tuple[str, str], Rec] = {
        ("total", "all"): dict(massacres=total, killed=V, children=C, women=W),
        ("victims_share", "women_and_children"): dict(percent=_pct(C + W, V)),
    }

    def put(dim: str, key: str, **m: int) -> None:
        stated.setdefault((dim, key), {}).update(m)

    top = sorted(perps, key=lambda p: (-agg[p][0], PERPS.index(p)))[: rng.randint(2, 3)]
    pc = [_pct(agg[p][0], total) for p in top]
    nm = [ctx.name(p, mid=True) for p in top]
    for p, x in zip(top, pc):
        put("perpetrator", p, percent=x)
    if rng.random() < 0.5:  # the September wording
        s = f"In {M}, we recorded that {nm[0]} perpetrated the most massacres with {pc[0]}% of all massacres"
        s += f", while {nm[1]} came second with {pc[1]}%" if len(top) > 1 else ""
        s += f", followed by {nm[2]} with {pc[2]}% of {M}'s massacres." if len(top) > 2 else "."
    else:  # the October wording
        s = (
            f"In {M}, we recorded that {nm[0]} topped all other parties in terms of massacres by perpetrating {pc[0]}% "
            f"of all of {M}'s massacres."
        )
        s += f" {_cap(nm[1])} were responsible for {pc[1]}% of all massacres in {M}" if len(top) > 1 else ""
        s += (f", followed by {nm[2]} at {pc[2]}% of all massacres documented in {M}." if len(top) > 2 else ".") * (
            len(top) > 1
        )
    gtop = max(gcount, key=lambda g: (gcount[g], -GOV_KEYS.index(g)))
    if rng.random() < 0.5:
        put("governorate", gtop, percent=_pct(gcount[gtop], total))
        s += (
            f" It is worth noting that {_pct(gcount[gtop], total)}% of all massacres documented in {M} were in "
            f"{ctx.spell(gtop)} governorate."
        )
    if rng.random() < 0.4:  # a party's own share: not a stated figure of any dimension
        s += (
            f" It should be noted that {rng.randint(40, 90)}% of the massacres committed by {nm[0]} were in "
            f"{ctx.spell(gtop)} governorate."
        )
    b: list[tuple[str, str]] = [
        ("p", s),
        ("h", "Methodology"),
        (
            "p",
            "SNHR describes an incident as a massacre if it "
            "involves the killing of five peaceful individuals at the same time. For more information about our methodology "
            "in documenting victims, please see the Following URL",
        ),
        ("h", "II.Executive Summary" if rng.random() < 0.2 else "II. Executive Summary"),
    ]  # October lacks the space
    report: Rec = dict(
        month=f"{Y}-{ctx.month:02d}",
        title=None,
        published=None,
        total_massacres=total,
        victims_total=V,
        victims_children=C,
        victims_women=W,
        ytd_massacres=None,
        ytd_period=None,
    )
    if style["ytd"]:
        ytd = total + sum(rng.randint(15, 70) for _ in range(ctx.month - 1))
        nxt = f"January {Y + 1}" if ctx.month == 12 else f"{calendar.month_name[ctx.month + 1]} of the same year"
        b += [
            ("h", f"A. Toll of massacres in {Y}"),
            (
                "p",
                f"SNHR has documented {ytd} massacres at the hands of the "
                f"parties to the conflict between the start of {Y} and {nxt}",
            ),
        ]
        report.update(ytd_massacres=ytd, ytd_period=f"{Y}-01/{Y}-{ctx.month:02d}")
    b += [
        ("h", f"B. Toll of massacres in {M} {Y}"),
        (
            "p",
            f"SNHR has documented no less than {total} massacre{'s' * (total > 1)} in {M}{rng.choice(('', '', '.'))}",
        ),
    ]
    if style["list"]:
        items: list[str] = []
        for p in perps:  # lettered in order; ISIS and HTS go as sub-items under "Extremist Islamic groups"
            letter = "ABCDEFGHI"[sum(bool(re.match(r"- [A-I]\. ", i)) for i in items)]
            if p in ("isis", "hts") and not any("Extremist" in i for i in items):
                items.append(f"- {letter}. Extremist Islamic groups:")
            items.append(
                f"{' ' if style['web'] else ''}- {ctx.name(p)}: {agg[p][0]}"
                if p in ("isis", "hts")
                else f"- {letter}. {ctx.heading(p)}: {agg[p][0]}"
            )
            put("perpetrator", p, massacres=agg[p][0])
        b += [("p", "As follows:"), ("l", "\n".join(items))]
    if style["areas"] and areas:
        for key, n in areas.items():
            put("regime_area_of_control", key, massacres=n)
        b += [
            (
                "p",
                f"The massacres perpetrated by {ctx.name('syrian_regime', mid=True)}{rng.choice(('', f' in {M} {Y}'))}"
                " were distributed by area of control as follows:",
            ),
            (
                "l",
                "\n".join(
                    f"- {_cap(_num(rng, n, 1.0 if n < 10 else 0.0))} massacre{'s' * (n > 1)} in areas under "
                    f"{AREA_LIST[key]}"
                    for key, n in areas.items()
                ),
            ),
        ]
    if style["list"] and style["govs"]:
        order = sorted(gcount, key=lambda g: (-gcount[g], GOV_KEYS.index(g)))
        items = [
            f"{ctx.spell(g)}{', ' if i == 0 and rng.random() < 0.1 else ': '}{gcount[g]}" for i, g in enumerate(order)
        ]
        bullets = rng.random() < 0.3
        b += [
            ("p", "The massacres are distributed across governorates as follows:"),
            ("l", "- " + "\n- ".join(items)) if bullets else ("p", ", ".join(items)),
        ]
        for g in order:
            put("governorate", g, massacres=gcount[g])
    b += [
        (
            "p",
            f"According to the victim documentation team at SNHR, {V} individuals were killed in those massacres, "
            f"including {C} children and {W} women (adult female). This means that {_pct(C + W, V)}% of all victims were "
            "women and children, which is a considerably high percentage and an indication that civilians were "
            "targeted in most of these massacres.",
        ),
        ("p", "The death toll of these massacres is distributed by the perpetrator party as follows:"),
    ]
    for p in perps:
        _, k, c, w = agg[p]
        inc = " and ".join(
            ([f"{_num(rng, c)} {'child' if c == 1 else 'children'}"] if c else [])
            + ([f"{_num(rng, w)} {'woman' if w == 1 else 'women'}"] if w else [])
        )
        b.append(
            (
                "p",
                f"{ctx.name(p)}: {_num(rng, k)} {rng.choice(('civilians', 'individuals'))}"
                + (f", including {inc}" if inc else ""),
            )
        )
        # A breakdown that names only children states women = 0, as the incident rule has it.
        put("perpetrator", p, killed=k, **({"children": c, "women": w} if inc else {}))
    # stated in order of first appearance within each dimension, as the fixtures list them
    keys = [("total", "all"), ("victims_share", "women_and_children")] + [
        ("perpetrator", p) for p in dict.fromkeys(top + perps)
    ]
    keys += [k for k in stated if k[0] == "regime_area_of_control"] + [k for k in stated if k[0] == "governorate"]
    return b, [dict(dimension=d, key=k, **stated[(d, k)]) for d, k in keys], report


def _linkify(rng: random.Random, text: str, place: str | None) -> str:
    """Web form: wrap a few words, and often the place, in [text](#) links as the site's export does."""
    toks = text.split(" ")
    for _ in range(rng.randint(0, 3)):
        i = rng.randrange(1, len(toks))
        if re.fullmatch(r"[A-Za-z0-9']+", toks[i]):
            j = i + 1 if i + 1 < len(toks) and rng.random() < 0.3 and re.fullmatch(r"[A-Za-z0-9']+", toks[i + 1]) else i
            toks[i] = "[" + toks[i]
            toks[j] += "](#)"
    text = " ".join(toks)
    if place and rng.random() < 0.45:  # only where no word link touches it: links never nest
        text = re.sub(rf"(?<![\[\w]){re.escape(place)}(?![\w\]])", lambda m: f"[{m.group(0)}](#)", text, count=1)
    return text


def _split(w: str, room: int) -> tuple[str, str] | None:
    """Break a word across lines the way LABELLING's normalisation undoes exactly, or None."""
    if room < 3 or NBSP in w:
        return None
    best = None
    for i in range(1, len(w) - 1):  # at a real hyphen only where the rule keeps it: "surface-to-|surface", "Ez-|Zour"
        if w[i] == "-" and i + 1 <= room and ("-" in w[:i] or w[i + 1].isupper()):
            best = (w[: i + 1], w[i + 1 :])
    m = re.fullmatch(r"([A-Za-z][a-z]{5,})([,.;:)]*)", w)  # soft hyphen: lower-case tail, no other hyphen in the head
    if best or not m:
        return best
    core, v = m.group(1), "aeiouy"
    cands = [
        i
        for i in range(2, len(core) - 2)
        if core[i] not in v
        and core[i + 1] in v
        and i + 1 <= room
        and core[i - 1 : i + 1] not in ("sh", "th", "kh", "gh", "ch", "ph")
    ]
    good = [i for i in cands if core[i - 1] not in v] or cands  # "mis-siles" rather than "missi-les"
    return (core[: good[-1]] + "-", core[good[-1] :] + m.group(2)) if good else None


def _wrap(rng: random.Random, text: str, width: int) -> list[str]:
    """PDF hard wrap: a line ends with a space, or with a hyphen where a word was broken."""
    out: list[str] = []
    cur = ""
    for w in text.split(" "):
        if not cur or len(cur) + 1 + len(w) <= width:
            cur = f"{cur} {w}" if cur else w
            continue
        sp = _split(w, width - len(cur) - 1) if rng.random() < 0.7 else None
        out.append(f"{cur} {sp[0]}" if sp else cur + " ")
        cur = sp[1] if sp else w
    return [x.replace(NBSP, " ") for x in out + [cur]]


def _url(rng: random.Random, name: str | None = None, la: float = 0.0, lo: float = 0.0) -> str:
    """A map link (its @viewport is off the place marker on purpose: the truth is the last pair, !3d!4d), or noise."""
    if name:
        return (
            f"https://www.google.com.tr/maps/place/{'+'.join(_cap(t) for t in name.split(' '))},+Syria/"
            f"@{la + rng.uniform(-0.01, 0.01):.7f},{lo + rng.uniform(-0.02, 0.02):.7f},{rng.choice(('13z', '14z', '15.75z'))}"
            f"/data=!3m1!4b1!4m5!3m4!1s0x0:0x0!8m2!3d{la:.7f}!4d{lo:.7f}?hl=en"
        )
    a = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return rng.choice(
        (
            f"https://drive.google.com/file/d/0B8oDs0gvdXqF{''.join(rng.choices(a, k=17))}/view",
            f"https://goo.gl/{''.join(rng.choices(a, k=6))}",
            f"http://sn4hr.org/blog/{rng.randint(2012, 2024)}/{rng.randint(1, 12):02d}/{rng.randint(10000, 99999)}/",
        )
    )


Block = tuple[str, str, list[Rec], Any]  # kind (h heading, p paragraph, l list, c caption, break), text, records, map


def _render_web(rng: random.Random, head: list[str], blocks: list[Block]) -> str:
    lines = list(head)
    for kind, text, recs, _ in blocks:
        if kind == "break":
            continue
        if kind == "p" and (recs or rng.random() < 0.1):
            text = _linkify(rng, text, recs[0]["place"] if recs else None)
        for r in recs:
            r["line"] = len(lines) + 1
        lines += text.replace(NBSP, " ").split("\n")
        lines += [""] if rng.random() < 0.8 else rng.choice((["", "", ""], ["", " ", ""]))
    return "\n".join(lines) + "\n"


def _render_pdf(rng: random.Random, blocks: list[Block]) -> str:
    """Pages of 24-44 lines, each closed by its URL block: map links of its paragraphs, in any order, amid noise."""
    width, lines = rng.randint(86, 92), []
    maps: dict[str, list[Any]] = {}
    st: Rec = dict(count=0, limit=rng.randint(24, 44), new=True, last="h")

    def flush() -> None:
        urls: list[str] = []
        for name, (la, lo, recs) in maps.items():
            if rng.random() < 0.65:  # not every paragraph has a map link
                urls += [_url(rng, name, la, lo)] * rng.choice((1, 1, 1, 2))
                for r in recs:
                    r["lat"], r["lon"] = la, lo
        for _ in range(rng.randint(0, 3)):
            urls.insert(rng.randint(0, len(urls)), _url(rng))
        lines.extend(urls)
        maps.clear()
        st.update(count=0, limit=rng.randint(24, 44), new=True)

    for kind, text, recs, mp in blocks:
        if kind == "break" or (st["count"] >= st["limit"] and st["last"] != "h"):  # never part a heading from its text
            flush()
            if kind == "break":
                continue
        text = text.replace("'", "’")
        bl = [text] if kind == "h" else [x for item in text.split("\n") for x in _wrap(rng, item, width)]
        if st["new"]:
            bl[0], st["new"] = " " + bl[0], False  # a line starting with a space begins a page
        for r in recs:
            r["line"] = len(lines) + 1
        if mp and mp[0]:
            maps.setdefault(mp[0], [mp[1], mp[2], []])[2].extend(recs)
        lines += bl + ([] if kind == "h" else [""])
        st["count"], st["last"] = st["count"] + len(bl) + 1, kind
    flush()
    return "\n".join(lines) + "\n"


def generate_report(
    seed: int, *, year: int | None = None, month: int | None = None, form: str = "web", n_incidents: int | None = None
) -> tuple[str, dict]:
    """Returns (text, truth) for one synthetic monthly report.

    form "web": paragraphs separated by blank lines, some [text](#) links, a cover with title and date line.
    form "pdf": hard-wrapped ~90 chars with hyphenated breaks, URL blocks with Google Maps links at page ends, a
    leading space on each page's first line; usually no cover (title and published null), as the October sample.
    n_incidents: incident records in the details (default 5-40). Under "Details of <Month>'s Incidents" the month's
    total equals it; under "Most Notable Massacres in <Month>" the total is larger.
    """
    if form not in ("web", "pdf"):
        raise ValueError(f"form must be 'web' or 'pdf', not {form!r}")
    rng = random.Random(seed)
    year = year if year is not None else rng.randint(2011, 2025)
    month = month if month is not None else rng.randint(6 if year == 2011 else 1, 12)
    n = n_incidents if n_incidents is not None else rng.randint(5, 40)
    if n < 1:
        raise ValueError("n_incidents must be at least 1")
    ctx, M = _Ctx(rng, year, month), calendar.month_name[month]
    style = dict(
        web=form == "web",
        ytd=rng.random() < 0.85,
        list=rng.random() < 0.65,
        areas=rng.random() < 0.7,
        govs=rng.random() < 0.9,
        notable=rng.random() < 0.3,
    )
    active = [p for p in PERPS if ERA.get(p, 0) <= year and (p == "syrian_regime" or rng.random() < 0.45)]
    pw = [rng.uniform(0.3, 3.0) * (2 if p == "syrian_regime" else 1) for p in active]
    gw = {g: rng.uniform(0.2, 1.0) ** 3 for g in GOV_KEYS}  # a month has hot spots ("59% ... in Deir Ez-Zour")
    first, days = dt.date(year, month, 1), calendar.monthrange(year, month)[1]

    def make(count: int) -> list[Rec]:
        units: list[Rec] = []
        while (got := sum(len(u["recs"]) for u in units)) < count:
            perp = rng.choices(active, pw)[0]
            gov = rng.choices(PERP_GOVS[perp], [gw[g] for g in PERP_GOVS[perp]])[0]
            late = rng.random() < 0.04  # from the previous month, confirmed late
            day = first + dt.timedelta(days=-rng.randint(1, 25) if late else rng.randint(0, days - 1))
            units.append(_unit(ctx, perp, gov, day, allow_double=count - got >= 2))
        return units

    shown = make(n)
    summary, stated, report = _summary(ctx, shown + (make(rng.randint(1, n)) if style["notable"] else []), style)
    total = report["total_massacres"]
    top = max(stated[2:], key=lambda s: s.get("killed", 0) if s["dimension"] == "perpetrator" else -1)["key"]
    pub = dt.date(year + month // 12, month % 12 + 1, 1) + dt.timedelta(days=rng.randint(0, 14))
    pub_line = f"{calendar.day_name[pub.weekday()]}, {_long(pub)}"
    ms = "Massacres" if total > 1 else "Massacre"
    title = rng.choice((f"No less than {total} {ms} in {M} {year}", f"{total} {ms} Documented in {M} {year}"))
    dtitle = f"Most Notable Massacres in {M}" if style["notable"] else f"Details of {M}'s Incidents"
    head: list[str] = []
    blocks: list[Block] = []
    if form == "web":
        head = [
            "",
            "",
            title,
            "",
            f"{ctx.name(top)} Topped All Other Parties",
            "in Death Toll",
            "",
            "SNHR",
            "",
            "SYRIAN NETWORK FOR HUMAN RIGHTS",
            "",
            "الشبكة السورية لحقوق الإنسان",
            "",
            pub_line,
            "",
            "The Syrian Network for Human Rights, founded in June 2011, is a non-governmental, non-profit independent "
            "organization that is a primary source for the United Nations on all death toll-related statistics in Syria",
            "",
            "",
            "",
            "Contents",
            "",
            "- I. Introduction",
            "- II. Executive Summary",
            f"- III. {dtitle}",
            "- IV. Conclusions and Recommendations",
            "",
        ]
    elif rng.random() < 0.3:
        blocks += [("h", title, [], None), ("h", pub_line, [], None), ("break", "", [], None)]
    if head or blocks:
        report.update(title=title, published=pub.isoformat())
    blocks.append(("h", "I. Introduction", [], None))
    for t in rng.sample(INTRO_NOISE, rng.randint(1, 3)):
        d = first - dt.timedelta(days=rng.randint(20, 200))
        t = t.format(
            wd=calendar.day_name[d.weekday()],
            d=_long(d),
            dir=rng.choice(DIRS),
            g=ctx.spell(rng.choice(("idlib", "hama", "aleppo"))),
        )
        blocks.append(("p", t if form == "web" else t.replace("[report](#)", "report"), [], None))
    blocks += [(k, t, [], None) for k, t in summary] + [("h", f"{rng.choice(('II', 'III'))}. {dtitle}", [], None)]
    ordered: list[Rec] = []
    letter, extremist = 0, False
    for perp in PERPS:
        us = [u for u in shown if u["perp"] == perp]
        if not us:
            continue
        if perp in ("isis", "hts"):
            if not extremist:
                blocks.append(("h", f"{'ABCDEFGHI'[letter]}. Extremist Islamic groups", [], None))
                letter, extremist = letter + 1, True
            blocks.append(("h", f"- {ctx.heading(perp)}", [], None))
        else:
            letter -= (
                perp == "other" and letter > 0 and rng.random() < 0.1
            )  # October repeats a letter: "D. Other parties"
            blocks.append(("h", f"{'ABCDEFGHI'[letter]}. {ctx.heading(perp)}", [], None))
            letter += 1
        for gov in dict.fromkeys(u["gov"] for u in us):
            blocks.append(("h", f"{ctx.spell(gov)} governorate", [], None))
            for u in sorted((u for u in us if u["gov"] == gov), key=lambda u: u["day"]):
                blocks.append(("p", u["text"], u["recs"], u["map"]))
                ordered += u["recs"]
                blocks += [("c", u["caption"], [], None)] if rng.random() < 0.12 else []  # photo caption
                blocks += [(k, t, [], None) for k, t in _witness(ctx, u)] if rng.random() < 0.05 else []
    blocks += [
        ("break", "", [], None),
        ("h", f"{rng.choice(('III', 'IV'))}. Conclusions and Recommendations", [], None),
    ]
    blocks += [(k, t, [], None) for k, t in TRAILER]
    text = _render_web(rng, head, blocks) if form == "web" else _render_pdf(rng, blocks)
    incidents = [{f: (i if f == "seq" else r[f]) for f in FIELDS} for i, r in enumerate(ordered, 1)]
    return text, {"report": report, "stated": stated, "incidents": incidents}


def write_corpus(
    directory: str | Path, n: int, seed: int = 0, forms: tuple[str, ...] = ("web", "pdf"), with_truth: bool = True
) -> list[Path]:
    """Writes n reports as snhr-YYYY-MM-massacres-<i>.txt (months drawn from 2011-2025, forms in turn) and, unless
    with_truth is false, each one's truth beside it as snhr-YYYY-MM-massacres-<i>.truth.json. Returns the .txt paths."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text, truth = generate_report(seed * 1_000_003 + i, form=forms[i % len(forms)])
        path = out / f"snhr-{truth['report']['month']}-massacres-{i}.txt"
        path.write_text(text, encoding="utf-8")
        if with_truth:
            path.with_suffix(".truth.json").write_text(
                json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
            )
        paths.append(path)
    return paths


if __name__ == "__main__":
    import time

    t0 = time.perf_counter()
    for s in range(1000):
        generate_report(s, form=("web", "pdf")[s % 2])
    print(f"1,000 reports in {time.perf_counter() - t0:.2f} s")
    for p in write_corpus("/tmp/synth-sample", 3, seed=1, forms=("web", "pdf", "pdf")):
        print(p)
