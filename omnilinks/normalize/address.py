"""Street addresses of many countries, split into parts and compared part by part.

Fuzzy scores alone mislead ("Jl. Sudirman" vs "Jl. Thamrin" scores 93), so the
parts that identify a place exactly (house number, unit, postcode, RT/RW, block)
are compared exactly, and only street and area names get a little slack. Google
writes the longest form of an address (district, city, region, postcode,
country); a shorter address whose every part appears in it matches. The
country's tables (`address_tables.py`) say what a postcode looks like and which
words name street types, regions and the country itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from omnilinks.normalize.address_tables import (
    COUNTRIES,
    HONORIFICS,
    PROVINCES,
    CountryRules,
    country_named,
    rules_for,
)
from omnilinks.vocabulary import DEFAULT_REGION, MatchMode

__all__ = ["PROVINCES", "AddressComparison", "AddressParts", "addresses_match", "compare_addresses", "parse_address"]

_INITIAL_DOT = re.compile(r"(?<=\b\w)\.(?=\w\b)")
_RT_RW = re.compile(r"\brt\s*[./]?\s*rw\b\.?\s*:?\s*0*(\d{1,3})\s*/\s*0*(\d{1,3})(?!\d)")
_RT = re.compile(r"\brt(?![a-z])\.?\s*:?\s*0*(\d{1,3})(?!\d)")
_RW = re.compile(r"\brw(?![a-z])\.?\s*:?\s*0*(\d{1,3})(?!\d)")
_NUMBER = re.compile(
    r"\b(?:no|nomor|nomer|nmr|number|nr|n°|num|lot)(?![a-z])\.?\s*:?\s*(\d+[a-z]?(?:\s*[-/]\s*\d+[a-z]?)?)(?![\da-z])")
_BLOCK = re.compile(
    r"\b(blok|block|blk|kav|kavling|kaveling|kapling)(?![a-z])\.?\s*([a-z0-9]+(?:\s*[-/]\s*[a-z0-9]+)?)")
_COUNTRY = re.compile(r"\b(?:republik|republic of)?\s*indonesia\b")
_GLUED = re.compile(r"([a-z])(\d+)")
_HOUSE_NUMBER = re.compile(r"\d+(?:[a-z]|bis|ter)?(?:[-/]\d+[a-z]?)*")
# Words, with a hyphenated number range kept whole ("125-127 Main St"; "2229 18 Mile Road"
# is number 2229 on 18 Mile Road).
_TOKEN = re.compile(r"\d+[a-z]?(?:[-/]\d+[a-z]?)+(?![a-z0-9])|[a-z0-9]+")
_TYPO_MIN_LENGTH = 8
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "el", "du", "des", "le", "l", "d", "van", "der", "den",
                        "het"})
_STREET_TAIL = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                          "no", "number"})
# Floors are one kind of unit, suites, flats, shops and offices another: "Level 3, Suite 4"
# and "Suite 4" agree, "Suite 4" and "Suite 5" do not.
_LEVEL_WORDS = frozenset({"level", "lvl", "l", "floor", "fl", "lantai", "lt", "tingkat"})
_UNIT = re.compile(
    r"\b(suite|ste|unit|flat|apt|apartment|shop|room|rm|office|level|lvl|l(?=\d)|floor|fl|lantai|lt|tingkat)"
    r"(?![a-z])\.?\s*(?:no\.?\s*)?#?\s*(\d+[a-z]?(?:\s*-\s*\d+[a-z]?)?|[a-z]\d*[a-z]?)(?![\da-z])")
_ORDINAL_FLOOR = re.compile(r"\b(\d+)(?:st|nd|rd|th)?\s+(?:floor|fl)\b\.?")
_HASH_UNIT = re.compile(r"#\s*([a-z0-9]+(?:\s*-\s*[a-z0-9]+)?)(?![\da-z])")
_SLASH_UNIT = re.compile(r"(?<![\w/])(?:(?:unit|u|apt|flat|shop|suite)\s*)?(\d+[a-z]?)\s*/\s*(\d+[a-z]?)(?![\w/])")
_HYPHEN_UNIT = re.compile(r"(?:^|(?<=[,;\n]))\s*(\d+[a-z]?)-(\d+[a-z]?)(?=\s+[a-z])")
_INDONESIA = COUNTRIES["ID"]


@dataclass(frozen=True)
class AddressParts:
    """One address, folded and split into the parts that are compared one by one."""

    raw: str
    street: tuple[str, ...] = ()
    number: str | None = None
    rt: str | None = None
    rw: str | None = None
    postcode: str | None = None
    block: str | None = None
    area: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()
    units: tuple[str, ...] = ()  # "unit 4", "level 3"
    country: str | None = None  # the country the address names, if it names one


@dataclass(frozen=True)
class AddressComparison:
    """Whether two addresses name the same place and, when they do not, which parts differ."""

    match: bool
    reason: str | None = None


def _rules(country: str | None) -> CountryRules:
    return rules_for(country) or _INDONESIA


def _fold(text: str) -> str:
    text = re.sub(r"[\'’]", "", text.casefold()).replace("đ", "d").replace("ø", "o")
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = text.replace("rukun tetangga", "rt").replace("rukun warga", "rw")
    return _INITIAL_DOT.sub("", text)


def _pull(pattern: re.Pattern[str], text: str,
          last: bool = False) -> tuple[re.Match[str] | None, str]:
    """First (or last) match of ``pattern``, and ``text`` with a comma in its place.

    The comma ends the street name there ("Jl. Mawar RT 3 Bandung").
    """
    matches = list(pattern.finditer(text))
    if not matches:
        return None, text
    match = matches[-1] if last else matches[0]
    return match, text[:match.start()] + "," + text[match.end():]


def _expand(tokens: Iterable[str], rules: CountryRules = _INDONESIA) -> list[str]:
    tokens = list(tokens)
    out: list[str] = []
    for index, token in enumerate(tokens):
        if rules.code != "ID" and token in ("st", "dr") and index + 1 < len(tokens) and all(
                _HOUSE_NUMBER.fullmatch(t) for t in tokens[:index]):
            # "St Kilda Rd", "Dr Martin Luther King Jr Blvd": first in the street, a title.
            out.append("saint" if token == "st" else "doctor")
            continue
        glued = _GLUED.fullmatch(token) if rules.code == "VN" else None
        if glued:  # "Q.1", "P.4": district and ward numbers
            out.extend(glued.groups())
            continue
        for suffix, compared in rules.compound_suffixes:
            if token.endswith(suffix) and len(token) > len(suffix) + 2:
                token = token[:-len(suffix)] + compared
                break
        out.extend(rules.expansions.get(token, (token,)))
    return out


def _drop_province(tokens: list[str]) -> list[str]:
    joined = " ".join(tokens)
    if joined in PROVINCES or joined.removeprefix("provinsi ").removeprefix("prov ") in PROVINCES:
        return []
    for size in range(min(len(tokens), 5), 1, -1):
        if " ".join(tokens[-size:]) in PROVINCES:
            return tokens[:-size]
    return tokens


def _regions(tokens: list[str], rules: CountryRules) -> list[str]:
    """Region and city names in their compared spelling ("new south wales" -> "nsw")."""
    out: list[str] = []
    index = 0
    while index < len(tokens):
        for size in range(min(5, len(tokens) - index), 0, -1):
            phrase = " ".join(tokens[index:index + size])
            if phrase in rules.regions:
                out.append(rules.regions[phrase])
                index += size
                break
        else:
            if tokens[index] not in rules.area_words:
                out.append(tokens[index])
            index += 1
    return out


def _number_value(text: str) -> str:
    parts = re.split(r"\s*[-/]\s*", text)
    return "-".join(re.sub(r"^0+(?=\d)", "", part) for part in parts)


def _postcode(text: str, rules: CountryRules) -> tuple[str | None, str]:
    """The last postcode-shaped run; in number-first countries a run that starts a part
    followed by a street type ("6750 Ayala Avenue", "2000 George St") is the house number."""
    pattern = re.compile(r"(?<![\da-z])(?:" + rules.postcode + r")(?![\da-z])")
    for match in reversed(list(pattern.finditer(text))):
        before = re.split(r"[,;\n]", text[:match.start()])[-1]
        after = re.split(r"[,;\n]", text[match.end():])[0]
        if rules.number_first and not re.search(r"[a-z]", before) and (
                set(re.findall(r"[a-z]+", after)) & (rules.street_types | set(rules.expansions))
                or not text[:match.start()].strip(" ,;\n")):
            continue
        return rules.canonical_postcode(match.group(0)), text[:match.start()] + "," + text[match.end():]
    return None, text


def _units(text: str, rules: CountryRules) -> tuple[list[str], str | None, str]:
    """Suites, flats, levels and "#05-12" units, a house number given with one
    ("7/12 Smith St", Canada's "400-123 Main St"), and the text left."""
    units: list[str] = []
    number: str | None = None
    for pattern, numbered in ((_SLASH_UNIT, rules.unit_slash), (_HYPHEN_UNIT, rules.unit_hyphen)):
        if numbered:
            match, text = _pull(pattern, text)
            if match:
                units.append(f"unit {_number_value(match.group(1))}")
                number = _number_value(match.group(2))
    while (match := _ORDINAL_FLOOR.search(text)) is not None:
        units.append(f"level {int(match.group(1))}")
        text = text[:match.start()] + "," + text[match.end():]
    while (match := _UNIT.search(text)) is not None:
        kind = "level" if match.group(1) in _LEVEL_WORDS else "unit"
        units.append(f"{kind} {_number_value(match.group(2))}")
        text = text[:match.start()] + "," + text[match.end():]
    while (match := _HASH_UNIT.search(text)) is not None:
        if rules.code == "IN" and number is None:
            number = _number_value(match.group(1))  # "#12, 3rd Cross": in India "#" is the house number
        else:
            units.append(f"unit {_number_value(match.group(1))}")
        text = text[:match.start()] + "," + text[match.end():]
    return units, number, text


def _identifiers(text: str, rules: CountryRules = _INDONESIA) -> tuple[dict[str, Any], str]:
    """RT/RW, house number, units, block and postcode, and the text left around them."""
    found: dict[str, Any] = dict.fromkeys(("rt", "rw", "number", "block", "postcode"))
    if rules.code == "ID":
        pair, text = _pull(_RT_RW, text)
        if pair:
            found["rt"], found["rw"] = str(int(pair.group(1))), str(int(pair.group(2)))
        for key, pattern in (("rt", _RT), ("rw", _RW)):
            if found[key] is None:
                match, text = _pull(pattern, text)
                found[key] = str(int(match.group(1))) if match else None
    # Postcodes come last in an address; cutting the last run of their shape first leaves
    # any other number in place (and keeps "FL 33101" from reading as floor 33101).
    found["postcode"], text = _postcode(_COUNTRY.sub(",", text) if rules.code == "ID" else text, rules)
    found["units"], found["number"], text = _units(text, rules)
    # "No." names the house number, except after one: "1101 U.S. Highway No. 130" is a road.
    leading = rules.number_first and rules.code != "ID" and re.match(r"\s*\d", text) is not None
    match, text = (None, text) if leading else _pull(_NUMBER, text)
    if match:
        found["number"] = _number_value(match.group(1))
    blocks: list[str] = []
    while True:
        match, text = _pull(_BLOCK, text)
        if match is None:
            break
        kind = "kav" if match.group(1).startswith("ka") else "blok"
        blocks.append(f"{kind} {_number_value(match.group(2))}")
    found["block"] = " ".join(blocks) or None
    return found, text


def _names(text: str, rules: CountryRules = _INDONESIA) -> tuple[list[str], list[str], str | None]:
    """Street tokens, area tokens and a bare house number from the remaining text."""
    street: list[str] = []
    gang: list[str] = []
    areas: list[list[str]] = []
    number: str | None = None
    segments = [_TOKEN.findall(seg) for seg in re.split(r"[,;\n]", text)]
    if rules.code == "ID":
        segments = [_drop_province(segment) for segment in segments]
    for segment in segments:
        area: list[str] = []
        areas.append(area)
        target = area
        for token in _expand(segment, rules):
            if token == "jalan":
                target = street if not street else area
            elif token == "gang":
                target = gang
            elif token in rules.area_words and rules.code == "ID":
                target = area
            elif target is street and street and _HOUSE_NUMBER.fullmatch(token):
                # "Jl. Kemang Raya 10 Jakarta": a bare number ends the street name.
                number = number or _number_value(token)
                target = area
            else:
                target.append(token)
    if not street:
        street, number = _street_part(areas, rules)
    if not street:
        street, gang = gang, []
    area_tokens = [t for area in areas for t in (area if rules.code == "ID" else _regions(area, rules))]
    return street, gang + area_tokens, number


def _street_part(areas: list[list[str]], rules: CountryRules) -> tuple[list[str], str | None]:
    """The street of an address without "Jalan": in number-first countries the first part
    that starts with a number ("125 Main Street"); else the first part holding a street
    type ("Friedrichstrasse 123", "Calle Mayor, 5"); else an early part with a number at
    one end ("Damrak 1"). Its words leave ``areas``, and in number-first countries so do
    the parts before it (a business or building name)."""
    numbered = [i for i, part in enumerate(areas) if len(part) > 1 and _HOUSE_NUMBER.fullmatch(part[0])]
    if rules.number_first and rules.code != "ID" and numbered:
        # Number-first: the first part starting with a number is the street ("Melbourne
        # Magistrates' Court, 223 William Street"; "2011 Route 70 West, Cherry Hill").
        index = numbered[0]
        part = areas[index]
        number, street, rest = _split_number(part, [i for i, t in enumerate(part) if _is_street_type(t, rules)], rules)
        _before_street(areas, index, rules)
        areas[index] = rest
        return street, number
    for index, part in enumerate(areas):
        kinds = [i for i, t in enumerate(part) if _is_street_type(t, rules) and len(part) > 1]
        if not kinds or all(_HOUSE_NUMBER.fullmatch(t) or _is_street_type(t, rules) for t in part):
            continue
        number, street, rest = _split_number(part, kinds, rules)
        if number is None and index + 1 < len(areas) and len(areas[index + 1]) == 1 \
                and _HOUSE_NUMBER.fullmatch(areas[index + 1][0]):
            number = _number_value(areas[index + 1][0])  # "Calle Mayor, 5"
            areas[index + 1] = []
        elif number is None and index and len(areas[index - 1]) == 1 and _HOUSE_NUMBER.fullmatch(areas[index - 1][0]):
            number = _number_value(areas[index - 1][0])  # "12, MG Road"
            areas[index - 1] = []
        _before_street(areas, index, rules)
        areas[index] = rest
        return street, number
    looked = 0
    for index, part in enumerate(areas):
        if not part:
            continue
        if len(part) > 1 and (_HOUSE_NUMBER.fullmatch(part[0]) or _HOUSE_NUMBER.fullmatch(part[-1])):
            number, street, rest = _split_number(part, [], rules)
            _before_street(areas, index, rules)
            areas[index] = rest
            return street, number
        looked += 1
        if looked == 2:  # a business or building name may come first ("Hatchards, 187 Piccadilly")
            break
    return [], None


def _before_street(areas: list[list[str]], index: int, rules: CountryRules) -> None:
    """In number-first countries the parts before the street name a business or a
    building, not an area."""
    if rules.number_first and rules.code != "ID":
        for earlier in range(index):
            areas[earlier] = []


def _is_street_type(token: str, rules: CountryRules) -> bool:
    return token in rules.street_types or any(
        token.endswith(compared) and len(token) > len(compared) + 2 for _, compared in rules.compound_suffixes)


def _split_number(part: list[str], kinds: list[int],
                  rules: CountryRules) -> tuple[str | None, list[str], list[str]]:
    """House number, street words and the words after the street (a town written without a
    comma: "125 Main St San Francisco CA")."""
    start = 1 if part and _HOUSE_NUMBER.fullmatch(part[0]) else 0
    if start:
        number: str | None = _number_value(part[0])
        body = part[start:]
        # Number-first with a suffix type: the street ends at its last type word.
        # A type after the name ends the street ("Main St San Francisco"); one before it
        # ("rue de Rivoli") leaves the street running to the end of the part.
        types = [i - start for i in kinds if i > start]
        if types:
            end = types[-1] + 1
            # "Highway No. 130 North", "Ang Mo Kio Ave 3": a number or a direction goes on.
            while end < len(body) and (body[end] in _STREET_TAIL or _HOUSE_NUMBER.fullmatch(body[end])):
                end += 1
            return number, [t for t in body[:end] if t not in ("no", "number")], body[end:]
        return number, body, []
    types = [i for i in kinds if i > 0]
    if rules.number_first and rules.code != "ID" and types:
        # No number before the street in a number-first country: one after its type is part
        # of its name ("Ang Mo Kio Ave 3", "Route 70").
        end = types[-1] + 1
        while end < len(part) and (part[end] in _STREET_TAIL or _HOUSE_NUMBER.fullmatch(part[end])):
            end += 1
        return None, part[:end], part[end:]
    # Name first: the number ends the street ("Friedrichstrasse 123 Berlin").
    for index, token in enumerate(part):
        if index and _HOUSE_NUMBER.fullmatch(token):
            stop = index
            while stop < len(part) and _HOUSE_NUMBER.fullmatch(part[stop]):
                stop += 1
            return "-".join(_number_value(t) for t in part[index:stop]), part[:index], part[stop:]
    return (None, part[:types[-1] + 1], part[types[-1] + 1:]) if types else (None, part, [])


@lru_cache(maxsize=8192)  # a site states its address the same few ways on every page
def parse_address(text: str, country: str = DEFAULT_REGION) -> AddressParts:
    """Split an address into the parts that are compared separately; the country it names
    (else ``country``) picks the postcode shape and the street and region words."""
    folded = _fold(text)
    named, folded = country_named(folded)
    rules = _rules(named or country)
    tokens = tuple(_expand(re.findall(r"[a-z0-9]+", _COUNTRY.sub(" ", folded)), rules))
    found, rest = _identifiers(folded, rules)
    street, area, bare_number = _names(rest, rules)
    if rules.code == "SG" and found["block"] and not (found["number"] or bare_number):
        bare_number = found["block"].split(" ", 1)[1]  # "Blk 123 Ang Mo Kio Ave 3": the block is the number
    return AddressParts(raw=text, street=tuple(street), number=found["number"] or bare_number,
                        rt=found["rt"], rw=found["rw"], postcode=found["postcode"],
                        block=found["block"], area=tuple(area), tokens=tokens,
                        units=tuple(sorted(set(found["units"]))), country=named)


def _one_edit_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


def _token_equal(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= _TYPO_MIN_LENGTH and _one_edit_apart(a, b))


def _streets_equal(a: Sequence[str], b: Sequence[str]) -> bool:
    # Titles ("Jend.") and articles ("Calle de Alcalá" = "C/ Alcalá") are written or left out.
    core_a = [t for t in a if t not in HONORIFICS and t not in _PARTICLES] or list(a)
    core_b = [t for t in b if t not in HONORIFICS and t not in _PARTICLES] or list(b)
    if "".join(core_a) == "".join(core_b):
        return True
    return len(core_a) == len(core_b) and all(map(_token_equal, core_a, core_b))


def _missing(small: Sequence[str], big: Sequence[str]) -> list[str]:
    # Words run together on one side ("Pathumwan", "Pathum Wan") are the same name.
    pool = list(big) + ["".join(big[i:i + size]) for size in (2, 3) for i in range(len(big) - size + 1)]

    def present(index: int) -> bool:
        runs = [small[index]] + ["".join(small[start:start + size]) for size in (2, 3)
                                 for start in range(index - size + 1, index + 1) if 0 <= start <= len(small) - size]
        return any(_token_equal(run, other) for run in runs for other in pool)

    return [t for i, t in enumerate(small) if not present(i)]


def _unit_clash(a: Sequence[str], b: Sequence[str]) -> str | None:
    kinds_a = {u.split(" ", 1)[0]: u for u in a}
    for unit in b:
        kind = unit.split(" ", 1)[0]
        if kind in kinds_a and kinds_a[kind] != unit and unit not in a:
            return f"{kinds_a[kind]} vs {unit}"
    return None


def compare_addresses(a: str, b: str, mode: MatchMode = "strict",
                      country: str = DEFAULT_REGION) -> AddressComparison:
    """Whether two addresses denote the same place, and the first reason they do not.

    House number, unit, block and postcode must agree wherever both state them, in
    every mode. Relaxed mode ignores RT/RW and area names, which channels often omit
    or spell their own way. An address that names its country is read by that
    country's rules, and the other address too.
    """
    pa = parse_address(a, country)
    pb = parse_address(b, pa.country or country)
    if pb.country and not pa.country and pb.country != country:
        pa = parse_address(a, pb.country)
    if not pa.tokens or not pb.tokens:
        return AddressComparison(False, "empty address")
    if pa.country and pb.country and pa.country != pb.country:
        return AddressComparison(False, f"country {pa.country} vs {pb.country}")
    identifying = [("house number", pa.number, pb.number), ("block", pa.block, pb.block),
                   ("postcode", pa.postcode and pa.postcode.upper(), pb.postcode and pb.postcode.upper())]
    for label, left, right in identifying:
        if left and right and left != right:
            return AddressComparison(False, f"{label} {left} vs {right}")
    clash = _unit_clash(pa.units, pb.units)
    if clash:
        return AddressComparison(False, clash)
    if pa.street and pb.street and not _streets_equal(pa.street, pb.street):
        return AddressComparison(False, f"street '{' '.join(pa.street)}' vs '{' '.join(pb.street)}'")
    neighbourhood = [("RT", pa.rt, pb.rt), ("RW", pa.rw, pb.rw)] if mode == "strict" else []
    for label, left, right in neighbourhood:
        if left and right and left != right:
            return AddressComparison(False, f"{label} {left} vs {right}")
    # One postcode on both sides names the area better than its names do ("City of
    # Westminster" and "London" for W1T 5DU).
    if mode == "strict" and not (pa.postcode and pa.postcode == pb.postcode):
        missing_a = _missing(pa.area, pb.area + pb.street)
        missing_b = _missing(pb.area, pa.area + pa.street)
        if missing_a and missing_b:
            return AddressComparison(
                False, f"area '{' '.join(missing_a)}' vs '{' '.join(missing_b)}'")
    return AddressComparison(True)


def addresses_match(a: str, b: str, mode: MatchMode = "strict", country: str = DEFAULT_REGION) -> bool:
    return compare_addresses(a, b, mode, country).match
