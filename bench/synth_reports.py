"""Synthetic SNHR monthly massacre reports ("No less than N massacres in <Month>") with their truth.

Used by the parser tests and the ingest benchmark. One ``random.Random(seed)`` drives every choice,
so a seed always gives byte-identical text and truth (no set iteration, no ``hash()``).

The grammar imitates the real series (see data/reports/): web text with ``[text](#)`` links, or text
extracted from the PDF (hard wraps, hyphenated words, URL blocks with Google Maps links at page ends,
a leading space on each page's first line). Place names are made from syllables so that no test can
pass by memorising the real samples; governorate names are real, in their spelling variants.

Truth follows tests/fixtures/LABELLING.md: ``paragraph`` is the normalised paragraph, i.e. exactly the
plain text this module composed before decorating it (links, curly quotes, wraps); the decorations
are chosen so that LABELLING's normalisation rules undo them exactly.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import random
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

NBSP = "\u00a0"  # a space the PDF wrapper must not break at (see _clause / _wrap); printed as " "

GOVS: dict[str, tuple[str, ...]] = {
    "damascus": ("Damascus",), "damascus_suburbs": ("Damascus suburbs", "Damascus countryside", "Rif Dimashq"),
    "aleppo": ("Aleppo",), "idlib": ("Idlib", "Idleb"), "hama": ("Hama",), "homs": ("Homs",),
    "latakia": ("Latakia", "Lattakia"), "tartus": ("Tartus", "Tartous"), "daraa": ("Daraa", "Dara'a"),
    "suwayda": ("Suwayda", "al Suwayda", "Sweida"), "quneitra": ("Quneitra", "al Quneitra"),
    "deir_ez_zor": ("Deir Ez-Zour", "Der Ezzor", "Deir ez-Zor", "Deir Ez Zour"),
    "raqqa": ("Raqqa", "al Raqqa"), "hasaka": ("Hasaka", "al Hasaka", "Hasakeh"),
}
CENTRE: dict[str, tuple[float, float]] = {
    "damascus": (33.51, 36.29), "damascus_suburbs": (33.60, 36.50), "aleppo": (36.20, 37.15),
    "idlib": (35.90, 36.60), "hama": (35.20, 36.75), "homs": (34.70, 36.90), "latakia": (35.60, 35.95),
    "tartus": (34.90, 36.00), "daraa": (32.70, 36.10), "suwayda": (32.70, 36.60), "quneitra": (33.10, 35.85),
    "deir_ez_zor": (35.00, 40.30), "raqqa": (35.95, 39.00), "hasaka": (36.50, 40.75),
}
PERPS = ("syrian_regime", "russia", "isis", "hts", "international_coalition", "kurdish_forces",
         "turkish_forces", "armed_opposition", "other")  # the order sections appear in
ERA = {"russia": (2015, 2025), "international_coalition": (2014, 2025), "isis": (2013, 2025),
       "hts": (2017, 2025), "turkish_forces": (2016, 2025)}  # a party only appears in years it fought
PERP_GOVS = {
    "syrian_regime": tuple(GOVS), "russia": ("idlib", "hama", "aleppo", "deir_ez_zor", "homs", "damascus_suburbs", "latakia"),
    "isis": ("deir_ez_zor", "raqqa", "hasaka", "homs", "damascus", "aleppo", "hama"), "hts": ("idlib", "aleppo", "hama"),
    "international_coalition": ("raqqa", "deir_ez_zor", "hasaka", "aleppo", "idlib"),
    "kurdish_forces": ("aleppo", "hasaka", "raqqa", "deir_ez_zor"), "turkish_forces": ("aleppo", "hasaka", "raqqa"),
    "armed_opposition": ("aleppo", "damascus", "hama", "daraa", "latakia", "homs"),
    "other": ("daraa", "idlib", "aleppo", "damascus", "damascus_suburbs", "homs", "hasaka", "suwayda"),
}
WEAPONS = {
    "syrian_regime": (("fixed_wing_airstrike", 5), ("rotary_wing_barrel_bomb", 3), ("artillery", 3),
                      ("surface_to_surface_rocket", 1), ("ground_raid_execution", 1)),
    "russia": (("fixed_wing_airstrike", 1),), "international_coalition": (("fixed_wing_airstrike", 1),),
    "isis": (("landmine", 2), ("car_bomb", 2), ("artillery", 2), ("ied", 1), ("ground_raid_execution", 2)),
    "hts": (("ground_raid_execution", 2), ("artillery", 1), ("ied", 1)),
    "kurdish_forces": (("artillery", 2), ("ground_raid_execution", 1)),
    "turkish_forces": (("fixed_wing_airstrike", 1), ("artillery", 2)),
    "armed_opposition": (("artillery", 3), ("surface_to_surface_rocket", 1)),
    "other": (("car_bomb", 2), ("ied", 2), ("landmine", 1), ("ground_raid_execution", 1)),
}
CONTROL = {  # who held the struck area, by perpetrator: the realistic pairings only
    "syrian_regime": ("isis", "armed_opposition", "armed_opposition", "hts", "armed_opposition_and_hts",
                      "hts_and_turkistan_party", "syrian_regime"),
    "russia": ("isis", "armed_opposition", "hts", "armed_opposition_and_hts", "hts_and_turkistan_party"),
    "isis": ("syrian_regime", "sdf", "armed_opposition", "isis"), "hts": ("armed_opposition", "hts", "syrian_regime"),
    "international_coalition": ("isis", "isis", "hts"), "kurdish_forces": ("armed_opposition", "sdf"),
    "turkish_forces": ("sdf",), "armed_opposition": ("syrian_regime",),
    "other": ("syrian_regime", "armed_opposition", "sdf"),
}
AREA_LIST = {  # wording of the regime "distributed by area of control" list
    "armed_opposition": "areas under the control of armed opposition factions",
    "syrian_regime": "areas under the control of Syrian regime forces",
    "armed_opposition_and_hts": "areas under the joint control of armed opposition factions and Hay'at Tahrir al Sham",
    "hts": "areas under the control of Hay'at Tahrir al Sham", "isis": "areas under the control of ISIS",
    "hts_and_turkistan_party": "areas under the joint control of Hay'at Tahrir al Sham and the Islamic Turkistani Party",
    "sdf": "areas under the control of the Kurdish-majority SDF",
}
DIRS = ("eastern", "western", "northern", "southern", "northeastern", "northwestern", "southeastern", "southwestern")
DAY_PARTS = ("dawn", "morning", "afternoon", "evening", "night")
ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
# Syllables for place names ("Tell Marqa", "Jdeidat Shmeis", "al Kafr Dawsa").
ONSETS = ("b", "d", "f", "gh", "h", "j", "k", "kh", "m", "n", "q", "r", "s", "sh", "t", "z", "w", "dh")
VOWELS = ("a", "a", "i", "ou", "ei", "e", "aa")
CODAS = ("r", "n", "l", "m", "s", "w", "y", "b", "d", "sh")
ENDS = ("a", "eh", "iya", "oun", "an", "at", "ein", "ah", "ieh", "oul", "is")
PREFIXES = ("Tell", "Kafr", "al Kafr", "Deir", "Beit", "Jdeidat", "Khirbet", "Ain", "Umm", "Abu", "Ard", "Qasr", "Maarrat")
SUFFIXES = ("Fouqani", "Tahtani", "Gharbi", "Sharqi", "al Kabir", "al Saghir", "Shamiya", "Jazira", "al Jadida")
FIRST_NAMES = ("Ahmad", "Hussein", "Khaled", "Omar", "Mohammad", "Yaser", "Mahmoud", "Abdullah", "Ali", "Bilal")
# Names and tokens a generated name must never equal: the samples' places, governorates, "Syria".
BANNED = {s.lower() for s in (
    "Hawayej Thyab Shamiya|Mathloun|al Mayadeen|Buqrus Tahtani|Buqrus Fouqani|Tabiya Shamiya|Tabiya Jazeera|"
    "Mohasan|al Boulayl|al Sabha|Jarjanaz|Mazra'at al Tes'a|Sahl al Rouj|Armanaz|Misraba|Beit Sawa|al Hawat|"
    "Ma'razaf|Qal'at al Madiq|al Ashrafiya|Talbisah|Zgheir Shamiya|Jdeidat Bakkara|Khsham|Mrat|al Sakhna|"
    "Breiha|al Bokamal|Khan Sheikhoun|Jisr al Shoghour|Harem|Hwayyer al Eis|al Mrashda|al Me'mari|Markada|"
    "al Shhabat|al Baghouz|Mahkan|al Qosour|Jisreen|Mwayleh bin Hdaib|al Hamra|al Ashara|Darnej|al Qouriya|"
    "al Tayyana|al Sousa|Abu Fas|al Tawse'eya|al Badou|al Sfeira|al Midan|al Mri'iyah|al Boamrou|al Dar'iyah|"
    "al Ferdous|al Sena'a|al Tawsi'iya|Sawa|Kharita|Dahla|Ekidat|Sharqi").split("|")}
BANNED_TOKENS = {"syria", "ghouta", "euphrates", "hama", "homs", "idlib", "aleppo", "raqqa", "daraa", "damascus",
                 "latakia", "tartus", "quneitra", "suwayda", "hasaka", "sahl"}
SITES = (  # (text, target, idps) of a target inside a locality
    ("a residential building", "residential", False), ("a house", "residential", False),
    ("the houses", "residential", False), ("a residential neighborhood", "residential", False),
    ("the main market", "market", False), ("a popular market", "market", False),
    ("a school that was turned into an IDPs shelter", "school", True), ("an IDPs tent", "idp_shelter", True),
    ("a makeshift IDPs shelter", "idp_shelter", True), ("a civilian bus", "vehicle", False),
    ("a civilian car", "vehicle", False), ("a gathering of civilians", "gathering", False),
    ("a field hospital", "medical", False), ("a medical point", "medical", False), ("a bakery", "other", False),
    ("the main street", "populated_area", False),
)
Rec = dict[str, Any]


def _num(rng: random.Random, n: int, p_words: float | None = None) -> str:
    """Small numbers mostly as words ("seven"), larger ones sometimes ("twenty-three")."""
    if p_words is None:
        p_words = 0.9 if n < 10 else 0.25
    if n >= 100 or rng.random() >= p_words:
        return str(n)
    return ONES[n] if n < 20 else TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def _long(d: dt.date, year: bool = True) -> str:
    return f"{calendar.month_name[d.month]} {d.day}" + (f", {d.year}" if year else "")


class _Ctx:
    """Choices that must stay consistent across one report: naming of parties, spellings, places."""

    def __init__(self, rng: random.Random, year: int, month: int) -> None:
        self.rng, self.year, self.month = rng, year, month
        self.mname = calendar.month_name[month]
        old = year < 2016  # early reports said "Government forces" more often
        self.regime = "Government forces" if rng.random() < (0.6 if old else 0.15) else "Syrian regime forces"
        self.isis = "Daesh" if rng.random() < 0.25 else "ISIS"
        self.isis_bullet = "ISIS (Self-proclaimed the Islamic State)" if self.isis == "ISIS" and rng.random() < 0.7 else self.isis
        self.other = rng.choice(("Other parties", "Unidentified groups"))
        self.spelling = {g: (v[0] if rng.random() < 0.7 else rng.choice(v)) for g, v in GOVS.items()}
        self.places: dict[str, list[tuple[str, str, float, float]]] = {}
        self.used: set[str] = set()

    def spell(self, gov: str) -> str:
        """The report's usual spelling, with an occasional variant as the real series has."""
        return self.spelling[gov] if self.rng.random() < 0.85 else self.rng.choice(GOVS[gov])

    def name(self, perp: str, mid: bool = False) -> str:
        """Party name in lists ("International coalition forces") or mid-sentence (lower-cased)."""
        n = {"syrian_regime": self.regime, "russia": "Russian forces", "isis": self.isis, "hts": "Hay'at Tahrir al Sham",
             "international_coalition": "International coalition forces", "kurdish_forces": "Kurdish Self-Management forces",
             "turkish_forces": "Turkish forces", "armed_opposition": "Armed opposition factions", "other": self.other}[perp]
        return n[0].lower() + n[1:] if mid and n.split()[0] in ("Government", "International", "Armed", "Other", "Unidentified") else n

    def heading(self, perp: str) -> str:
        if perp == "syrian_regime":
            return f"{self.regime} (army, security, local militias, Shiite foreign militias)"
        return self.isis_bullet if perp == "isis" else self.name(perp)

    def root(self) -> str:
        rng = self.rng
        if rng.random() < 0.65:
            s = rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) + rng.choice(ONSETS) + rng.choice(ENDS)
        else:
            s = rng.choice(ONSETS) + rng.choice("mrlnb") + rng.choice(VOWELS) + rng.choice(CODAS)
        if rng.random() < 0.08:  # "Ma'razaf"-style apostrophes, curly in the PDF form
            s = s[:2] + "'" + s[2:]
        return _cap(s)

    def new_name(self) -> str:
        while True:
            r = self.rng.random()
            if r < 0.3:
                n = "al " + self.root()
            elif r < 0.55:
                n = f"{self.rng.choice(PREFIXES)} {self.root()}"
            elif r < 0.68:
                n = f"{self.root()} {self.rng.choice(SUFFIXES)}"
            elif r < 0.78:
                n = f"{self.root()} al {self.root()}"
            else:
                n = self.root()
            if n.lower() not in BANNED and n not in self.used and not BANNED_TOKENS & set(n.lower().split()):
                self.used.add(n)
                return n

    def place(self, gov: str, ptype: str | None = None) -> tuple[str, str, float, float]:
        """A locality of the governorate; reused now and then, as real months hit one town repeatedly."""
        known = [p for p in self.places.get(gov, []) if ptype in (None, p[1])]
        if known and self.rng.random() < 0.2:
            return self.rng.choice(known)
        t = ptype or _weighted(self.rng, (("village", 45), ("town", 30), ("city", 15), ("area", 5), ("camp", 5)))
        la, lo = CENTRE[gov]
        p = (self.new_name(), t, round(la + self.rng.uniform(-0.35, 0.35), 7), round(lo + self.rng.uniform(-0.35, 0.35), 7))
        self.places.setdefault(gov, []).append(p)
        return p


def _actor(ctx: _Ctx, perp: str, weapon: str) -> tuple[str, str, str | None]:
    """Who did what, up to the target: (phrase, preposition or "" after a verb, perpetrator_note)."""
    rng, R = ctx.rng, ctx.name("syrian_regime", mid=True)
    missiles = rng.choice(("a number of missiles", "a number of missiles", "missiles", "a missile", "two missiles", "four missiles"))
    if weapon == "fixed_wing_airstrike":
        if perp == "syrian_regime":
            u = rng.random()
            if u < 0.1:
                return f"fixed-wing warplanes of the Syrian-Russian alliance fired {missiles}", "at", "Syrian-Russian alliance"
            if u < 0.17:
                note = "Investigations are still ongoing to determine the perpetrating party accurately"
                return f"Syrian-Russian alliance warplanes ({note}) fired missiles", "at", "Syrian-Russian alliance; " + note
            return f"fixed-wing {R} warplanes{' (Su-24)' if rng.random() < 0.1 else ''} fired {missiles}", "at", None
        if perp == "russia":
            if rng.random() < 0.75:
                v = rng.choice(("are", "were"))
                return f"fixed-wing warplanes we believe {v} Russian fired {missiles}", "at", f"we believe {v} Russian"
            return f"fixed-wing Russian warplanes fired {missiles}", "at", None
        if perp == "turkish_forces":
            return f"Turkish warplanes fired {missiles}", "at", None
        if rng.random() < 0.15:
            return "fixed-wing international coalition forces warplanes bombed", "", None
        return f"fixed-wing international coalition forces warplanes fired {missiles}", "at", None
    if weapon == "rotary_wing_barrel_bomb":
        return f"{R} helicopters dropped {rng.choice(('a number of barrel bombs', 'two barrel bombs', 'barrel bombs'))}", "on", None
    if weapon == "artillery":
        shells = rng.choice(("a number of mortar shells", "a number of shells", "a shell", "mortar shells"))
        who = {"syrian_regime": f"{R} artillery", "isis": f"{ctx.isis} fighters", "hts": "Hay'at Tahrir al Sham fighters",
               "kurdish_forces": "Kurdish Self-Management forces artillery", "turkish_forces": "Turkish forces artillery",
               "armed_opposition": rng.choice(("armed opposition factions", "armed opposition factions artillery"))}[perp]
        return f"{who} fired {shells}", "at", None
    if weapon == "surface_to_surface_rocket":
        if perp == "armed_opposition":
            return "armed opposition factions fired a number of surface-to-surface rockets", "at", None
        if rng.random() < 0.3:  # names a second governorate before the target's: governorate_in_text is the last
            g2 = rng.choice(tuple(GOVS))
            return (f"pro-Syrian regime Shiite militias who are stationed in {ctx.new_name()} village in "
                    f"{rng.choice(DIRS)} suburbs of {ctx.spell(g2)} governorate fired a surface-to-surface rocket"), "at", None
        return f"{R} fired {rng.choice(('a surface-to-surface rocket', 'a number of surface-to-surface missiles'))}", "at", None
    if weapon == "ground_raid_execution":
        who = {"syrian_regime": rng.choice(("pro-Syrian regime militias", f"{R} and pro-regime militias")),
               "isis": f"{ctx.isis} gunmen", "hts": "Hay'at Tahrir al Sham fighters",
               "kurdish_forces": "Kurdish Self-Management forces", "other": "unidentified gunmen"}[perp]
        return f"{who} raided", "", None
    if weapon == "landmine":
        if perp == "isis":
            return f"a landmine planted by {ctx.isis} detonated", "near", None
        return "a landmine exploded", "in", None
    if weapon == "ied":
        if perp == "isis":
            return f"an IED planted by {ctx.isis} exploded", "at", None
        return rng.choice(("two IEDs exploded", "an IED exploded")), "in", None
    if perp == "isis":  # car bomb
        return f"a bomb car driven by an {ctx.isis} suicidal bomber blew", "in", None
    return "a car bomb exploded", rng.choice(("at", "near")), None


def _where(ctx: _Ctx, gov: str, prep: str, weapon: str) -> Rec:
    """The target and its locality, up to the killing clause, with the labels LABELLING derives from it."""
    rng = ctx.rng
    tgov = gov if rng.random() > 0.05 else rng.choice(tuple(GOVS))  # the text may name another governorate
    G = ctx.spell(tgov)
    need_site = prep in ("near", "") or (weapon in ("car_bomb", "ied") and rng.random() < 0.7)
    s_txt, s_tgt, s_idps = rng.choice(SITES)
    if weapon == "car_bomb":
        s_txt, s_tgt, s_idps = rng.choice((("a gathering of civilians", "gathering", False), ("the main market", "market", False),
                                           ("a gathering of civilians near a checkpoint for the Kurdish-majority Syrian "
                                            "Democratic Forces (SDF)", "gathering", False)))
    if weapon == "ground_raid_execution":
        s_txt, s_tgt, s_idps = rng.choice(((f"{ctx.root()} Farm", "farm", False), ("a house", "residential", False)))
    w: Rec = dict(parent=None, site=None, target="populated_area", idps=False, follows=False, in_gov=tgov, map_name=None)
    P = f"{prep} " if prep else ""
    if gov == "damascus" or rng.random() < 0.15:  # a quarter of the governorate's own city
        nb = f"al {ctx.root()}"
        la, lo = CENTRE[tgov]
        w.update(place=G, ptype="city", lat=round(la + 0.011, 7), lon=round(lo - 0.013, 7), map_name=f"{nb}, {G}")
        if need_site or rng.random() < 0.5:
            site = f"{s_txt} in {nb} neighborhood" if rng.random() < 0.6 else s_txt
            w.update(site=site, target=s_tgt, idps=s_idps, subj="neighborhood" if "neighborhood" in site else "area")
        else:
            w.update(site=f"{nb} neighborhood", subj="neighborhood")
        join = rng.choice((", ", " in ")) if w["site"] != f"{nb} neighborhood" else ", "
        w["text"] = f"{P}{w['site']}{join}{rng.choice(DIRS)} {G} city"
        return w
    name, ptype, la, lo = ctx.place(tgov)
    w.update(place=name, ptype=ptype, lat=la, lon=lo, subj=ptype, map_name=name)
    if tgov == "damascus_suburbs":
        region = rng.choice(("Eastern Ghouta, ", "Eastern Ghouta, eastern ", "Western Ghouta, ")) + f"{G} governorate"
    else:
        region = f"{rng.choice(DIRS)} suburbs of {G} governorate"
    if rng.random() < 0.04:
        region, w["in_gov"] = "", None
    r = rng.random()
    if ptype == "camp":
        w.update(idps=True, text=f"{P}{name} camp")
    elif r < 0.1 and not need_site and prep:
        q, qt, _, _ = ctx.place(tgov, rng.choice(("town", "city", "county")))
        w.update(ptype="village", subj="village", parent=q, follows=True,
                 text=f"{P}{name} village, which administratively {rng.choice(('follows', 'followed'))} {q} {qt}")
    elif r < 0.15 and not need_site and prep:
        q = ctx.new_name()
        w.update(ptype="area", subj="area", parent=q, follows=True, site="the houses", target="residential",
                 text=f"{P}the houses in {name} area, which is located in {q} area")
    elif need_site or r < 0.55:
        if s_tgt == "populated_area" or rng.random() < 0.15:
            s_txt, s_tgt, s_idps = (f"the {name} – al {ctx.root()} river crossing", "river_crossing", False) \
                if rng.random() < 0.5 and prep != "near" else (f"al {ctx.root()} neighborhood", "populated_area", False)
        mid = rng.choice(("", "", "the middle of ", rng.choice(DIRS) + " "))
        w.update(site=s_txt, target=s_tgt, idps=s_idps, text=f"{P}{s_txt} in {mid}{name} {ptype}")
    else:
        w["text"] = f"{'in the middle of' if prep == 'at' and rng.random() < 0.15 else prep} {name} {ptype}".strip()
    if region:
        w["text"] += ", " + region
    return w


def _breakdown(rng: random.Random, k: int) -> tuple[str, int | None, int | None, int | None]:
    """Victim breakdown text (", including ..." or " (...)") and children, women, fetuses."""
    r = rng.random()
    if r < 0.22:
        return "", None, None, None
    child = lambda c: rng.choice(("one child", "a child", "one female child", "an infant", "one female infant")) if c == 1 \
        else f"{_num(rng, c)} {'female children' if rng.random() < 0.08 else 'children'}"
    woman = lambda n: "one woman" if n == 1 else f"{_num(rng, n)} women"
    if r < 0.4:  # the parentheses name every victim
        if rng.random() < 0.2 and k >= 3:
            return f" ({_num(rng, k - 2)} {'children' if k > 3 else 'child'} and their parents)", k - 2, 1, 0
        f = rng.choice((0, 0, 0, 1, 2)) if k >= 6 else 0
        c = rng.randint(1, k - 1 - f)
        parts = [child(c)] + ([f"{_num(rng, f)} fetus{'es' if f > 1 else ''}"] if f else []) + [woman(k - c - f)]
        return " (" + (" and ".join(parts) if len(parts) == 2 else f"{parts[0]}, {parts[1]}, and {parts[2]}") + ")", c, k - c - f, f
    c, wo = rng.randint(0, (k * 2) // 3), rng.randint(0, k // 3)
    if c + wo == 0:
        c = 1
    parts = ([child(c)] if c else []) + ([woman(wo)] if wo else [])
    return ", including " + " and ".join(parts), c, wo, 0


def _clause(ctx: _Ctx, k: int, raid: bool, camp: bool) -> tuple[str, Rec]:
    """The killing clause from "the killing of"/"killed" to the sentence's end, and its labels."""
    rng = ctx.rng
    v: Rec = dict(killed_is_lower_bound=False, same_family=False, idps=camp, wounded=None, wounded_qualifier=None)
    bd, v["children"], v["women"], v["fetuses"] = _breakdown(rng, k)
    noun = rng.choice(("civilians", "civilians", "individuals"))
    if bd.startswith(", including") and v["women"] == 0 and rng.random() < 0.15:
        bd, noun, v["children"] = "", "children", k  # "the killing of six children from the same family"
    lb = ""
    if rng.random() < 0.06:
        lb = rng.choice(("no less than ", "at least "))
        v["killed_is_lower_bound"] = True
    n = f"{lb}{_num(rng, k)}"
    s = rng.choice(("killed", "executed")) + f" {n} {noun}" if raid else f"the killing of {n} {noun}"
    if raid:
        s += rng.choice((" by slaughtering them with knives and shooting them to death", " by shooting them"))
    elif rng.random() < 0.3:
        s += " at once"
    if rng.random() < 0.05:
        s += " (what we have been able to document as of this writing)"
        v["killed_is_lower_bound"] = True
    fam = rng.random()
    if fam < 0.12:
        s += " from the same family"
    elif fam < 0.2:
        s += ", who were mostly from the same family" + ("," if bd.startswith(",") else "")
        bd = bd.lstrip(",")
    elif fam < 0.23:
        s += " from two families"  # not the same family: same_family stays false
    v["same_family"] = fam < 0.2
    idp_from = f"{ctx.new_name()} {rng.choice(('village', 'town', 'city'))}, {rng.choice(DIRS)} suburbs of " \
               f"{ctx.spell(rng.choice(tuple(GOVS)))} governorate"
    r = rng.random()
    if camp:
        s += bd + ", who were IDPs living in the camp"
    elif r < 0.05 and bd.startswith(", including"):  # "-IDPs from X city- including": glue "city-" to its next word
        s += f" -IDPs from {idp_from}-{NBSP}{bd[2:]}"
        v["idps"] = True
    elif r < 0.1:
        s += bd + f", who were IDPs from {idp_from}"
        v["idps"] = True
    else:
        s += bd
    if rng.random() < 0.45:
        wn, q = rng.randint(3, 40), rng.random()
        if q < 0.4:
            s += f", while about {_num(rng, wn)} others were wounded"; v["wounded_qualifier"] = "about"
        elif q < 0.55:
            s += f", while {_num(rng, wn)} others at least were wounded"; v["wounded_qualifier"] = "at least"
        elif q < 0.65:
            s += f", while no less than {_num(rng, wn)} others were wounded"; v["wounded_qualifier"] = "no less than"
        elif q < 0.8:
            s += f". Additionally, about {_num(rng, wn)} others were wounded"; v["wounded_qualifier"] = "about"
        elif q < 0.9:
            s += f", while {_num(rng, wn)} others were wounded"
        else:
            wn = None  # houses are not people
            s += f", while about {_num(rng, rng.randint(3, 20))} houses were heavily destroyed"
        v["wounded"] = wn
    return s + ".", v


def _control(ctx: _Ctx, perp: str, subj: str) -> tuple[str, str, str]:
    """Area-of-control sentence: (sentence, key, area_of_control_text)."""
    rng = ctx.rng
    key = rng.choice(CONTROL[perp])
    joint = {"armed_opposition_and_hts": "armed opposition factions and Hay'at Tahrir al Sham",
             "hts_and_turkistan_party": "Hay'at Tahrir al Sham and the Islamic Turkistani Party"}
    if rng.random() < 0.05:  # the samples sometimes say "The city" of a village
        subj = rng.choice(("city", "town", "village", "area"))
    if key in joint:
        if key == "armed_opposition_and_hts" and rng.random() < 0.3:
            txt = "armed opposition factions with a minor presence for Hay'at Tahrir al Sham"
            return f"The {subj} is under the control of {txt}.", key, txt
        return f"The {subj} was under the joint control of {joint[key]} at the time of the incident.", key, joint[key]
    txt = {"isis": ctx.isis, "hts": "Hay'at Tahrir al Sham", "armed_opposition": "armed opposition factions",
           "syrian_regime": ctx.name("syrian_regime", mid=True),
           "sdf": rng.choice(("the Kurdish-Majority SDF", "the Kurdish-majority Syrian Democratic Forces"))}[key]
    if rng.random() < 0.1:
        return f"The {subj} is under the control of {txt}.", key, txt
    tail = ", while it is currently under the Kurdish-majority SDF as of this writing" if key == "isis" and rng.random() < 0.15 else ""
    return f"The {subj} was under the control of {txt} at the time of the incident{tail}.", key, txt


def _unit(ctx: _Ctx, perp: str, gov: str, day: dt.date, allow_double: bool) -> Rec:
    """One incident paragraph: its plain text and one record (two for "another massacre on the same day")."""
    rng = ctx.rng
    weapon = _weighted(rng, WEAPONS[perp])
    actor, prep, note = _actor(ctx, perp, weapon)
    w = _where(ctx, gov, prep, weapon)
    part = rng.choice(DAY_PARTS) if rng.random() < 0.1 else None
    hhmm = f"{rng.randint(0, 23):02d}:{rng.choice(range(0, 60, 5)):02d}" if not part and rng.random() < 0.12 else None
    text = f"{calendar.day_name[day.weekday()]}{' ' + part if part else ''}, {_long(day)}, " \
           f"{'around ' + hhmm + ', ' if hhmm else ''}{actor} {w['text']}"
    k = max(5, min(99, int(rng.paretovariate(1.6) * 5)))
    raid = weapon == "ground_raid_execution"
    clause, v = _clause(ctx, k, raid, w["ptype"] == "camp" and not w["site"])
    if raid:
        text += ", and " + clause
    elif w["follows"] and rng.random() < 0.5:
        text += f". The {'bombing' if 'fired' in actor or 'dropped' in actor else 'attack'} resulted in " + clause
    else:
        text += ", which resulted in " + clause
    recs = [dict(killed=k, **v)]
    if allow_double and weapon == "fixed_wing_airstrike" and rng.random() < 0.06:
        k2 = rng.randint(5, 15)
        bd, c2, w2, f2 = _breakdown(rng, k2)
        text += (f" It should be noted that the same warplanes were responsible for another massacre on the same day, as they "
                 f"targeted another site in the {w['ptype']} with missiles, killing {_num(rng, k2)} civilians{bd.lstrip(',')}.")
        recs.append(dict(killed=k2, children=c2, women=w2, fetuses=f2, wounded=None, wounded_qualifier=None,
                         killed_is_lower_bound=False, same_family=False, idps=False, site="another site in the village"
                         .replace("village", w["ptype"]), target="other"))
    if day.month != ctx.month:  # reported late, as the samples do
        seen = dt.date(ctx.year, ctx.month, rng.randint(1, 28))
        text += f" On {calendar.day_name[seen.weekday()]}, {_long(seen)}, we were able to contact activists from the area who confirmed the incident."
    if perp == "other" and rng.random() < 0.7:
        unk = "We haven't been able to identify the group behind the bombing as of this writing"
        text += f" {unk}."
        note = unk
    elif rng.random() < 0.04 and not raid:
        text += " In addition, the bombing heavily destroyed the residential buildings and shops in the area."
    area, akey, atxt = (None, None, None)
    if rng.random() < 0.93:
        area, akey, atxt = _control(ctx, perp, w["subj"])
        text += " " + area
    else:
        akey = rng.choice(CONTROL[perp])  # still counted in the regime's area-of-control list
    base = dict(date=day.isoformat(), time=hhmm, day_part=part, perpetrator=perp, perpetrator_text=ctx.heading(perp),
                attribution_uncertain=note is not None, perpetrator_note=note, governorate=gov,
                governorate_in_text=w["in_gov"], place=w["place"], place_type=w["ptype"], parent_place=w["parent"],
                site=w["site"], weapon=weapon, target=w["target"], area_of_control=akey if area else None,
                area_of_control_text=atxt, lat=None, lon=None, line=None, paragraph=text.replace(NBSP, " "))
    out = []
    for i, r in enumerate(recs):
        rec = dict(base, **r)
        if i == 0:
            rec["idps"] = r["idps"] or w["idps"]
        # the summary's children/women also count victims a paragraph leaves unbroken down
        rec["_c"] = rec["children"] if rec["children"] is not None else rng.randint(0, rec["killed"] // 2)
        rec["_w"] = rec["women"] if rec["women"] is not None else rng.randint(0, (rec["killed"] - rec["_c"]) // 2)
        out.append(rec)
    cap = f"{_cap(rng.choice(('victims being pulled out', 'dead bodies of victims', 'a victim killed')))} in the aftermath of a " \
          f"massacre by {ctx.name(perp, mid=True)} in {w['place']} {w['ptype']}, {ctx.spell(gov)} suburbs – {_long(day)}"
    return dict(perp=perp, gov=gov, day=day, text=text, recs=out, akey=akey, caption=cap,
                map=(w["map_name"], w["lat"], w["lon"]), place=w["place"])


def _witness(ctx: _Ctx, u: Rec) -> list[tuple[str, str]]:
    """Witness account: an intro and a quoted paragraph that itself opens with a date and a toll."""
    rng, d = ctx.rng, u["day"]
    first = rng.choice(FIRST_NAMES)
    k = u["recs"][0]["killed"] + rng.choice((-1, 0, 0, 2))
    return [("p", f"SNHR contacted, via WhatsApp, {first} {ctx.root()}, a media activist, who was in {u['place']}. {first} told us:"),
            ("p", f"“On {calendar.day_name[d.weekday()]}, {_long(d, year=False)}, around {rng.randint(6, 22):02d}:{rng.choice(('00', '15', '30', '45'))}, "
                  f"observatories announced that warplanes are in the sky. Soon after, the bombing targeted the residential neighborhoods "
                  f"in {u['place']}. I immediately headed there with the ambulance. The bombing resulted in the killing of {_num(rng, k)} "
                  f"civilians, including {_num(rng, rng.randint(1, 4))} children. Rescue operations lasted until 06:00 of the next day.”")]


def _pct(a: int, b: int) -> int:
    return int(100 * a / b + 0.5) if b else 0


def _summary(ctx: _Ctx, units: list[Rec], style: dict[str, bool]) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[Rec], Rec]:
    """Introduction narrative, executive summary blocks, stated figures and report truth."""
    rng, M, Y = ctx.rng, ctx.mname, ctx.year
    agg: dict[str, list[int]] = {}
    gcount: dict[str, int] = {}
    areas: dict[str, int] = {}
    for u in units:
        for r in u["recs"]:
            a = agg.setdefault(u["perp"], [0, 0, 0, 0])
            a[0] += 1; a[1] += r["killed"]; a[2] += r["_c"]; a[3] += r["_w"]
            gcount[u["gov"]] = gcount.get(u["gov"], 0) + 1
            if u["perp"] == "syrian_regime":
                areas[u["akey"]] = areas.get(u["akey"], 0) + 1
    total = sum(a[0] for a in agg.values())
    V, C, W = (sum(a[i] for a in agg.values()) for i in (1, 2, 3))
    share = _pct(C + W, V)
    perps = [p for p in PERPS if p in agg]
    ranked = sorted(perps, key=lambda p: (-agg[p][0], PERPS.index(p)))
    stated: dict[tuple[str, str], Rec] = {("total", "all"): dict(massacres=total, killed=V, children=C, women=W),
                                         ("victims_share", "women_and_children"): dict(percent=share)}
    put = lambda dim, key, **m: stated.setdefault((dim, key), {}).update(m)
    intro: list[tuple[str, str]] = []
    top = ranked[:rng.randint(2, 3)]
    pcts = [_pct(agg[p][0], total) for p in top]
    for p, pc in zip(top, pcts):
        put("perpetrator", p, percent=pc)
    nm = [ctx.name(p, mid=True) for p in top]
    if rng.random() < 0.5:
        s = f"In {M}, we recorded that {nm[0]} perpetrated the most massacres with {pcts[0]}% of all massacres"
        if len(top) > 1:
            s += f", while {nm[1]} came second with {pcts[1]}%"
        s += f", followed by {nm[2]} with {pcts[2]}% of {M}'s massacres." if len(top) > 2 else "."
    else:
        s = f"In {M}, we recorded that {nm[0]} topped all other parties in terms of massacres by perpetrating {pcts[0]}% of all of {M}'s massacres."
        if len(top) > 1:
            s += f" {_cap(nm[1])} were responsible for {pcts[1]}% of all massacres in {M}"
            s += f", followed by {nm[2]} at {pcts[2]}% of all massacres documented in {M}." if len(top) > 2 else "."
    gtop = max(gcount, key=lambda g: (gcount[g], -list(GOVS).index(g)))
    if rng.random() < 0.5:
        s += f" It is worth noting that {_pct(gcount[gtop], total)}% of all massacres documented in {M} were in {ctx.spell(gtop)} governorate."
        put("governorate", gtop, percent=_pct(gcount[gtop], total))
    if rng.random() < 0.4:  # a party's own share: not a stated figure of any dimension
        s += f" It should be noted that {rng.randint(40, 90)}% of the massacres committed by {nm[0]} were in {ctx.spell(gtop)} governorate."
    intro.append(("p", s))
    ex: list[tuple[str, str]] = [("h", "II. Executive Summary" if rng.random() < 0.8 else "II.Executive Summary")]
    report: Rec = dict(month=f"{Y}-{ctx.month:02d}", title=None, published=None, total_massacres=total,
                       victims_total=V, victims_children=C, victims_women=W, ytd_massacres=None, ytd_period=None)
    if style["ytd"]:
        ytd = total + sum(rng.randint(15, 70) for _ in range(ctx.month - 1))
        nxt = f"January {Y + 1}" if ctx.month == 12 else f"{calendar.month_name[ctx.month + 1]} of the same year"
        ex += [("h", f"A. Toll of massacres in {Y}"),
               ("p", f"SNHR has documented {ytd} massacres at the hands of the parties to the conflict between the start of {Y} and {nxt}")]
        report.update(ytd_massacres=ytd, ytd_period=f"{Y}-01/{Y}-{ctx.month:02d}")
    ex += [("h", f"B. Toll of massacres in {M} {Y}"),
           ("p", f"SNHR has documented no less than {total} massacres in {M}{'.' if rng.random() < 0.3 else ''}")]
    if style["list"]:
        items, letter = [], 0
        for p in perps:
            if p in ("isis", "hts"):
                if not any(i.startswith("- ") and "Extremist" in i for i in items):
                    items.append(f"- {'ABCDEFGHI'[letter]}. Extremist Islamic groups:"); letter += 1
                items.append(f"{' ' if style['web'] else ''}- {ctx.name(p)}: {agg[p][0]}")
            else:
                items.append(f"- {'ABCDEFGHI'[letter]}. {ctx.heading(p)}: {agg[p][0]}"); letter += 1
            put("perpetrator", p, massacres=agg[p][0])
        ex += [("p", "As follows:"), ("l", "\n".join(items))]
    if style["areas"] and areas:
        items = []
        for key, n in areas.items():
            items.append(f"- {_cap(_num(rng, n, 1.0 if n < 10 else 0.0))} massacre{'s' if n > 1 else ''} in {AREA_LIST[key]}")
            put("regime_area_of_control", key, massacres=n)
        ex += [("p", f"The massacres perpetrated by {ctx.name('syrian_regime', mid=True)}{f' in {M} {Y}' if rng.random() < 0.5 else ''} "
                     "were distributed by area of control as follows:"), ("l", "\n".join(items))]
    if style["list"] and style["govs"]:
        order = sorted(gcount, key=lambda g: (-gcount[g], list(GOVS).index(g)))
        sep = "\n- " if rng.random() < 0.3 else ", "
        items = [f"{ctx.spell(g)}{', ' if i == 0 and rng.random() < 0.1 else ': '}{gcount[g]}" for i, g in enumerate(order)]
        ex += [("p", "The massacres are distributed across governorates as follows:"),
               ("l" if sep != ", " else "p", ("- " if sep != ", " else "") + sep.join(items))]
        for g in order:
            put("governorate", g, massacres=gcount[g])
    ex += [("p", f"According to the victim documentation team at SNHR, {V} individuals were killed in those massacres, including {C} "
                 f"children and {W} women (adult female). This means that {share}% of all victims were women and children, which is a "
                 "considerably high percentage and an indication that civilians were targeted in most of these massacres."),
           ("p", "The death toll of these massacres is distributed by the perpetrator party as follows:")]
    for p in perps:
        _, k, c, w = agg[p]
        inc = " and ".join(([f"{_num(rng, c)} {'child' if c == 1 else 'children'}"] if c else []) +
                           ([f"{_num(rng, w)} {'woman' if w == 1 else 'women'}"] if w else []))
        ex.append(("p", f"{ctx.name(p)}: {_num(rng, k)} {rng.choice(('civilians', 'individuals'))}{', including ' + inc if inc else ''}"))
        put("perpetrator", p, killed=k, **({"children": c} if c else {}), **({"women": w} if w else {}))
    order_p = list(dict.fromkeys(top + perps))  # stated in order of first appearance, as the fixtures are
    keys = [("total", "all"), ("victims_share", "women_and_children")] + [("perpetrator", p) for p in order_p] + \
           [k for k in stated if k[0] == "regime_area_of_control"] + [k for k in stated if k[0] == "governorate"]
    return intro, ex, [dict(dimension=d, key=k, **stated[(d, k)]) for d, k in keys], report
