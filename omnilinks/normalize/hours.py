"""Opening hours from schema.org, Google Places and free text, as one weekly set.

Every source is turned into minute intervals per weekday, so "Mo-Fr 08:00-17:00",
"Senin–Jumat 08.00–17.00" and a Places ``periods`` list compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

DAY = 1440
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_FULL_DAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6,
    "ahad": 6, **{name.lower(): i for i, name in enumerate(DAY_NAMES)},
    # Malay, German, French, Spanish and Dutch (accents are folded away before matching).
    "isnin": 0, "khamis": 3, "jumaat": 4,
    **{name: i for names in ("montag dienstag mittwoch donnerstag freitag samstag sonntag",
                             "lundi mardi mercredi jeudi vendredi samedi dimanche",
                             "lunes martes miercoles jueves viernes sabado domingo",
                             "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag")
       for i, name in enumerate(names.split())},
}
_SHORT_DAYS = {
    **{code.lower(): i for i, code in enumerate(_CODES)}, "mon": 0, "tue": 1, "tues": 1,
    "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6, "sen": 0,
    "sel": 1, "rab": 2, "kam": 3, "jum": 4, "sab": 5, "min": 6,
}
_DAY_SETS = {"everyday": tuple(range(7)), "weekdays": tuple(range(5)), "weekend": (5, 6)}
_CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?"
# Compiled on first use (_tokens()): a large pattern, and most pages state no opening hours.
_TOKENS_SOURCE = (
    r"(?P<always>\b24\s*(?:jam|hours?|hrs?)\b|\b24\s*/\s*7\b|\bnon-?stop\b)"
    rf"|(?P<time>(?<![\d:.]){_CLOCK}\s*(?:-|to|until|till|sampai|hingga|s/?d)\s*{_CLOCK}(?![\d:]))"
    r"|(?P<everyday>\b(?:setiap hari|tiap hari|every\s?day|daily|7 days(?: a week)?|7 hari)\b)"
    r"|(?P<weekdays>\b(?:weekdays?|hari kerja)\b)|(?P<weekend>\b(?:weekends?|akhir pekan)\b)"
    r"|(?P<holiday>\b(?:ph|sh|(?:public|bank|school) holidays?|hari libur(?: nasional)?|libur nasional"
    r"|tanggal merah)\b)"
    r"|(?P<closed>\b(?:tutup|libur|closed|off|geschlossen|ruhetag|ferme|cerrado|gesloten)\b)"
    rf"|(?P<day>\b(?:{'|'.join(_FULL_DAYS)})\b"
    rf"|\b(?:{'|'.join(_SHORT_DAYS)})\b(?=\s*(?:[-,:/&;.)]|\d|$|to\b|and\b|dan\b|sampai|hingga|s/?d|through|thru|tutup|libur|closed|off)))"
    r"|(?P<sep>-|\bto\b|\bsampai\b|\bhingga\b|\bthrough\b|\bthru\b|\bs/?d\b|\buntil\b"
    r"|\ba\b|\bau\b|\bbis\b|\btot\b|\bhasta\b)")  # "Lunes a Viernes", "lundi au samedi", "Montag bis Freitag"


@lru_cache(maxsize=1)
def _tokens() -> re.Pattern[str]:
    return re.compile(_TOKENS_SOURCE)


def _normalise(raw: Iterable[tuple[int, int, int]]) -> frozenset[tuple[int, int, int]]:
    per_day: dict[int, list[tuple[int, int]]] = {d: [] for d in range(7)}
    for day, start, end in raw:
        shift = start // DAY * DAY
        day, start, end = (day + shift // DAY) % 7, start - shift, end - shift
        if end <= start:
            end += DAY  # past midnight; equal times mean round the clock
        end = min(end, start + 7 * DAY)
        while True:
            piece_end = min(end, DAY)
            # Sites write 23:59 for "until midnight"; treating it so makes it
            # equal to Places' 24:00 and to the next day's 00:00.
            per_day[day].append((start, DAY if piece_end == DAY - 1 else piece_end))
            if end <= DAY:
                break
            day, start, end = (day + 1) % 7, 0, end - DAY
    merged: set[tuple[int, int, int]] = set()
    for day, spans in per_day.items():
        joined: list[list[int]] = []
        for start, end in sorted(spans):
            if joined and start <= joined[-1][1]:
                joined[-1][1] = max(joined[-1][1], end)
            elif start < end:
                joined.append([start, end])
        merged.update((day, start, end) for start, end in joined)
    return frozenset(merged)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class WeeklyHours:
    """Open intervals ``(day, start minute, end minute)``, Monday = 0.

    Spans past midnight are split onto the next day and overlapping or
    touching spans merged, so equal schedules have equal ``intervals``.
    """

    intervals: frozenset[tuple[int, int, int]] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "intervals", _normalise(self.intervals))

    def day(self, day: int) -> tuple[tuple[int, int], ...]:
        return tuple(sorted((s, e) for d, s, e in self.intervals if d == day))

    @property
    def closed_days(self) -> frozenset[int]:
        return frozenset(d for d in range(7) if not self.day(d))

    def describe(self) -> str:
        """Canonical schema.org-like text, e.g. ``Mo-Fr 08:00-17:00; Sa 09:00-12:00``."""
        groups: dict[tuple[tuple[int, int], ...], list[int]] = {}
        for d in range(7):
            if self.day(d):
                groups.setdefault(self.day(d), []).append(d)
        parts = []
        for spans, days in groups.items():
            runs: list[list[int]] = []
            for d in days:
                if runs and runs[-1][-1] == d - 1:
                    runs[-1].append(d)
                else:
                    runs.append([d])
            day_text = ",".join(_CODES[r[0]] + (f"-{_CODES[r[-1]]}" if len(r) > 1 else "")
                                for r in runs)
            parts.append(day_text + " " + " ".join(f"{_hhmm(s)}-{_hhmm(e)}" for s, e in spans))
        return "; ".join(parts) or "closed"


def _clock(hour: str, minute: str | None, period: str | None) -> int | None:
    h, m = int(hour), int(minute or 0)
    if period:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if period.startswith("p") else 0)
    if h > 24 or m > 59 or (h == 24 and m):
        return None
    return h * 60 + m


def _time_range(groups: tuple[str | None, ...]) -> tuple[int, int] | None:
    h1, m1, p1, h2, m2, p2 = groups
    if h1 is None or h2 is None or not (m1 or m2 or p1 or p2):
        return None  # "9-17" is as likely a date or a count as a time
    p1, p2 = (p.replace(".", "") if p else None for p in (p1, p2))
    flip = {"am": "pm", "pm": "am"}
    start, end = _clock(h1, m1, p1 or p2), _clock(h2, m2, p2 or p1)
    if p2 and not p1 and start is not None and end is not None and start >= end:
        start = _clock(h1, m1, flip[p2])
    if p1 and not p2 and start is not None and end is not None and end <= start:
        end = _clock(h2, m2, flip[p1])
    return None if start is None or end is None else (start, end)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[–—‒−]", "-", re.sub(r"['’`]", "", text))


@dataclass(frozen=True)
class _Rules:
    """What one source says: open intervals (day, start, end) and the days it closes."""

    raw: tuple[tuple[int, int, int], ...] = ()
    closed: frozenset[int] = frozenset()


def _parse_text(text: str) -> _Rules | None:
    """OpenStreetMap's reading of rules: a rule after ";" (or a new line, or nothing) replaces
    what earlier rules said about its days ("Mo-Sa 09:00-17:30; Sa 10:00-16:00" is Saturday
    10-16); a rule after "," adds to them; "We off", "Su closed" close the day; holiday
    rules ("PH off") say nothing about the week."""
    folded = _fold(text)
    schedule: dict[int, list[tuple[int, int]]] = {}
    group: list[int] = []
    claimed: set[int] = set()  # days the current rule has given times: its next times add
    group_done = closing = saw_day = saw_closed = holiday = additive = False
    range_start: int | None = None
    pending_range = False
    last_end = 0
    for token in _tokens().finditer(folded):
        kind, word = token.lastgroup or "", token.group(0).strip()
        between, last_end = folded[last_end:token.start()], token.end()
        if kind == "holiday":
            if group_done or not group:
                group, group_done, holiday, closing = [], False, True, False
            continue
        if kind in ("day", "everyday", "weekdays", "weekend"):
            single = _FULL_DAYS.get(word, _SHORT_DAYS.get(word)) if kind == "day" else None
            days = [single] if single is not None else list(_DAY_SETS[kind])
            if pending_range and range_start is not None and single is not None:
                days = [(range_start + i) % 7 for i in range(1, (single - range_start) % 7 + 1)]
            elif group_done or holiday:
                group, group_done, claimed = [], False, set()
                additive = between.strip() == ","
            group += days
            saw_day, holiday = True, False
            for d in days if closing else ():
                schedule[d] = []
            range_start, pending_range = single, False
            continue
        pending_range = kind == "sep" and range_start is not None
        if holiday:
            continue
        if kind in ("time", "always"):
            span = (0, DAY) if kind == "always" else _time_range(token.group(3, 4, 5, 6, 7, 8))
            if span is None:
                continue
            for d in group or (range(7) if not saw_day else ()):
                if d in claimed or additive:
                    schedule.setdefault(d, []).append(span)
                else:
                    schedule[d] = [span]
                claimed.add(d)
            group_done, closing = True, False
        elif kind == "closed":
            saw_closed = True
            if group_done or not group:
                # "Mon-Fri 9am-5pm, closed Sat-Sun": the days come after the word.
                group, group_done, closing = [], False, True
            else:
                for d in group:
                    schedule[d] = []
                group_done = True
    raw = tuple((d, s, e) for d, spans in schedule.items() for s, e in spans)
    if not (raw or saw_closed):
        return None
    closed = frozenset(d for d, spans in schedule.items() if not spans) if saw_day \
        else frozenset() if raw else frozenset(range(7))  # "closed" alone: the whole week
    return _Rules(raw, closed)


def _day_of(value: Any) -> int | None:
    name = re.split(r"[/#]", str(value))[-1].strip().lower()
    return _FULL_DAYS.get(name, _SHORT_DAYS.get(name))


def _time_of(value: Any) -> int | None:
    match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?:[+-]\d{2}:?\d{2}|z)?\s*",
                         str(value or ""), re.IGNORECASE)
    return _clock(match.group(1), match.group(2), None) if match else None


def _from_specification(spec: Mapping[str, Any]) -> _Rules | None:
    # Dated specifications are holiday or seasonal exceptions, not the weekly hours.
    if spec.get("validFrom") or spec.get("validThrough"):
        return _Rules()
    opens, closes = _time_of(spec.get("opens")), _time_of(spec.get("closes"))
    days_value = spec.get("dayOfWeek")
    days = days_value if isinstance(days_value, list) else [days_value]
    indexes = [d for d in map(_day_of, days) if d is not None]
    if opens is None or closes is None or not indexes:
        return None
    # Google's structured-data guide: opens = closes = "00:00" marks a closed day.
    if opens == closes == 0:
        return _Rules(closed=frozenset(indexes))
    return _Rules(tuple((d, opens, closes) for d in indexes))


def _from_places(periods: Iterable[Mapping[str, Any]]) -> list[tuple[int, int, int]]:
    raw: list[tuple[int, int, int]] = []
    for period in periods:
        opening, closing = period.get("open"), period.get("close")
        if not opening:
            continue
        start = _places_minute(opening)
        if closing is None:
            return [(0, 0, 7 * DAY)]  # an open without a close is Places' "open 24/7"
        end = _places_minute(closing)
        if end <= start:
            end += 7 * DAY
        raw.append((start // DAY, start % DAY, start % DAY + end - start))
    return raw


def _places_minute(point: Mapping[str, Any]) -> int:
    # Places numbers days from Sunday = 0; older responses give "time": "0830".
    day = (int(point.get("day", 0)) + 6) % 7
    if "time" in point:
        time = str(point["time"]).zfill(4)
        return day * DAY + int(time[:2]) * 60 + int(time[2:])
    return day * DAY + int(point.get("hour", 0)) * 60 + int(point.get("minute", 0))


def _rules(value: Any) -> _Rules | None:
    if isinstance(value, str):
        return _parse_text(value)
    if isinstance(value, Mapping):
        for key in ("openingHoursSpecification", "openingHours", "regularOpeningHours",
                    "opening_hours", "currentOpeningHours"):
            if key in value:
                return _rules(value[key])
        if isinstance(value.get("periods"), list):
            return _Rules(tuple(_from_places(value["periods"])))
        if isinstance(value.get("weekdayDescriptions"), list):
            return _rules("; ".join(map(str, value["weekdayDescriptions"])))
        if "dayOfWeek" in value:
            return _from_specification(value)
        return None
    if isinstance(value, (list, tuple)):
        found = [r for r in map(_rules, value) if r is not None]
        return _combine(found) if found else None
    return None


def _combine(items: list[_Rules]) -> _Rules:
    """A list of openingHours strings or specifications, in order. Lists state split hours
    as separate entries (schema.org's own example: "Mo-Sa 11:00-14:30", "Mo-Th 17:00-21:30"),
    so disjoint times add up; a later entry whose times overlap what earlier ones gave a day
    replaces them (["Mo-Sa 09:00-17:30", "Sa 10:00-16:00"]), and a closed entry closes it."""
    days: dict[int, list[tuple[int, int]]] = {}
    for item in items:
        given: dict[int, list[tuple[int, int]]] = {}
        for day, start, end in _normalise(item.raw):
            given.setdefault(day, []).append((start, end))
        for day in item.closed - given.keys():
            days[day] = []
        for day, spans in given.items():
            earlier = days.get(day, [])
            overlaps = any(s < e2 and s2 < e for s, e in spans for s2, e2 in earlier)
            days[day] = spans if overlaps else earlier + spans
    raw = tuple((d, s, e) for d, spans in days.items() for s, e in spans)
    return _Rules(raw, frozenset(d for d, spans in days.items() if not spans))


def parse_hours(value: Any) -> WeeklyHours | None:
    """Weekly hours from any supported source, or None when nothing is recognisable."""
    rules = _rules(value)
    if rules is None or not (rules.raw or len(rules.closed) == 7):
        return None  # "Sa-Su closed" alone says nothing of the other days
    return WeeklyHours(frozenset(rules.raw))


def _day_text(hours: WeeklyHours, day: int) -> str:
    return ", ".join(f"{_hhmm(s)}-{_hhmm(e)}" for s, e in hours.day(day)) or "closed"


def diff_hours_grouped(a: WeeklyHours, b: WeeklyHours) -> list[str]:
    """One line per run of weekdays whose hours differ the same way, e.g.
    ``Sunday: 08:00-22:00 vs closed`` or ``Monday–Sunday: 08:00-22:00 vs 08:00-21:00``."""
    runs: list[tuple[int, int, str]] = []  # first day, last day, "x vs y"
    for day in range(7):
        if a.day(day) == b.day(day):
            continue
        pair = f"{_day_text(a, day)} vs {_day_text(b, day)}"
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == pair:
            runs[-1] = (runs[-1][0], day, pair)
        else:
            runs.append((day, day, pair))
    return [f"{DAY_NAMES[first]}{'–' + DAY_NAMES[last] if last > first else ''}: {pair}" for first, last, pair in runs]
