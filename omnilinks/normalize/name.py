"""Brand names: which words tell one business from another.

Fuzzy scores mislead here ("Toko Kue Ibu Sari" vs "Toko Kue Ibu Sri" scores
97), so names are compared on their distinctive tokens, exactly, with a
one-letter slack only for long words where a typo cannot turn one real name
into another.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from omnilinks.vocabulary import MatchMode

# Words channels add around the same brand: legal forms (PT, CV, UD, Tbk…),
# marketplace decorations ("Official Store", "Toko Resmi", "Shop") and the
# country marker marketplaces and handles append ("Kopi Senja Indonesia",
# "kopisenja.id"). Category words such as "kopi", "cafe", "klinik", "warung" are
# deliberately absent: "Kopi Senja" and "Klinik Senja" are different businesses.
GENERIC_WORDS: frozenset[str] = frozenset({
    # Indonesian legal forms
    "pt", "cv", "ud", "tbk", "persero", "perum", "fa", "firma", "koperasi",
    # foreign legal forms seen on the same channels
    "ltd", "llc", "inc", "corp", "co", "company", "gmbh", "pte", "sdn", "bhd", "plc",
    # marketplace / profile decorations
    "toko", "official", "store", "shop", "resmi", "online", "olshop", "onlineshop",
    "officialstore", "officialshop",
    # articles and country markers
    "the", "id", "indonesia",
})

# "&", "dan" and "and" are one word in brand names ("Kopi & Roti", "Kopi dan Roti").
_CONJUNCTIONS = frozenset({"&", "dan", "and"})
# Dots inside initials ("P.T.", "C.V.") join; elsewhere ("kopisenja.id") they split.
_JOINED = re.compile(r"['’`]|(?<=\b\w)\.(?=\w\b)")
_SEPARATOR = re.compile(r"[^\w&]+|_")
_TYPO_MIN_LENGTH = 8
_TITLE_SEPARATOR = re.compile(r"\s[|–—·•-]\s|\s?[|–—·•]\s?|:\s")
_PAGE_WORDS = frozenset({
    "home", "homepage", "home page", "beranda", "halaman utama", "welcome", "selamat datang",
    "index", "official site", "official website", "situs resmi",
})


def fold_letters(text: str) -> str:
    """Case and accents folded away, and the Latin letters decomposition leaves alone
    (Ł ø æ ß đ ı œ þ) spelled in ASCII, so "Łódź" is "lodz" and "Smørrebrød" "smorrebrod".
    Other scripts stay as written: transliterating them could make two names equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    return "".join(_latin_letter(ch) for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def _latin_letter(ch: str) -> str:
    if ch.isascii() or not unicodedata.name(ch, "").startswith("LATIN "):
        return ch
    from anyascii import anyascii  # only a Latin letter with marks ever needs its tables

    return anyascii(ch).lower() or ch


_fold = fold_letters


def _raw_tokens(name: str) -> list[str]:
    # Apostrophes join ("D'Cost"), other punctuation splits ("Kopi-Senja"), so
    # every spelling of the same name yields the same tokens.
    text = _JOINED.sub("", _fold(name)).replace("&", " & ")
    tokens = [token for token in _SEPARATOR.split(text) if token]
    return ["dan" if token in _CONJUNCTIONS else token for token in tokens]


# Rules compare every title and name of a site with the brand and each alias: the same few
# strings are tokenised hundreds of thousands of times without this.
@lru_cache(maxsize=65_536)
def name_tokens(name: str) -> tuple[str, ...]:
    """Distinctive tokens of a brand name, in order."""
    tokens = _raw_tokens(name)
    distinctive = [token for token in tokens if token not in GENERIC_WORDS]
    # A name made only of generic words ("Toko Official") is its own identity.
    return tuple(distinctive or tokens)


def _one_edit_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def _token_equal(a: str, b: str, allow_typo: bool) -> bool:
    if a == b:
        return True
    return allow_typo and min(len(a), len(b)) >= _TYPO_MIN_LENGTH and _one_edit_apart(a, b)


def _units(tokens: Sequence[str]) -> list[tuple[str, bool]]:
    # Joined neighbours let "KopiSenja Kemang" cover "Kopi Senja"; the flag marks
    # single tokens, the only ones a typo is forgiven in ("kueibusari" is long
    # only because it is joined).
    return [("".join(tokens[i:j]), j == i + 1) for i in range(len(tokens))
            for j in range(i + 1, min(i + 3, len(tokens)) + 1)]


def _covers(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    units = _units(longer)
    i = 0
    while i < len(shorter):
        for width in (3, 2, 1):
            if i + width > len(shorter):
                continue
            piece = "".join(shorter[i:i + width])
            if any(_token_equal(piece, unit, width == 1 and single) for unit, single in units):
                i += width
                break
        else:
            return False
    return True


def _match_one(a: str, b: str, mode: MatchMode) -> bool:
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb or "".join(ta) == "".join(tb):
        return True
    if mode == "strict":
        return False
    if len(ta) == len(tb) and all(_token_equal(x, y, True) for x, y in zip(ta, tb, strict=True)):
        return True
    return _covers(tb, ta) or _covers(ta, tb)


def names_match(a: str, b: str, mode: MatchMode = "strict",
                aliases: Iterable[str] = ()) -> bool:
    """True when ``b`` names the same brand as ``a`` or one of its aliases.

    strict: the distinctive tokens are identical (spacing aside).
    relaxed: the shorter name's distinctive tokens all occur in the longer one
    ("Kopi Senja Kemang" vs "Kopi Senja"), with one typo allowed in tokens of
    at least eight letters.
    """
    return any(_match_one(candidate, b, mode) for candidate in (a, *aliases))


def strip_title_suffix(title: str) -> tuple[str, str | None]:
    """Split a page title into ``(page part, brand part)``.

    The last separator wins ("About us | Kopi Senja" → ("About us", "Kopi Senja")).
    When the part after it is a home-page word ("Kopi Senja - Home") the brand is
    the part before it. Hyphens and colons only separate when spaced, so
    "Kopi-Senja" and "10:00" stay whole.
    """
    matches = list(_TITLE_SEPARATOR.finditer(title))
    if not matches:
        return title.strip(), None
    last = matches[-1]
    head, tail = title[:last.start()].strip(), title[last.end():].strip()
    if not head or not tail:
        return title.strip(), None
    if " ".join(_fold(tail).split()) in _PAGE_WORDS:
        return tail, head
    return head, tail
