"""Per-country address tables: what a postcode looks like, which words name a
street type or an administrative area, and the names and abbreviations of
regions and countries. All text here is in folded form (lower case, no accents,
ß as ss), the form the parser compares in.

Each table is plain text, one entry a line, alternative spellings separated by
"/": the first spelling is the one compared (so "ma/massachusetts/mass." makes
all three "ma")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field


def _lines(table: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(form.strip() for form in line.split("/")) for line in table.strip().splitlines()
                 if line.strip())


def _aliases(table: str) -> dict[str, str]:
    """alternative spelling -> compared spelling (itself included)."""
    return {form: forms[0] for forms in _lines(table) for form in forms}


def _expansions(table: str) -> dict[str, tuple[str, ...]]:
    """abbreviation -> the words it stands for ("jaksel" -> jakarta selatan)."""
    return {form: tuple(forms[0].split()) for forms in _lines(table) for form in forms[1:]}


@dataclass(frozen=True)
class CountryRules:
    """One country's address tables, as the address parser reads them."""

    code: str
    names: tuple[str, ...]  # how addresses name the country (folded)
    postcode: str  # regex on folded text
    expansions: dict[str, tuple[str, ...]]  # abbreviation -> words
    street_types: frozenset[str]  # words that make a part a street name
    regions: dict[str, str] = field(default_factory=dict)  # any spelling -> compared spelling
    area_words: frozenset[str] = frozenset()  # words that label an area and say nothing themselves
    number_first: bool = True  # "125 Main St" (else "Friedrichstrasse 123")
    unit_slash: bool = False  # "7/12 Smith St" is unit 7 at number 12 (AU, NZ)
    unit_hyphen: bool = False  # "400-123 Main St" is unit 400 at number 123 (CA)
    compound_suffixes: tuple[tuple[str, str], ...] = ()  # written suffix -> compared suffix

    def canonical_postcode(self, text: str) -> str:
        """One spelling per postcode, spaced as the country writes it ("W1J 9LE", "1012 AB")."""
        value = re.sub(r"[\s-]", "", text)
        if self.code == "US":
            return value[:5]  # ZIP+4 narrows a ZIP code; the five digits name the area
        split = {"GB": -3, "CA": 3, "IE": 3, "NL": 4, "IN": None}.get(self.code)
        return f"{value[:split]} {value[split:]}" if split else value


# Indonesia: the tables the address rules were first written for.
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
HONORIFICS = frozenset({
    "jenderal", "letjen", "mayjen", "brigjen", "laksamana", "kolonel", "kol", "kapten", "mayor",
    "prof", "dr", "ir", "kh", "h", "hj", "hr", "mh", "mt", "r", "raden", "haji",
})

ENGLISH_STREETS = """
street/st/str
road/rd
avenue/ave/av/avn
lane/ln
boulevard/blvd/blv/bvd
drive/dr/drv
court/ct/crt
place/pl
terrace/tce/terr/ter
crescent/cres/cr/crs
highway/hwy
parkway/pkwy
square/sq
close/cl
way/wy
circle/cir
parade/pde
esplanade/esp
grove/gr/gv
gardens/gdns
walk
mews
row
trail/trl
alley/aly
expressway/expy
freeway/fwy
circuit/cct
promenade/prom
quay
wharf
"""
ENGLISH_WORDS = """
north/n
south/s
east/e
west/w
northeast/ne
northwest/nw
southeast/se
southwest/sw
mount/mt
fort/ft
saint/ste
"""
_ENGLISH_AREA = ("city", "town", "county", "district", "state", "province", "borough", "suburb", "of",
                 "metro", "metropolitan", "greater", "municipality")


def _english(code: str, names: str, postcode: str, regions: str = "", area: tuple[str, ...] = (),
             extra: str = "", unit_slash: bool = False, unit_hyphen: bool = False) -> CountryRules:
    streets = _lines(ENGLISH_STREETS)
    return CountryRules(
        code=code, names=tuple(names.split("/")), postcode=postcode,
        expansions=_expansions(ENGLISH_STREETS + ENGLISH_WORDS + extra),
        street_types=frozenset(forms[0] for forms in streets) | frozenset(
            forms[0] for forms in _lines(extra)),
        regions=_aliases(regions), area_words=frozenset(_ENGLISH_AREA + area),
        unit_slash=unit_slash, unit_hyphen=unit_hyphen)


US_STATES = """
al/alabama
ak/alaska
az/arizona
ar/arkansas
ca/california/calif
co/colorado
ct/connecticut
de/delaware
dc/district of columbia/washington dc/washington d c
fl/florida
ga/georgia
hi/hawaii
id/idaho
il/illinois
in/indiana
ia/iowa
ks/kansas
ky/kentucky
la/louisiana
me/maine
md/maryland
ma/massachusetts/mass
mi/michigan
mn/minnesota
ms/mississippi
mo/missouri
mt/montana
ne/nebraska
nv/nevada
nh/new hampshire
nj/new jersey
nm/new mexico
ny/new york state
nc/north carolina
nd/north dakota
oh/ohio
ok/oklahoma
or/oregon
pa/pennsylvania
ri/rhode island
sc/south carolina
sd/south dakota
tn/tennessee
tx/texas
ut/utah
vt/vermont
va/virginia
wa/washington state
wv/west virginia
wi/wisconsin
wy/wyoming
pr/puerto rico
new york/nyc/new york city/ny ny
san francisco/sf
"""
CA_PROVINCES = """
on/ontario
qc/quebec/que
bc/british columbia
ab/alberta
mb/manitoba
sk/saskatchewan
ns/nova scotia
nb/new brunswick
nl/newfoundland and labrador/newfoundland
pe/prince edward island/pei
yt/yukon
nt/northwest territories
nu/nunavut
montreal/montreal
"""
UK_REGIONS = """
england/eng
scotland/scot
wales/cymru
northern ireland/ni
london/greater london/city of london
"""
IE_REGIONS = """
dublin/baile atha cliath/dub
cork/corcaigh
galway/gaillimh
limerick/luimneach
"""
AU_STATES = """
nsw/new south wales
vic/victoria
qld/queensland
wa/western australia
sa/south australia
tas/tasmania
act/australian capital territory
nt/northern territory
"""
NZ_REGIONS = """
auckland/akl/tamaki makaurau
wellington/wgtn/wlg/te whanganui a tara
canterbury
christchurch/otautahi/chch
otago
waikato
bay of plenty/bop
"""
IN_STATES = """
mh/maharashtra
ka/karnataka
tn/tamil nadu
dl/delhi/nct of delhi/new delhi/national capital territory of delhi
wb/west bengal
tg/telangana/ts
gj/gujarat
rj/rajasthan
kl/kerala
up/uttar pradesh
hr/haryana
pb/punjab
mumbai/bombay
bengaluru/bangalore/blr
chennai/madras
kolkata/calcutta
"""
MY_STATES = """
kuala lumpur/kl/wilayah persekutuan kuala lumpur/wp kuala lumpur/federal territory of kuala lumpur
putrajaya/wilayah persekutuan putrajaya/wp putrajaya
labuan/wilayah persekutuan labuan/wp labuan
selangor/sel/selangor darul ehsan
johor/johore/johor darul tazim/jhr
penang/pulau pinang/pg/png
perak/perak darul ridzuan
kedah/kedah darul aman
kelantan/kelantan darul naim
terengganu/terengganu darul iman
pahang/pahang darul makmur
negeri sembilan/n sembilan/ns
melaka/malacca/mlk
sabah
sarawak
perlis
"""
SG_AREAS = """
singapore/sg/republic of singapore
"""
PH_REGIONS = """
metro manila/ncr/national capital region/mm
makati/makati city
quezon city/qc
cebu/cebu city
taguig/taguig city
pasig/pasig city
"""
TH_REGIONS = """
bangkok/krung thep/krung thep maha nakhon/bkk
chiang mai/chiangmai
phuket
"""
VN_REGIONS = """
ho chi minh/ho chi minh city/hcmc/hcm/tp hcm/tphcm/tp ho chi minh/thanh pho ho chi minh/saigon/sai gon
hanoi/ha noi/hn/tp ha noi/thanh pho ha noi
da nang/danang
"""
DE_STATES = """
by/bayern/bavaria
be/berlin
bw/baden wurttemberg/baden-wuerttemberg/baden wuerttemberg
nw/nordrhein westfalen/nrw/north rhine westphalia
he/hessen/hesse
hh/hamburg
hb/bremen
ni/niedersachsen/lower saxony
sn/sachsen/saxony
munchen/muenchen/munich
koln/koeln/cologne
"""
FR_REGIONS = """
ile de france/idf
paris/paris cedex
provence alpes cote d azur/paca
auvergne rhone alpes/ara
"""
NL_PROVINCES = """
nh/noord holland/north holland
zh/zuid holland/south holland
ut/utrecht
nb/noord brabant/north brabant
gld/gelderland
ov/overijssel
gr/groningen
den haag/the hague/s gravenhage
"""
ES_REGIONS = """
madrid/comunidad de madrid
cataluna/catalunya/catalonia/cat
andalucia/andalusia
comunidad valenciana/comunitat valenciana/valencian community
pais vasco/euskadi/basque country
barcelona/bcn
"""

_DE_STREETS = "strasse/str/strase\nplatz/pl\nweg\nallee\ngasse\nring\ndamm\nufer\nchaussee\nmarkt\nsteig\n"
_NL_STREETS = ("straat/str\nlaan/ln\nplein/pln\ngracht/gr\nweg\nkade\nsingel\ndijk\nsteeg\nhof\n"
               "dreef\nmarkt/mkt\npad\nwal\n")

COUNTRIES: dict[str, CountryRules] = {
    "US": _english("US", "united states/united states of america/usa/us/u s a/u s", r"\d{5}(?:-\d{4})?",
                   US_STATES, ("township", "twp")),
    "CA": _english("CA", "canada", r"[a-z]\d[a-z] ?\d[a-z]\d", CA_PROVINCES, unit_hyphen=True),
    "GB": _english("GB", "united kingdom/uk/u k/gb/great britain/britain",
                   r"[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2}", UK_REGIONS),
    "IE": _english("IE", "ireland/republic of ireland/eire/ie", r"[a-z]\d[\dw][ -]?[\da-z]{4}", IE_REGIONS,
                   ("co", "contae")),
    "AU": _english("AU", "australia/au/aus", r"\d{4}", AU_STATES, unit_slash=True),
    "NZ": _english("NZ", "new zealand/nz/aotearoa", r"\d{4}", NZ_REGIONS, ("central",), unit_slash=True),
    "SG": _english("SG", "singapore/republic of singapore/sg", r"\d{6}", SG_AREAS),
    "MY": _english("MY", "malaysia/my", r"\d{5}", MY_STATES, ("taman", "wilayah", "persekutuan", "bandar"),
                   "jalan/jln/jl\nlorong/lrg\npersiaran/psn\nlebuh/lbh\nlebuhraya/lbh raya\n"),
    "PH": _english("PH", "philippines/ph/republika ng pilipinas", r"\d{4}", PH_REGIONS,
                   ("barangay", "brgy", "bgy", "poblacion")),
    "IN": _english("IN", "india/bharat", r"[1-9]\d{2} ?\d{3}", IN_STATES,
                   ("nagar", "sector", "near", "opp", "opposite", "behind", "po", "dist"),
                   "marg\npath\nsalai\ncross\nmain\n"),
    "TH": _english("TH", "thailand/th/prathet thai", r"[1-9]\d{4}", TH_REGIONS,
                   ("khet", "khwaeng", "amphoe", "tambon", "changwat", "tumbon", "amphur"),
                   "soi\nthanon/thnn\nyaek\n"),
    "VN": _english("VN", "vietnam/viet nam/vn", r"\d{5,6}", VN_REGIONS,
                   ("phuong", "p", "quan", "q", "huyen", "tp", "thanh pho", "xa", "thi tran"),
                   "duong/d\npho\nngo\nhem\n"),
}
COUNTRIES["UK"] = COUNTRIES["GB"]
COUNTRIES["ID"] = CountryRules(
    code="ID", names=("indonesia", "republik indonesia", "republic of indonesia"), postcode=r"[1-9]\d{4}",
    expansions=_EXPANSIONS, street_types=_ENGLISH_STREET_TYPES, area_words=_AREA_WORDS, number_first=False)


def _european(code: str, names: str, postcode: str, streets: str, regions: str, area: tuple[str, ...],
              compound: tuple[tuple[str, str], ...] = (), number_first: bool = False) -> CountryRules:
    return CountryRules(code=code, names=tuple(names.split("/")), postcode=postcode,
                        expansions=_expansions(streets), street_types=frozenset(f[0] for f in _lines(streets)),
                        regions=_aliases(regions), area_words=frozenset(area), number_first=number_first,
                        compound_suffixes=compound)


COUNTRIES["DE"] = _european(
    "DE", "germany/deutschland/bundesrepublik deutschland", r"\d{5}", _DE_STREETS, DE_STATES,
    ("stadt", "bezirk", "ortsteil", "landkreis", "kreis", "freistaat", "land"),
    (("strasse", "strasse"), ("str", "strasse"), ("strase", "strasse"), ("platz", "platz"), ("weg", "weg"),
     ("allee", "allee"), ("gasse", "gasse"), ("damm", "damm"), ("ring", "ring"), ("ufer", "ufer")))
COUNTRIES["NL"] = _european(
    "NL", "netherlands/the netherlands/nederland/holland", r"[1-9]\d{3} ?(?!sa|sd|ss)[a-z]{2}", _NL_STREETS,
    NL_PROVINCES, ("gemeente", "provincie", "stad"),
    (("straat", "straat"), ("str", "straat"), ("gr", "gracht"), ("laan", "laan"), ("plein", "plein"), ("gracht", "gracht"),
     ("weg", "weg"), ("kade", "kade"), ("singel", "singel"), ("dijk", "dijk"), ("steeg", "steeg")))
COUNTRIES["FR"] = _european(
    "FR", "france/republique francaise/fr", r"\d{5}",
    "rue/r\navenue/av/ave\nboulevard/bd/bld/boul\nplace/pl\nquai\nchemin/ch/chem\nallee/all\nimpasse/imp\n"
    "route/rte\ncours/crs\npassage/pass\nsquare/sq\nfaubourg/fbg\nsaint/st\nsainte/ste\n",
    FR_REGIONS, ("cedex", "arrondissement", "arr", "commune", "departement", "region"), number_first=True)
COUNTRIES["ES"] = _european(
    "ES", "spain/espana/es/reino de espana", r"\d{5}",
    "calle/c/cl/cll/c l\navenida/av/avda/avd\nplaza/pl/pza/plz\npaseo/po/pso\ncarrera/cra\ncarretera/ctra\n"
    "ronda/rda\ntravesia/trva\ncamino/cno\nrambla/rbla\nglorieta/gta\npasaje/pje\n",
    ES_REGIONS, ("provincia", "municipio", "comunidad", "barrio", "distrito"))


def rules_for(country: str | None) -> CountryRules | None:
    return COUNTRIES.get((country or "").upper())


def country_named(folded: str) -> tuple[str | None, str]:
    """The country an address names in its last words, and the text without it.

    Only the end counts (a postcode may follow): "Singapore 048616" and "..., UK" name a
    country, while "us" or "in" inside a sentence do not."""
    words = re.findall(r"[a-z0-9]+", folded)
    while words and words[-1].isdigit():
        words.pop()  # "Singapore 048616", "Jakarta 12730, Indonesia"
    for size in range(min(_LONGEST_NAME, len(words)), 0, -1):
        name = " ".join(words[-size:])
        code = _NAMED.get(name)
        if code is None or _inside_region(words[-size - 3:], COUNTRIES[code]):
            continue
        pattern = r"(?:^|(?<=[\s,;]))" + r"[\s.]+".join(map(re.escape, name.split())) + r"(?![a-z0-9])"
        match = list(re.finditer(pattern, folded))[-1]
        return ("GB" if code == "UK" else code), folded[:match.start()] + folded[match.end():]
    return None, folded


def country_name(value: str) -> str:
    """A country as an address would name it: ISO codes become the name ("AU" -> Australia)."""
    value = value.strip()
    code = value.upper()
    if code in ("ID", "IDN"):
        return "Indonesia"
    rules = rules_for(code)
    if rules is not None and len(code) == 2:
        return rules.names[0].title()
    return value


def _inside_region(tail_words: list[str], rules: CountryRules) -> bool:
    """"Western Australia" ends in a country's name and names a state."""
    tail = " ".join(tail_words)
    return any(len(region.split()) > 1 and (tail == region or tail.endswith(" " + region)) for region in rules.regions)


# Country-code top-level domains of the countries above: a site's own country when the
# brand declares none (shop.com.au reads Australian phone numbers and addresses).
COUNTRY_TLDS = {"id": "ID", "my": "MY", "sg": "SG", "ph": "PH", "th": "TH", "vn": "VN", "in": "IN", "us": "US",
                "ca": "CA", "uk": "GB", "ie": "IE", "au": "AU", "nz": "NZ", "de": "DE", "fr": "FR", "nl": "NL",
                "es": "ES"}


def country_of_host(host: str) -> str | None:
    return COUNTRY_TLDS.get(host.lower().rstrip(".").rsplit(".", 1)[-1]) if "." in host else None


_NAMED = {name: code for code, rules in COUNTRIES.items() for name in rules.names}
_LONGEST_NAME = max(len(name.split()) for name in _NAMED)
