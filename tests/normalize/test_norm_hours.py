from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omnilinks.normalize.hours import WeeklyHours, diff_hours_grouped, parse_hours

H = 60
WEEKDAYS_8_17 = WeeklyHours(frozenset((d, 8 * H, 17 * H) for d in range(5)))


def hours(value: Any) -> WeeklyHours:
    parsed = parse_hours(value)
    assert parsed is not None, value
    return parsed


def test_normalisation_splits_and_merges() -> None:
    overnight = WeeklyHours(frozenset({(4, 22 * H, 2 * H)}))
    assert overnight.intervals == {(4, 22 * H, 1440), (5, 0, 2 * H)}
    merged = WeeklyHours(frozenset({(0, 8 * H, 12 * H), (0, 12 * H, 17 * H), (0, 9 * H, 10 * H)}))
    assert merged.intervals == {(0, 8 * H, 17 * H)}
    assert WeeklyHours(frozenset({(6, 20 * H, 24 * H + 60)})).intervals == {(6, 1200, 1440), (0, 0, 60)}
    assert WeeklyHours(frozenset({(0, 0, 1439)})) == WeeklyHours(frozenset({(0, 0, 1440)}))
    assert WEEKDAYS_8_17.closed_days == {5, 6}


def test_describe() -> None:
    week = WeeklyHours(frozenset({*WEEKDAYS_8_17.intervals, (5, 9 * H, 12 * H)}))
    assert week.describe() == "Mo-Fr 08:00-17:00; Sa 09:00-12:00"
    assert WeeklyHours().describe() == "closed"
    split = WeeklyHours(frozenset({(0, 8 * H, 12 * H), (2, 8 * H, 12 * H), (0, 13 * H, 17 * H),
                                   (2, 13 * H, 17 * H)}))
    assert split.describe() == "Mo,We 08:00-12:00 13:00-17:00"


@pytest.mark.parametrize("value", [
    "Mo-Fr 08:00-17:00", ["Mo-Fr 08:00-17:00"], "Mo,Tu,We,Th,Fr 08:00-17:00",
    "Senin–Jumat 08.00–17.00", "Senin - Jumat: 08.00 - 17.00 WIB", "Monday to Friday 08:00–17:00",
    "Mon-Fri 8am-5pm", "Mon - Fri: 8 - 5pm", "Weekdays 8:00 AM – 5:00 PM", "Sen-Jum 08.00-17.00",
    "Senin sampai Jumat 08.00 s/d 17.00", "Senin-Jumat 08.00-17.00, Sabtu & Minggu libur",
    "Mon-Fri 8am-5pm, closed Sat-Sun",
    {"@type": "OpeningHoursSpecification",
     "dayOfWeek": ["Monday", "https://schema.org/Tuesday", "http://schema.org/Wednesday",
                   "Thursday", "Friday"], "opens": "08:00:00", "closes": "17:00:00"},
    [{"dayOfWeek": day, "opens": "08:00", "closes": "17:00"}
     for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")],
    {"openingHoursSpecification": {"dayOfWeek": ["Mo", "Tu", "We", "Th", "Fr"],
                                   "opens": "08:00", "closes": "17:00"}},
    {"regularOpeningHours": {"periods": [
        {"open": {"day": d, "hour": 8, "minute": 0}, "close": {"day": d, "hour": 17, "minute": 0}}
        for d in range(1, 6)]}},
    {"periods": [{"open": {"day": d, "time": "0800"}, "close": {"day": d, "time": "1700"}}
                 for d in range(1, 6)]},
    {"weekdayDescriptions": [f"{day}: 8:00\u202fAM\u2009–\u20095:00\u202fPM" for day in
                             ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")]
     + ["Saturday: Closed", "Sunday: Closed"]},
])
def test_all_sources_agree(value: Any) -> None:
    assert hours(value) == WEEKDAYS_8_17


def test_schema_org_strings() -> None:
    assert hours("Mo-Sa 11:00-14:30 17:00-21:30").describe() == "Mo-Sa 11:00-14:30 17:00-21:30"
    assert hours("Mo,Tu,We 09:00-17:00").describe() == "Mo-We 09:00-17:00"
    assert hours("Mo-Su 00:00-23:59") == hours("Buka 24 jam") == hours("Open 24 hours")
    assert hours(["Mo-Fr 09:00-17:00", "Sa 10:00-14:00"]).describe() == "Mo-Fr 09:00-17:00; Sa 10:00-14:00"


def test_specification_midnight_and_closed_conventions() -> None:
    late = hours({"dayOfWeek": "Friday", "opens": "18:00", "closes": "00:00"})
    assert late.intervals == {(4, 18 * H, 1440)}
    closed = hours([{"dayOfWeek": "Saturday", "opens": "00:00", "closes": "00:00"},
                    {"dayOfWeek": "Sunday", "opens": "00:00", "closes": "23:59"}])
    assert closed.intervals == {(6, 0, 1440)}
    holiday = {"dayOfWeek": "Monday", "opens": "10:00", "closes": "12:00", "validFrom": "2025-12-25",
               "validThrough": "2025-12-25"}
    assert hours([{"dayOfWeek": "Monday", "opens": "08:00", "closes": "17:00"}, holiday]).describe() \
        == "Mo 08:00-17:00"


def test_places_periods() -> None:
    week = hours({"regularOpeningHours": {"periods": [
        {"open": {"day": 0, "hour": 8, "minute": 0}, "close": {"day": 0, "hour": 22, "minute": 0}},
        {"open": {"day": 5, "hour": 18, "minute": 0}, "close": {"day": 6, "hour": 2, "minute": 0}},
    ]}})
    assert week.intervals == {(6, 8 * H, 22 * H), (4, 18 * H, 1440), (5, 0, 2 * H)}
    always = hours({"periods": [{"open": {"day": 0, "hour": 0, "minute": 0}}]})
    assert always == hours("Setiap hari 00.00-24.00") and always.closed_days == frozenset()


@pytest.mark.parametrize(("text", "expected"), [
    ("Senin - Sabtu: 09.00 - 21.00 WIB, Minggu tutup", "Mo-Sa 09:00-21:00"),
    ("Setiap hari 08.00-22.00", "Mo-Su 08:00-22:00"),
    ("Buka 24 jam", "Mo-Su 00:00-24:00"),
    ("Mon-Fri 9am-5pm, Sat 10am-2pm", "Mo-Fr 09:00-17:00; Sa 10:00-14:00"),
    ("Senin-Kamis 08.00-16.00, Jum'at 08.00-11.30, Sabtu Minggu libur",
     "Mo-Th 08:00-16:00; Fr 08:00-11:30"),
    ("Jumat 13.00-17.00, Ahad 10.00-15.00", "Fr 13:00-17:00; Su 10:00-15:00"),
    ("Selasa, Rabu, Kamis: 10.00-20.00. Senin Closed", "Tu-Th 10:00-20:00"),
    ("Daily 10:00 - 22:00 except Monday closed", "Tu-Su 10:00-22:00"),
    ("Fri-Sat 6pm-2am", "Fr 18:00-24:00; Sa 00:00-02:00 18:00-24:00; Su 00:00-02:00"),
    ("Sabtu - Senin 10.00-12.00", "Mo,Sa-Su 10:00-12:00"),
    ("Tutup", "closed"),
])
def test_free_text(text: str, expected: str) -> None:
    assert hours(text).describe() == expected


@pytest.mark.parametrize("value", [None, "", "hello", "We are open from 9 to 5", "Minggu tutup",
                                   {}, [], {"dayOfWeek": "Monday"}, 42, "Call 0812-3456-7890"])
def test_nothing_parseable(value: Any) -> None:
    assert parse_hours(value) is None


def test_diff_hours_one_day() -> None:
    daily = hours("Setiap hari 08.00-22.00")
    no_sunday = hours("Senin - Sabtu: 08.00 - 22.00, Minggu tutup")
    assert diff_hours_grouped(daily, no_sunday) == ["Sunday: 08:00-22:00 vs closed"]
    assert diff_hours_grouped(daily, daily) == []
    assert diff_hours_grouped(hours("Mo 08:00-12:00 13:00-17:00"), hours("Mo 08:00-17:00")) == \
        ["Monday: 08:00-12:00, 13:00-17:00 vs 08:00-17:00"]


INTERVAL = st.tuples(st.integers(0, 6), st.integers(0, 47).map(lambda x: x * 30),
                     st.integers(1, 32).map(lambda x: x * 30))
WEEKS = st.lists(INTERVAL, min_size=1, max_size=8).map(
    lambda spans: WeeklyHours(frozenset((d, s, s + length) for d, s, length in spans)))


@settings(max_examples=200, deadline=None)
@given(WEEKS)
def test_describe_round_trips(week: WeeklyHours) -> None:
    assert parse_hours(week.describe()) == week
    assert parse_hours(week.describe().split("; ")) == week


@settings(max_examples=200, deadline=None)
@given(WEEKS, st.sampled_from(["id", "en"]))
def test_free_text_rendering_round_trips(week: WeeklyHours, language: str) -> None:
    names = (["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"] if language == "id"
             else ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
    lines = []
    for d in range(7):
        spans = week.day(d)
        text = ", ".join(f"{s // 60:02d}.{s % 60:02d} – {e // 60:02d}.{e % 60:02d}" for s, e in spans)
        lines.append(f"{names[d]}: {text or ('Tutup' if language == 'id' else 'Closed')}")
    assert parse_hours("\n".join(lines)) == week


@settings(max_examples=100, deadline=None)
@given(WEEKS, INTERVAL)
def test_changed_hours_differ(week: WeeklyHours, extra: tuple[int, int, int]) -> None:
    d, s, length = extra
    changed = WeeklyHours(week.intervals | {(d, s, s + length)})
    assert (changed == week) == (diff_hours_grouped(changed, week) == [])


def test_diff_hours_grouped_joins_consecutive_days() -> None:

    assert diff_hours_grouped(hours("Mo-Su 08:00-22:00"), hours("Mo-Su 08:00-21:00")) == \
        ["Monday–Sunday: 08:00-22:00 vs 08:00-21:00"]
    assert diff_hours_grouped(hours("Mo-Su 08:00-22:00"), hours("Mo-Fr 08:00-21:00; Sa 08:00-22:00")) == \
        ["Monday–Friday: 08:00-22:00 vs 08:00-21:00", "Sunday: 08:00-22:00 vs closed"]
    assert diff_hours_grouped(hours("Mo-Su 08:00-22:00"), hours("Mo-Su 08:00-22:00")) == []
    # a gap of one agreeing day splits the run
    assert diff_hours_grouped(hours("Mo-Su 09:00-17:00"), hours("Mo 09:00-16:00; Tu 09:00-17:00; We 09:00-16:00")) == \
        ["Monday: 09:00-17:00 vs 09:00-16:00", "Wednesday: 09:00-17:00 vs 09:00-16:00",
         "Thursday–Sunday: 09:00-17:00 vs closed"]
