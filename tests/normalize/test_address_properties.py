"""Properties over generated addresses of many countries: one place written another
way (abbreviations, case, punctuation, the order of the locality parts, the country
named or not) stays equal; another house number, unit or postcode never matches,
in either mode."""
from __future__ import annotations

from dataclasses import dataclass, replace

from hypothesis import given, settings
from hypothesis import strategies as st

from omnilinks.normalize.address import compare_addresses


@dataclass(frozen=True)
class Place:
    country: str
    number: int
    unit: int
    street: str
    postcode: str
    locality: tuple[str, ...]


@dataclass(frozen=True)
class Style:
    """How one writer spells a place: the choices each country's template reads."""
    short: bool
    upper: bool
    comma: str
    reverse: bool
    named: bool
    unit_form: int


STREETS = st.sampled_from(["Main", "Market", "King", "Queen", "Elm", "Harbour", "Station", "Church", "Mill"])
LETTERS = "ABDEFGHJLNPRTUWXYZ"  # no S: Dutch postcodes never use SA, SD or SS


def _postcode(draw: st.DrawFn, country: str) -> str:
    digit = st.integers(0, 9)
    letter = st.sampled_from(LETTERS)
    if country == "US":
        return "".join(str(draw(digit)) for _ in range(5))  # leading zeros included ("02134")
    if country == "AU":
        return str(draw(st.integers(2000, 7999)))
    if country == "GB":
        return f"{draw(letter)}{draw(letter)}{draw(st.integers(1, 9))} {draw(digit)}{draw(letter)}{draw(letter)}"
    if country == "CA":
        return f"{draw(letter)}{draw(digit)}{draw(letter)} {draw(digit)}{draw(letter)}{draw(digit)}"
    if country == "NL":
        return f"{draw(st.integers(1000, 9999))} {draw(letter)}{draw(letter)}"
    return str(draw(st.integers(10000, 99999)))  # DE, FR, ES


LOCALITIES = {
    "US": [("Boston", ("MA", "Massachusetts")), ("Portland", ("OR", "Oregon")), ("Austin", ("TX", "Texas"))],
    "AU": [("Sydney", ("NSW", "New South Wales")), ("Melbourne", ("VIC", "Victoria")), ("Perth", ("WA", "Western Australia"))],
    "GB": [("London", ("Greater London", "London")), ("Leeds", ("England", "England"))],
    "CA": [("Ottawa", ("ON", "Ontario")), ("Vancouver", ("BC", "British Columbia"))],
    "DE": [("Berlin", ("", "")), ("München", ("Bayern", "Bavaria"))],
    "NL": [("Amsterdam", ("NH", "Noord-Holland"))],
    "FR": [("Paris", ("", "")), ("Lyon", ("", ""))],
    "ES": [("Madrid", ("Comunidad de Madrid", "Madrid"))],
}
NAMES = {"US": ("USA", "United States"), "AU": ("Australia", "AU"), "GB": ("UK", "United Kingdom"),
         "CA": ("Canada", "Canada"), "DE": ("Deutschland", "Germany"), "NL": ("Nederland", "The Netherlands"),
         "FR": ("France", "France"), "ES": ("España", "Spain")}


@st.composite
def places(draw: st.DrawFn) -> Place:
    country = draw(st.sampled_from(sorted(LOCALITIES)))
    city, regions = draw(st.sampled_from(LOCALITIES[country]))
    return Place(country, draw(st.integers(1, 2999)), draw(st.integers(1, 60)), draw(STREETS),
                 _postcode(draw, country), (city, *regions))


styles = st.builds(Style, st.booleans(), st.booleans(), st.sampled_from([", ", " , ", ",", "; "]), st.booleans(),
                   st.booleans(), st.integers(0, 2))


def write(place: Place, style: Style) -> str:
    """The place as one writer would put it; the unit is always stated."""
    c, n, u = style.comma, place.number, place.unit
    city, region_short, region_long = place.locality
    region = region_short if style.short else region_long
    if place.country in ("DE", "NL"):
        kind = {"DE": ("straße", "str."), "NL": ("straat", "str.")}[place.country]
        line = f"{place.street}{kind[1] if style.short else kind[0]} {n}"
        unit = f"Suite {u}"
        town = [f"{place.postcode} {city}"] + ([region] if region else [])
    elif place.country in ("FR", "ES"):
        kind = {"FR": ("rue", "r."), "ES": ("Calle", "C/")}[place.country][1 if style.short else 0]
        line = f"{n} {kind} {place.street}" if place.country == "FR" else f"{kind} {place.street} {n}"
        unit = f"Suite {u}"
        town = [f"{place.postcode} {city}"] + ([region] if region else [])
    else:
        line = f"{n} {place.street} {'St' if style.short else 'Street'}"
        unit = [f"Suite {u}", f"Unit {u}", f"Ste. {u}"][style.unit_form]
        if place.country == "AU" and style.unit_form == 2:
            line, unit = f"{u}/{line}", ""
        if place.country == "GB":
            unit = f"Flat {u}"
        tail = f"{region} {place.postcode}" if place.country in ("US", "AU", "CA") else place.postcode
        town = [city, tail] if place.country != "GB" else [city, region, tail]
    parts = [unit, line] if unit else [line]
    if style.reverse:  # the locality parts in another order, or run together without commas
        locality = [" ".join(town)] if place.country in ("US", "AU", "CA") else town[::-1]
    else:
        locality = town
    if style.named:
        locality.append(NAMES[place.country][0 if style.short else 1])
    text = c.join(parts + locality)
    return text.upper() if style.upper else text


def _agree(a: str, b: str, country: str) -> bool:
    return all(compare_addresses(x, y, mode, country).match for x, y in ((a, b), (b, a))
               for mode in ("strict", "relaxed"))


def _never(a: str, b: str, country: str) -> bool:
    return not any(compare_addresses(x, y, mode, country).match for x, y in ((a, b), (b, a))
                   for mode in ("strict", "relaxed"))


@settings(max_examples=300, deadline=None)
@given(places(), styles, styles)
def test_reformatted_place_stays_equal(place: Place, one: Style, other: Style) -> None:
    a, b = write(place, one), write(place, other)
    assert _agree(a, b, place.country), (a, b, compare_addresses(a, b, "strict", place.country))


@settings(max_examples=300, deadline=None)
@given(places(), styles, styles, st.sampled_from(["number", "unit", "postcode"]), st.data())
def test_other_number_unit_or_postcode_never_matches(place: Place, one: Style, other: Style, part: str,
                                                     data: st.DataObject) -> None:
    if part == "number":
        changed = replace(place, number=data.draw(st.integers(1, 2999).filter(lambda n: n != place.number)))
    elif part == "unit":
        changed = replace(place, unit=data.draw(st.integers(1, 60).filter(lambda n: n != place.unit)))
    else:
        drawn = _postcode(data.draw, place.country)
        changed = replace(place, postcode=drawn if drawn != place.postcode else _bump(drawn))
    a, b = write(place, one), write(changed, other)
    assert _never(a, b, place.country), (a, b)


def _bump(postcode: str) -> str:
    """The same shape, one character different."""
    for index in range(len(postcode) - 1, -1, -1):
        ch = postcode[index]
        if ch.isdigit():
            return postcode[:index] + str((int(ch) + 1) % 10 or (2 if index == 0 else 0)) + postcode[index + 1:]
        if ch.isalpha():
            nxt = LETTERS[(LETTERS.index(ch) + 1) % len(LETTERS)] if ch in LETTERS else "A"
            return postcode[:index] + nxt + postcode[index + 1:]
    return postcode
