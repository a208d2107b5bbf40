"""Indonesian (and simple English) street addresses.

Fuzzy scores alone mislead ("Jl. Sudirman" vs "Jl. Thamrin" scores 93), so the
parts that identify a place exactly (house number, postcode, RT/RW, block) are
compared exactly, and only street and area names get a little slack. Google
writes the longest form of an address (kelurahan, kecamatan, city, province,
postcode, country); a shorter address whose every part appears in it matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

# One province per line, alternative spellings separated by "/". Single-word
# forms double as city names ("Jambi", "Bengkulu"), so they are only dropped
# when they make up a whole comma-separated part.
_PROVINCES = """aceh/nanggroe aceh darussalam/nad
sumatera utara/sumut/north sumatra/north sumatera
sumatera barat/sumbar/west sumatra/west sumatera
riau
kepulauan riau/kepri/riau islands
jambi
bengkulu
sumatera selatan/sumsel/south sumatra/south sumatera
kepulauan bangka belitung/bangka belitung/babel/bangka belitung islands
lampung
banten
dki jakarta/daerah khusus ibukota jakarta/daerah khusus jakarta/special capital region of jakarta/jakarta
jawa barat/jabar/west java
jawa tengah/jateng/central java
di yogyakarta/daerah istimewa yogyakarta/diy/special region of yogyakarta/yogyakarta
jawa timur/jatim/east java
bali
nusa tenggara barat/ntb/west nusa tenggara
nusa tenggara timur/ntt/east nusa tenggara
kalimantan barat/kalbar/west kalimantan
kalimantan tengah/kalteng/central kalimantan
kalimantan selatan/kalsel/south kalimantan
kalimantan timur/kaltim/east kalimantan
kalimantan utara/kaltara/north kalimantan
sulawesi utara/sulut/north sulawesi
gorontalo
sulawesi tengah/sulteng/central sulawesi
sulawesi barat/sulbar/west sulawesi
sulawesi selatan/sulsel/south sulawesi
sulawesi tenggara/sultra/southeast sulawesi
maluku
maluku utara/malut/north maluku
papua
papua barat/west papua
papua selatan/south papua
papua tengah/central papua
papua pegunungan/highland papua
papua barat daya/southwest papua"""
PROVINCES: frozenset[str] = frozenset(
    form for line in _PROVINCES.splitlines() for form in line.split("/"))

# Administrative words (after abbreviation expansion): they label the name that
# follows and say nothing themselves.
_AREA_WORDS = frozenset({
    "kelurahan", "kecamatan", "kabupaten", "kota", "kodya", "desa", "provinsi", "city", "regency",
    "district", "subdistrict", "village", "province", "kampung", "kp", "dusun", "dsn",
    "lingkungan", "komplek", "kompleks", "perumahan",
})
_ENGLISH_STREET_TYPES = frozenset({"street", "road", "avenue", "lane", "boulevard", "drive", "way"})
_EXPANSIONS: dict[str, tuple[str, ...]] = {
    "jl": ("jalan",), "jln": ("jalan",), "gg": ("gang",), "kel": ("kelurahan",),
    "kec": ("kecamatan",), "kab": ("kabupaten",), "ds": ("desa",), "prov": ("provinsi",),
    "propinsi": ("provinsi",), "no": ("nomor",), "nmr": ("nomor",), "nomer": ("nomor",),
    "blk": ("blok",), "block": ("blok",), "kav": ("kavling",), "kaveling": ("kavling",),
    "kapling": ("kavling",),
    "prpt": ("prapatan",), "kby": ("kebayoran",), "kb": ("kebon",), "pd": ("pondok",),
    "pdk": ("pondok",), "tj": ("tanjung",), "tg": ("tanjung",), "psr": ("pasar",),
    "sel": ("selatan",), "utr": ("utara",), "ut": ("utara",), "bar": ("barat",),
    "tim": ("timur",), "pst": ("pusat",), "jkt": ("jakarta",), "jend": ("jenderal",),
    "jendral": ("jenderal",), "south": ("selatan",), "north": ("utara",), "west": ("barat",),
    "east": ("timur",), "central": ("pusat",), "jaksel": ("jakarta", "selatan"),
    "jakut": ("jakarta", "utara"), "jakbar": ("jakarta", "barat"),
    "jaktim": ("jakarta", "timur"), "jakpus": ("jakarta", "pusat"), "st": ("street",),
    "rd": ("road",), "ave": ("avenue",), "blvd": ("boulevard",), "ln": ("lane",),
}
# Titles streets are named with or without ("Jl. Jend. Sudirman" = "Jl. Sudirman").
_HONORIFICS = frozenset({
    "jenderal", "letjen", "mayjen", "brigjen", "laksamana", "kolonel", "kol", "kapten", "mayor",
    "prof", "dr", "ir", "kh", "h", "hj", "hr", "mh", "mt", "r", "raden", "haji",
})

_INITIAL_DOT = re.compile(r"(?<=\b\w)\.(?=\w\b)")
_RT_RW = re.compile(r"\brt\s*[./]?\s*rw\b\.?\s*:?\s*0*(\d{1,3})\s*/\s*0*(\d{1,3})(?!\d)")
_RT = re.compile(r"\brt(?![a-z])\.?\s*:?\s*0*(\d{1,3})(?!\d)")
_RW = re.compile(r"\brw(?![a-z])\.?\s*:?\s*0*(\d{1,3})(?!\d)")
_NUMBER = re.compile(
    r"\b(?:no|nomor|nomer|nmr|number)(?![a-z])\.?\s*:?\s*(\d+[a-z]?(?:\s*[-/]\s*\d+[a-z]?)?)(?![\da-z])")
_BLOCK = re.compile(
    r"\b(blok|block|blk|kav|kavling|kaveling|kapling)(?![a-z])\.?\s*([a-z0-9]+(?:\s*[-/]\s*[a-z0-9]+)?)")
_COUNTRY = re.compile(r"\b(?:republik|republic of)?\s*indonesia\b")
_POSTCODE = re.compile(r"(?<!\d)[1-9]\d{4}(?!\d)")
_HOUSE_NUMBER = re.compile(r"\d+[a-z]?")
_TYPO_MIN_LENGTH = 8


@dataclass(frozen=True)
class AddressParts:
    raw: str
    street: tuple[str, ...] = ()
    number: str | None = None
    rt: str | None = None
    rw: str | None = None
    postcode: str | None = None
    block: str | None = None
    area: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()


@dataclass(frozen=True)
class AddressComparison:
    match: bool
    reason: str | None = None


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
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


def _expand(tokens: Iterable[str]) -> list[str]:
    return [part for token in tokens for part in _EXPANSIONS.get(token, (token,))]


def _drop_province(tokens: list[str]) -> list[str]:
    joined = " ".join(tokens)
    if joined in PROVINCES or joined.removeprefix("provinsi ").removeprefix("prov ") in PROVINCES:
        return []
    for size in range(min(len(tokens), 5), 1, -1):
        if " ".join(tokens[-size:]) in PROVINCES:
            return tokens[:-size]
    return tokens


def _number_value(text: str) -> str:
    parts = re.split(r"\s*[-/]\s*", text)
    return "-".join(re.sub(r"^0+(?=\d)", "", part) for part in parts)


def _identifiers(text: str) -> tuple[dict[str, str | None], str]:
    """RT/RW, house number, block and postcode, and the text left around them."""
    found: dict[str, str | None] = dict.fromkeys(("rt", "rw", "number", "block", "postcode"))
    pair, text = _pull(_RT_RW, text)
    if pair:
        found["rt"], found["rw"] = str(int(pair.group(1))), str(int(pair.group(2)))
    for key, pattern in (("rt", _RT), ("rw", _RW)):
        if found[key] is None:
            match, text = _pull(pattern, text)
            found[key] = str(int(match.group(1))) if match else None
    match, text = _pull(_NUMBER, text)
    found["number"] = _number_value(match.group(1)) if match else None
    blocks: list[str] = []
    while True:
        match, text = _pull(_BLOCK, text)
        if match is None:
            break
        kind = "kav" if match.group(1).startswith("ka") else "blok"
        blocks.append(f"{kind} {_number_value(match.group(2))}")
    found["block"] = " ".join(blocks) or None
    # Postcodes come last in an address; cutting the last five-digit run leaves
    # any other number in place.
    match, text = _pull(_POSTCODE, _COUNTRY.sub(",", text), last=True)
    found["postcode"] = match.group(0) if match else None
    return found, text


def _names(text: str) -> tuple[list[str], list[str], str | None]:
    """Street tokens, area tokens and a bare house number from the remaining text."""
    street: list[str] = []
    gang: list[str] = []
    area: list[str] = []
    number: str | None = None
    segments = [_drop_province(re.findall(r"[a-z0-9]+", seg)) for seg in re.split(r"[,;\n]", text)]
    for segment in segments:
        target = area
        for token in _expand(segment):
            if token == "jalan":
                target = street if not street else area
            elif token == "gang":
                target = gang
            elif token in _AREA_WORDS:
                target = area
            elif target is street and street and _HOUSE_NUMBER.fullmatch(token):
                # "Jl. Kemang Raya 10 Jakarta": a bare number ends the street name.
                number = number or _number_value(token)
                target = area
            else:
                target.append(token)
    if not street:
        street, number = _english_street(segments, area)
    if not street:
        street, gang = gang, []
    return street, gang + area, number


def parse_address(text: str) -> AddressParts:
    """Split an address into the parts that are compared separately."""
    folded = _fold(text)
    tokens = tuple(_expand(re.findall(r"[a-z0-9]+", _COUNTRY.sub(" ", folded))))
    found, rest = _identifiers(folded)
    street, area, bare_number = _names(rest)
    return AddressParts(raw=text, street=tuple(street), number=found["number"] or bare_number,
                        rt=found["rt"], rw=found["rw"], postcode=found["postcode"],
                        block=found["block"], area=tuple(area), tokens=tokens)


def _english_street(segments: Sequence[list[str]],
                    area: list[str]) -> tuple[list[str], str | None]:
    """``10 Downing Street``: the first part ending in a street type is the street."""
    for segment in segments:
        expanded = _expand(segment)
        if len(expanded) > 1 and expanded[-1] in _ENGLISH_STREET_TYPES:
            for token in expanded:
                if token in area:
                    area.remove(token)
            if _HOUSE_NUMBER.fullmatch(expanded[0]) and len(expanded) > 2:
                return expanded[1:], _number_value(expanded[0])
            return expanded, None
    return [], None


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
    core_a = [t for t in a if t not in _HONORIFICS] or list(a)
    core_b = [t for t in b if t not in _HONORIFICS] or list(b)
    if "".join(core_a) == "".join(core_b):
        return True
    return len(core_a) == len(core_b) and all(map(_token_equal, core_a, core_b))


def _missing(small: Iterable[str], big: Iterable[str]) -> list[str]:
    pool = list(big)
    return [t for t in small if not any(_token_equal(t, other) for other in pool)]


def compare_addresses(a: str, b: str,
                      mode: Literal["strict", "relaxed"] = "strict") -> AddressComparison:
    """Whether two addresses denote the same place, and the first reason they do not.

    Relaxed mode ignores RT/RW and area names, which channels often omit or
    spell their own way.
    """
    pa, pb = parse_address(a), parse_address(b)
    if not pa.tokens or not pb.tokens:
        return AddressComparison(False, "empty address")
    identifying = [("house number", pa.number, pb.number), ("block", pa.block, pb.block),
                   ("postcode", pa.postcode, pb.postcode)]
    for label, left, right in identifying:
        if left and right and left != right:
            return AddressComparison(False, f"{label} {left} vs {right}")
    if pa.street and pb.street and not _streets_equal(pa.street, pb.street):
        return AddressComparison(False, f"street '{' '.join(pa.street)}' vs '{' '.join(pb.street)}'")
    neighbourhood = [("RT", pa.rt, pb.rt), ("RW", pa.rw, pb.rw)] if mode == "strict" else []
    for label, left, right in neighbourhood:
        if left and right and left != right:
            return AddressComparison(False, f"{label} {left} vs {right}")
    if mode == "strict":
        missing_a = _missing(pa.area, pb.area + pb.street)
        missing_b = _missing(pb.area, pa.area + pa.street)
        if missing_a and missing_b:
            return AddressComparison(
                False, f"area '{' '.join(missing_a)}' vs '{' '.join(missing_b)}'")
    return AddressComparison(True)


def addresses_match(a: str, b: str, mode: Literal["strict", "relaxed"] = "strict") -> bool:
    return compare_addresses(a, b, mode).match
