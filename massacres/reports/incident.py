"""One incident paragraph -> one record per massacre it tells of.

The paragraphs follow one grammar: an opening date ("Friday dawn, October 20, 2017,"),
an optional time ("around 12:45"), who fired what at where, "which resulted in the
killing of N civilians, including C children and W women", optional wounded, and a
closing sentence on who controlled the place. Everything here reads that grammar; nothing
knows a place, date or count of any particular report.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from massacres.reports import dates, vocab
from massacres.reports.layout import is_incident_start
from massacres.reports.numbers import NUMBER, ImplausibleCount, to_int

_TIME = re.compile(r"\b(?:around|at|about|approximately)\s+(?P<hm>\d{1,2}:\d{2})\b")
_VICTIM_NOUN = (
    r"civilians?|individuals?|people|persons?|children|child|women|woman|men|"
    r"infants?|babies|baby|girls?|boys?|members|fighters|prisoners|detainees|students|victims"
)
_KILLED = re.compile(
    rf"(?P<verb>(?:carried out|conducted)\s+(?:field\s+)?executions?\s+(?:against|of)|(?:resulted|resulting|results) in the (?:killing|death|deaths) of|(?:led|leading|leads) to the (?:killing|death|deaths) of|"
    rf"(?:caused|causing) the (?:killing|death|deaths) of|what led to the (?:killing|death) of|killing of|killing|killed|executed|executing|"
    rf"slaughtered|shot dead|shot(?=\s+\S+\s+\S+\s+(?:to death|dead))|claimed the lives of|"
    rf"(?:toll|number of (?:the )?(?:victims|dead))\s+(?:\w+\s+){{0,4}}?(?:rose|risen|reached|climbed)\s+to)\s+"
    rf"(?P<lb>no less than |at least |more than )?(?P<num>{NUMBER}|an?)\s+(?:(?:other|more)\s+)?"
    rf"(?P<adj>(?:female |male |newborn |young |elderly |old )?)(?P<noun>{_VICTIM_NOUN})\b",
    re.I,
)
# A later sentence that raises the toll of the same massacre.
_TOLL_ROSE = re.compile(
    rf"""
    \b(?:toll|number\s+of\s+(?:the\s+)?(?:victims|dead))\b   # "The death toll", "the number of victims"
    [^.]{{0,40}}?                                               # "of the massacre", "later"
    \b(?:rose|risen|increased|climbed|reached)\s+to\s+         # "rose to"
    (?P<lb>no\s+less\s+than\s+|at\s+least\s+)?               # a lower bound
    (?P<num>{NUMBER})                                           # the new toll
    """,
    re.I | re.X,
)
_KILLED_PASSIVE = re.compile(
    rf"(?P<lb>no less than |at least |more than )?(?P<num>{NUMBER}|an?)\s+(?P<adj>(?:female |male |newborn )?)(?P<noun>{_VICTIM_NOUN})\b"
    rf"(?P<mid>(?:\s*,[^,.]{{0,120}},|\s*\([^)]{{0,120}}\)|\s+(?:at least|at once|in total))?)\s+(?:were|was)\s+(?:all\s+)?(?:killed|executed|slaughtered|shot dead)",
    re.I,
)
_FAMILY_AFTER = re.compile(rf"\s+and\s+(?:her|his|their)\s+(?P<n>{NUMBER})\s+(?:children|sons|daughters|kids)\b", re.I)
_KILLING_HINT = re.compile(r"kill|death|dead|execut|slaughter|lives", re.I)
_PASSIVE_VERB = re.compile(r"\b(?:were|was)\s+(?:all\s+)?(?:killed|executed|slaughtered|shot dead)", re.I)
_BREAKDOWN_ITEM = re.compile(
    # "and a teacher, a woman": a victim named by a role, then as a woman
    rf"\s*(?:,\s*)?(?:and\s+)?(?:an?\s+(?!child|woman|man|mother|father|wife|girl|boy|infant|baby)[a-z]+,\s+(?=an?\s))?"
    rf"(?:(?:her|his|their)\s+)?(?:(?P<num>{NUMBER}|an?)\s+)?(?:(?:of whom|of them|of (?:her|his|their))\s+)?(?:(?:were|was)\s+)?(?:(?:female|male|newborn|pregnant|elderly|young|old)\s+)?"
    rf"(?P<noun>children|child|kids|minors|infants?|babies|baby|girls?|boys?|fetuses|fetus|foetuses|foetus|women|woman|females|wife|"
    rf"their parents|parents|their mother|mother|their father|father|grandfather|grandmother|husband|men|man|youths?|elderly)\b"
    rf"(?P<tail>\s+of\s+the\s+[\w' ]+?(?=,| and|$|\))|\s*\(adult female\))?",
    re.I,
)
_WOUND_HINT = re.compile(r"wound|injur", re.I)  # the wounded patterns are slow: only where they can match
_ANOTHER_HINT = re.compile(r"another massacre|same day|later|next day", re.I)
_QUALIFIER = "about |approximately |around |nearly |no less than |at least |more than "  # of a wounded count
_WOUNDED = re.compile(
    rf"(?P<q>{_QUALIFIER})?(?P<num>{NUMBER})\s+"
    rf"(?:others?|people|civilians|individuals|persons)\s+(?P<q2>at least\s+)?(?:were|was)\s+(?:wounded|injured)"
    rf"|(?:wounding|injuring)\s+(?:of\s+)?(?P<q3>{_QUALIFIER})?(?P<num2>{NUMBER})"
    # "The bombardment also wounded no less than 40 others"
    rf"|\bwounded\s+(?P<q5>{_QUALIFIER})?(?P<num4>{NUMBER})\s+(?:others|people|civilians|persons|individuals)\b"
    # "in addition to about 30 wounded"
    rf"|(?:in addition to|besides|and|as well as)\s+(?P<q4>{_QUALIFIER})?"
    rf"(?P<num3>{NUMBER})\s+(?:others\s+)?(?:wounded|injured)\b",
    re.I,
)
_CONTROL = re.compile(
    r"\b(?:was|were|is|are)\s+(?:under\s+the\s+(?:joint\s+)?control\s+of|(?:jointly\s+)?(?:controlled|held)\s+by|under(?=\s+[\w' -]{2,60}?\s+control\b))\s+(?P<who>.+?)"
    r"(?=\s+control\b|\s+at the time of the incident|[.;]|,\s*while\b|$)",
    re.I,
)
_KILL_CLAUSE_START = re.compile(
    r"(?:,|\.)?\s*(?:which|that|what)\s+(?:has\s+)?(?:resulted|led|caused)\s+(?:in|to|the)\b|\.\s+The\s+\w+\s+(?:resulted\s+in|led\s+to|caused)\b"
    r"|,?\s+(?:causing|leading\s+to)\s+the\s+(?:death|killing)|,?\s*(?:which|that)\s+killed\b"
    r"|,?\s+and\s+(?:caused|led\s+to|resulted\s+in)\s+the\s+(?:death|killing)"
    r"|,?\s+and\s+(?:carried\s+out|conducted)\s+(?:field\s+)?executions?"
    r"|,?\s+(?:and\s+)?killing\b|,?\s+and\s+(?:killed|executed|slaughtered|shot dead)\b|,?\s+killing\s+of\b",
    re.I,
)
_VERB = re.compile(
    r"\b(?P<verb>fired|dropped|launched|carried out|bombed|shelled|raided|targeted|stormed|attacked|struck|"
    r"exploded|detonated|blew(?: up)?|opened fire|hit|executed)\b",
    re.I,
)
_DIRECT_OBJECT_VERBS = {"bombed", "shelled", "raided", "targeted", "stormed", "attacked", "struck", "hit", "executed"}
# The object of "executed" / "shot" is the victims, not where: "executed 8 persons ... in X city".
_VICTIMS_OBJECT = re.compile(
    rf"""
    ^\s*(?:{NUMBER}|an?)\s+                # a count: "twenty one", "8", "a"
    (?:[a-z-]+\s+)?                         # an adjective: "young", "civilian"
    (?:{_VICTIM_NOUN})\b                    # the victims: "civilians", "persons", "men"
    """,
    re.I | re.X,
)
_PREPOSITION = re.compile(r"\b(?:in front of|at|on|inside|in|near|into|towards?)\s+", re.I)
_PARTICLE = r"(?:al|el|ash|as|ad|ar|az|at|an|ath|ez|es|ed|en|bin|ibn|bani|wa|um|umm|abu)"
_WORD = r"(?:[A-Z0-9][\w'-]*|\"[^\"]{1,60}\")"
_NAME = rf"(?:{_PARTICLE}[ -])?{_WORD}(?:(?:\s+|-)(?:{_PARTICLE}[ -])*{_WORD})*"
_SETTLEMENT = "village|town|city|camp|county|district|subdistrict|sub-district|hamlet"
_PLACE_TYPES = f"{_SETTLEMENT}|area|neighbou?rhood|farm|region|quarter"
_TYPED = re.compile(rf"(?<![\w'\"])(?P<name>{_NAME})\s+(?P<type>{_PLACE_TYPES})\b")
_PARENT = re.compile(
    r",?\s*(?:which|that)\s+(?:(?:is|was)\s+)?(?:administratively\s+)?"
    r"(?:follows?|followed|belongs?\s+to|belonged\s+to|(?:is|was)\s+located\s+in|located\s+in|(?:is|was)\s+part\s+of)\s+",
    re.I,
)
_REGION = re.compile(
    r"""
    ,?\s*(?:in\s+)?(?:the\s+)?
    (?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?     # "eastern suburbs of", "the outskirts of"
    (?:suburbs|countryside|outskirts|rural\s+area)\s+of\b
    |
    ,\s*(?:\d+\s*(?:km|kilomet(?:er|re)s?)\s+)?                        # ", north of Idlib city", ", 12 km east
    (?:north|south|east|west)(?:-?(?:east|west))?\s+of\b               #   of X": a place beside another
    """,
    re.I | re.X,
)
# "the town of Hreitan": the type word before the name, read as "Hreitan town".
_TYPE_FIRST = re.compile(
    rf"""
    \b(?:the\s+)?(?P<type>{_SETTLEMENT})   # "the town", "the village"
    \s+of\s+(?P<name>{_NAME})              # "of Hreitan"
    """,
    re.X,
)
_SITE_TAIL = re.compile(
    r"[\s,]*(?:\b(?:in|at|near|of|inside|within|on)\s+)?(?:the\s+(?:middle|center|centre|heart|outskirts)\s+of\s+)?"
    r"(?:\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?$",
    re.I,
)
_FAMILY = re.compile(r"\bsame family\b", re.I)
_IDP = re.compile(r"\bIDPs?\b|\binternally displaced\b|\bdisplaced (?:people|persons|families|civilians)\b", re.I)
_LOWER_BOUND_NOTE = re.compile(r"what we (?:have been|were) able to document", re.I)
# A second massacre told in the same paragraph: "another massacre on the same day", or a later
# sentence that returns to the same day with a killing of its own.
_ANOTHER = re.compile(
    r"\banother massacre\b|(?<=\. )(?:In the (?:morning|afternoon|evening|night) of the same day|Later (?:on )?(?:that|the same) day"
    r"|Hours later|On the same day|The same day|The next day),?(?=[^.]*\b(?:killing|killed|death of)\b)",
    re.I,
)
_GOV_MENTION = re.compile(
    rf"(?P<name>{_NAME}(?:\s+(?:suburbs|countryside))?)\s+(?P<kind>governorate|province|city|suburbs|countryside)\b"
)
_LEADING_FILLERS = re.compile(r"^(?:(?:The|In|On|At|Near|Of|And|From|To)\s+)+")


ALL = -1  # stands for "every one of the killed" in a breakdown


class IncidentParseError(ValueError):
    """The paragraph opens like an incident but its grammar could not be read."""


def _find_wounded(text: str) -> re.Match[str] | None:
    """The wounded clause, searched only around the words "wound"/"injur": the pattern, tried at
    every position of a paragraph, was a sixth of the parse's time."""
    for hint in _WOUND_HINT.finditer(text):
        found_m = _WOUNDED.search(text, max(0, hint.start() - 90), hint.end() + 70)
        if found_m:
            return found_m
    return None


def _count(token: str | None) -> int | None:
    return to_int(token) if token else None


def governorate_mentions(text: str) -> list[tuple[int, str]]:
    """(position, key) of each governorate the text names ("Deir Ez-Zour governorate", "Raqqa city")."""
    found = []
    for m in _GOV_MENTION.finditer(text):
        words = _LEADING_FILLERS.sub("", m.group("name")).split()
        if m.group("kind").lower() in ("suburbs", "countryside"):
            # "Eastern Ghouta, Damascus suburbs": the governorate whose name holds the word
            whole = next(
                (
                    vocab.governorate_key(" ".join(words[i:] + [m.group("kind")]))
                    for i in range(len(words))
                    if vocab.governorate_key(" ".join(words[i:] + [m.group("kind")]))
                ),
                None,
            )
            if whole:
                found.append((m.start(), whole))
                continue
        # Try the longest tail of the capitalised run first: "Eastern Ghouta, Damascus suburbs".
        for i in range(len(words)):
            key = vocab.governorate_key(" ".join(words[i:]))
            if key:
                found.append((m.start(), key))
                break
    return found


def breakdown_at(text: str, pos: int = 0, numbered: bool = False) -> tuple[dict[str, int], int] | None:
    """The breakdown starting at `pos`: 'one female child and two women' -> ({'children': 1,
    'women': 2, 'fetuses': 0}, end); None if none stands there. `numbered`: every item must give
    its count (a summary's "including 139 children and 85 women"; an incident may say "and their
    mother"). The one grammar of breakdowns, for incidents and for the summary's figures."""
    counts = {"children": 0, "women": 0, "fetuses": 0}
    items = 0
    while True:
        m = _BREAKDOWN_ITEM.match(text, pos)
        if not m or m.end() == pos or (numbered and not m.group("num")):
            break
        noun = m.group("noun").lower()
        n = to_int(m.group("num")) if m.group("num") else 1
        if noun.startswith(("child", "infant", "bab", "girl", "boy", "kid", "minor")):
            counts["children"] += n
        elif noun.startswith(("fetus", "foetus")):
            counts["fetuses"] += n
        elif noun.startswith(("wom", "female", "mother", "their mother", "wife", "grandmother")):
            counts["women"] += n
        elif noun in ("parents", "their parents"):
            counts["women"] += 1  # two parents: a mother and a father
        items += 1
        pos = m.end()
    return (counts, pos) if items else None


def _breakdown(text: str) -> dict[str, int] | None:
    """'one female child and two women' -> {'children': 1, 'women': 2, ...}; None if not a breakdown."""
    found = breakdown_at(text)
    return found[0] if found else None


# The victims listed right after their count, with no "including":
_LISTED_VICTIMS = re.compile(
    r"""
    ^\s*(?:(?:from|of)\s+(?:one|the\s+same|a\s+single)\s+family)?\s*  # "five members of one family"
    (?:
        ,\s*(?P<kin>(?:an?|one|his|her|their)\s+                     # after a comma only a person named by
            (?:mother|father|man|woman|wife|husband|child)\b[^.;()]*)  #   kin: "five civilians, a mother and ..."
      | :\s*(?P<listed>[^.;()]*)                                      # a colon introduces any list:
    )                                                                 #   "11 persons: five children, a woman ..."
    """,
    re.I | re.X,
)


def _victims(after_kill: str, killed_noun: str) -> tuple[dict[str, int] | None, str]:
    """Breakdown of the killed: from '(a and b)' right after the count, or 'including ...'."""
    noun = killed_noun.lower()
    sentence = re.split(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])", after_kill, maxsplit=1)[0]
    # The breakdown is the first "(...)" or "including ..." in the sentence that reads as
    # one: "(what we have been able to document)" is a note, not a breakdown.
    spans = [(m.start(), m.group("inner")) for m in re.finditer(r"\((?P<inner>[^)]*)\)", sentence)]
    spans += [
        (m.start(), m.group("rest"))
        for m in re.finditer(
            r"\b(?:including|among(?:st)?\s+(?:them|whom)|of\s+whom)\s+(?P<rest>[^.;()]*)", sentence, re.I
        )
    ]
    spans += [(m.start(), m.group("kin") or m.group("listed")) for m in _LISTED_VICTIMS.finditer(sentence)]
    if re.match(r"^[^.;()]{0,20}?,?\s*all\s+(?:of\s+them\s+)?(?:adult\s+)?(?:men|males)\b", sentence, re.I):
        return {"children": 0, "women": 0, "fetuses": 0}, sentence  # "five civilians, all of them men"
    # "16 civilians, 9 of whom were children"
    spans += [
        (m.start(), m.group("rest"))
        for m in re.finditer(rf",\s*(?P<rest>(?:{NUMBER}|an?)\s+(?:of whom|of them)\b[^.;()]*)", sentence, re.I)
    ]
    for _, candidate in sorted(spans):
        counts = _breakdown(candidate)
        if counts:
            return counts, sentence
    # "the killing of six children": the noun itself is the breakdown.
    if noun in ("children", "child", "infants", "infant", "babies", "baby", "girls", "boys"):
        return {"children": ALL, "women": 0, "fetuses": 0}, sentence
    if noun in ("women", "woman"):
        return {"children": 0, "women": ALL, "fetuses": 0}, sentence
    if noun in ("men", "man"):
        return {"children": 0, "women": 0, "fetuses": 0}, sentence  # "executed six young men"
    return None, sentence


def _settlement_in(text: str) -> bool:
    return any(re.fullmatch(_SETTLEMENT, m.group("type"), re.I) for m in _TYPED.finditer(text))


def _place(location: str) -> dict[str, Any]:
    """Place, its type, parent place and site from the words naming where the attack hit."""
    out: dict[str, Any] = {"place": None, "place_type": None, "parent_place": None, "site": None}
    text = _TYPE_FIRST.sub(r"\g<name> \g<type>", location)
    parent_name = parent_type = None
    parent_m = _PARENT.search(text)
    if parent_m:
        typed_m = _TYPED.match(text, parent_m.end())
        if typed_m:
            parent_name, parent_type = _LEADING_FILLERS.sub("", typed_m.group("name")), typed_m.group("type").lower()
        text = text[: parent_m.start()]
    region_m = _REGION.search(text)
    if region_m and (_settlement_in(text[: region_m.start()]) or not _settlement_in(text[region_m.end() :])):
        text = text[: region_m.start()]  # "X village, eastern suburbs of Y": the region comes after the place
    elif region_m:
        text = (
            text[: region_m.start()] + " in " + text[region_m.end() :]
        )  # "on the outskirts of X town": the place is after it
    # "The town was under ...": a sentence's first word is no place name
    typed = [
        m for m in _TYPED.finditer(text) if not re.fullmatch(r"(?:The|This|That|Its|A|An|Each|Every)", m.group("name"))
    ]
    settlements = [m for m in typed if re.fullmatch(_SETTLEMENT, m.group("type"), re.I)]
    chosen = settlements[-1] if settlements else (typed[-1] if typed else None)
    if chosen is not None and not settlements and parent_type and re.fullmatch(_SETTLEMENT, parent_type):
        chosen = None  # "al Hawat Farm, which administratively followed Ma'razaf town": the town is the place
    if chosen is not None:
        name = chosen.group("name")
        lead = _LEADING_FILLERS.match(name)
        start = chosen.start() + (lead.end() if lead else 0)
        out["place"] = name[lead.end() :] if lead else name
        out["place_type"] = chosen.group("type").lower()
        # ", as a group of civilians were trying to flee X city": circumstance, not site.
        site = _SITE_TAIL.sub("", re.split(r",\s+as\s+", text[:start], maxsplit=1)[0]).strip(" ,-")
    elif parent_name:
        out["place"], out["place_type"] = parent_name, parent_type
        site = text.strip(" ,-")
    else:
        site = text.strip(" ,-")
    out["parent_place"] = parent_name
    out["site"] = site or None
    return out


def _place_in(head: str) -> dict[str, Any]:
    """The place of the last attack verb that names one: "shelled the houses of Kafr Aqeed
    village ..., then stormed the village and killed 22" is Kafr Aqeed."""
    verbs = list(_VERB.finditer(head))
    first = _place(_location_text(head))
    if first["place"] or len(verbs) < 2:
        return first
    for v in reversed(verbs[:-1]):
        found = _place(_location_text(head, v))
        if found["place"]:
            return found
    return first


def _location_text(head: str, verb: re.Match[str] | None = None) -> str:
    """The words after the attack verb that say where it hit."""
    verbs = list(_VERB.finditer(head))
    if not verbs:
        return head
    v = verb or verbs[-1]
    rest = head[v.end() :]
    if v.group("verb").lower() in _DIRECT_OBJECT_VERBS and not _VICTIMS_OBJECT.match(rest):
        return re.sub(r"^\s*(?:at|on)\s+", "", rest).strip()
    prep_m = _PREPOSITION.search(rest)
    return rest[prep_m.end() :].strip() if prep_m else rest.strip()


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end], with its final period."""
    dot = text.rfind(". ", 0, start)
    s = 0 if dot < 0 else dot + 2
    e = text.find(".", end)
    return s, len(text) if e < 0 else e + 1


def _notes(paragraph: str) -> list[str]:
    first_seen: dict[str, int] = {}
    taken: list[tuple[int, int]] = []  # words an earlier row matched: a later row's match over them is the same doubt
    for rx in vocab.attribution_patterns():
        for m in rx.finditer(paragraph):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            start = m.start()
            if paragraph[m.end() : m.end() + 1] in (
                ".",
                "",
            ):  # a whole sentence: "We haven't been able to identify ..."
                start = _sentence_span(paragraph, m.start(), m.end())[0]
            phrase = paragraph[start : m.end()].strip()
            if phrase and phrase not in first_seen:
                first_seen[phrase] = m.start()
    return sorted(first_seen, key=first_seen.__getitem__)


def _counts(after_head: str) -> dict[str, Any]:
    killed_m = _KILLED.search(after_head)
    # The passive form is rare and its pattern slow: look for it only where "were killed" stands.
    passive = _KILLED_PASSIVE.search(after_head) if _PASSIVE_VERB.search(after_head) else None
    if passive and (not killed_m or passive.start() < killed_m.start()):
        killed_m = passive
        after = passive.group("mid") + after_head[passive.end() :]
    elif killed_m:
        after = after_head[killed_m.end() :]
    else:
        raise IncidentParseError("no 'killing of N ...' clause")
    killed = _count(killed_m.group("num"))
    counts, sentence = _victims(after, killed_m.group("noun"))
    family = _FAMILY_AFTER.match(after)
    if family and killed == 1 and killed_m.group("noun").lower() in ("woman", "mother", "man", "father", "child"):
        # "the death of a woman and her four children": the count is the whole family
        n = to_int(family.group("n"))
        killed += n
        women = 1 if killed_m.group("noun").lower() in ("woman", "mother") else 0
        counts = {"children": n + (1 if killed_m.group("noun").lower() == "child" else 0), "women": women, "fetuses": 0}
    rec: dict[str, Any] = {"killed": killed, "children": None, "women": None, "fetuses": None}
    if counts:
        for k, v in counts.items():
            rec[k] = killed if v == ALL else v
    rec["killed_is_lower_bound"] = bool(killed_m.group("lb") and killed_m.group("lb").strip() != "more than") or bool(
        _LOWER_BOUND_NOTE.search(after_head)
    )
    risen = _TOLL_ROSE.search(after_head, killed_m.end())
    if risen and killed is not None and to_int(risen.group("num")) >= killed:
        # "... killing 9 persons, including four children. The death toll rose to at least 12 after
        # three of the wounded died": the later toll is the massacre's; the breakdown stays the first.
        rec["killed"] = to_int(risen.group("num"))
        rec["killed_is_lower_bound"] = bool(risen.group("lb")) or bool(_LOWER_BOUND_NOTE.search(after_head))
    wounded_m = _find_wounded(after)
    if wounded_m:
        num = wounded_m.group("num") or wounded_m.group("num2") or wounded_m.group("num3") or wounded_m.group("num4")
        q = (
            (
                wounded_m.group("q")
                or wounded_m.group("q2")
                or wounded_m.group("q3")
                or wounded_m.group("q4")
                or wounded_m.group("q5")
                or ""
            )
            .strip()
            .lower()
        )
        rec["wounded"], rec["wounded_qualifier"] = _count(num), (q or None)
    else:
        rec["wounded"], rec["wounded_qualifier"] = None, None
    return rec


def parse_incident(paragraph: str) -> list[dict[str, Any]]:
    """Records for the massacre(s) a paragraph tells of. Raises IncidentParseError."""
    try:
        return _parse_incident(paragraph)
    except ImplausibleCount as exc:
        raise IncidentParseError(str(exc)) from None


def _find_date(paragraph: str) -> tuple[dt.date, str | None, str | None, str]:
    """(date, weekday as written, part of day, the paragraph without its date)."""
    try:
        found = dates.opening_date(paragraph)
        if found:
            return found.date, found.weekday, found.part, paragraph[found.end :]
        found = dates.first_date(paragraph)
    except dates.ImpossibleDate as exc:
        raise IncidentParseError(f"impossible date: {exc}") from None
    if not found:
        raise IncidentParseError("no date")
    # The paragraph reads on as if the date were not there: "... killing 14 people, on May 8, 2016."
    body = (paragraph[: found.start].rstrip(" ,") + (" " if found.start else "") + paragraph[found.end :]).strip()
    return found.date, found.weekday, found.part, body


def dated(text: str) -> bool:
    """Whether the text names a date anywhere (however written)."""
    try:
        return dates.first_date(text) is not None
    except dates.ImpossibleDate:
        return True  # a date no calendar holds is still a date: the parse says what is wrong with it


def looks_like_incident(text: str) -> bool:
    """An incident paragraph: it opens with its date, or it names a date and a killing."""
    if is_incident_start(text):
        return True
    if len(text) <= 80 or not _KILLING_HINT.search(text):
        return False  # cheap tests first: most paragraphs of a report are no incident
    return dated(text) and bool(_KILLED.search(text) or _KILLED_PASSIVE.search(text))


def wounded_in(paragraph: str) -> tuple[int | None, str | None] | None:
    """Wounded told in a paragraph of their own after the incident's: "About 20 others were wounded."."""
    wounded_m = _find_wounded(paragraph)
    if not wounded_m:
        return None
    num = wounded_m.group("num") or wounded_m.group("num2") or wounded_m.group("num3") or wounded_m.group("num4")
    q = (
        (
            wounded_m.group("q")
            or wounded_m.group("q2")
            or wounded_m.group("q3")
            or wounded_m.group("q4")
            or wounded_m.group("q5")
            or ""
        )
        .strip()
        .lower()
    )
    return _count(num), (q or None)


def party_in(text: str) -> tuple[str, str] | None:
    """(key, words) of the first party a paragraph names, for details with no party headings."""
    spans = vocab.perpetrator_spans(text)
    return (spans[0][2], text[spans[0][0] : spans[0][1]]) if spans else None


def _parse_incident(paragraph: str) -> list[dict[str, Any]]:
    date, weekday, part, body = _find_date(paragraph)
    # A second massacre told in the same paragraph is read from its own sentence.
    extra = (
        [_sentence_span(body, m.start(), m.end()) for m in _ANOTHER.finditer(body)]
        if _ANOTHER_HINT.search(body)
        else []
    )
    main_body = body
    for start, end in reversed(extra):
        main_body = main_body[:start] + main_body[end:]
    cut = _KILL_CLAUSE_START.search(main_body)
    head = main_body[: cut.start()] if cut else main_body
    rest = main_body[cut.start() :] if cut else main_body
    time_m = _TIME.search(head)
    control_m = _CONTROL.search(body)
    area_text = control_m.group("who").strip() if control_m else None
    mentions = (
        governorate_mentions(head)
        or [(start, key) for start, _, key in vocab.governorate_spans(head)]
        or [(start, key) for start, _, key in vocab.region_spans(head)]
    )
    notes = _notes(paragraph)
    base: dict[str, Any] = {
        "date": date.isoformat(),
        "weekday_stated": weekday.capitalize() if weekday else None,
        "time": time_m.group("hm").zfill(5) if time_m else None,
        "day_part": part.lower() if part else None,
        "attribution_uncertain": bool(notes),
        "perpetrator_note": "; ".join(notes) or None,
        "governorate_in_text": mentions[-1][1] if mentions else None,
        "weapon": vocab.weapon_key(head) or vocab.weapon_key(paragraph) or "other",
        "area_of_control": vocab.area_key(area_text) if area_text else None,
        "area_of_control_text": area_text,
    }
    place = _place_in(head)
    first = {**base, **place, **_counts(rest)}
    first["same_family"] = bool(_FAMILY.search(main_body))
    first["idps"] = bool(_IDP.search(main_body))
    first["target"] = vocab.target_key(first["site"])
    records = [first]
    for start, end in extra:
        sentence = body[start:end]
        site_m = re.search(r"\btargeted\s+(?P<site>.+?)(?:\s+with\s+[\w -]+?)?(?=,|\s+killing|\s+which)", sentence)
        rec = {**base, **place, **_counts(sentence)}
        rec["site"] = site_m.group("site").strip() if site_m else None
        rec["target"] = "other" if rec["site"] else "populated_area"
        rec["same_family"] = bool(_FAMILY.search(sentence))
        rec["idps"] = bool(_IDP.search(sentence))
        records.append(rec)
    return records
