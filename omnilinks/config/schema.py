"""The shape of omnilinks.yml, written once and used twice: to validate a
config with file/line/key messages and to emit the JSON Schema for editors."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from omnilinks.vocabulary import CATEGORIES, DEFAULT_REGION, FAIL_ON_CHOICES, MATCH_MODES, SEVERITY_OVERRIDES


@dataclass(frozen=True)
class Scalar:
    """A single value in omnilinks.yml (string, number or boolean) and what it may be."""

    kind: str  # "string" | "integer" | "number" | "boolean"
    description: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    check: str | None = None  # "regex" | "url": a string that must compile or parse


@dataclass(frozen=True)
class ListOf:
    """A list in omnilinks.yml whose items all follow one spec."""

    item: Spec
    description: str = ""
    max_items: int | None = None


@dataclass(frozen=True)
class Mapping:
    """A mapping in omnilinks.yml: its known keys, each with its own spec."""

    keys: dict[str, Spec]
    description: str = ""
    required: tuple[str, ...] = ()
    open_values: Spec | None = None  # a mapping with free keys whose values follow this spec


@dataclass(frozen=True)
class OneOf:
    """A value in omnilinks.yml that may take any one of several shapes."""

    options: tuple[Spec, ...]
    description: str = ""


Spec = Scalar | ListOf | Mapping | OneOf  # one node of the config's shape

STR = Scalar("string")
# Bounds shared with the command line's --max-pages and --max-depth.
MAX_PAGES = 1_000_000
MAX_DEPTH = 1_000
SEVERITY = Scalar("string", choices=SEVERITY_OVERRIDES)

FACTS = Mapping(
    {
        "checked": Scalar("string", "Date the facts were confirmed by hand (YYYY-MM-DD)."),
        "name": STR,
        "phone": STR,
        "email": STR,
        "address": STR,
        "hours": STR,
        "website": Scalar("string", "The website link the profile shows."),
        "links_back": Scalar("boolean", "Whether the profile links to the site."),
    },
    "Facts you confirmed by hand for a platform omnilinks cannot read (login walls).",
    required=("checked",),
)

CHANNEL = OneOf(
    (
        Scalar("string", "The channel's URL."),
        Mapping(
            {
                "url": STR,
                "platform": Scalar("string", "Force the adapter (e.g. generic)."),
                "place_id": Scalar("string", "Google Places id of the listing."),
                "facts": FACTS,
            },
            required=("url",),
        ),
    ),
    "A profile, listing or store: a URL, or a mapping with url and options.",
)

IGNORE_ENTRY = OneOf(
    (
        Scalar("string", "A rule id or category (a bare name such as link-redirect or schema; categories: "
                         f"{', '.join(CATEGORIES)}), else a regular expression matched against URLs."),
        Mapping({"rule": Scalar("string", "A rule id.")}, required=("rule",)),
        Mapping({"category": Scalar("string", "A rule category.")}, required=("category",)),
        Mapping({"url": Scalar("string", "A regular expression matched against URLs.")}, required=("url",)),
    ),
    "What not to report: a rule id, a category, or URLs.",
)

CONFIG = Mapping(
    {
        "site": Mapping(
            {
                "url": Scalar("string", "The public address of the site.", check="url"),
                "assume_extension": Scalar("string", "Extension clean URLs map to (e.g. .html)."),
            }
        ),
        "brand": Mapping(
            {
                "name": STR,
                "aliases": ListOf(STR, max_items=100),
                "country": Scalar("string", "ISO 3166 country: reads phone numbers and picks the address rules "
                                               f"(default {DEFAULT_REGION})."),
                "phone": STR,
                "whatsapp": STR,
                "email": STR,
                "address": STR,
                "hours": OneOf((STR, ListOf(STR)), "schema.org openingHours or text."),
                "logo": STR,
                "handle": Scalar("string", "The handle the brand uses on every platform."),
            }
        ),
        "channels": ListOf(CHANNEL, max_items=500),
        "attribution": Mapping(
            {
                "utm_medium": Scalar("string",
                                     "Expected utm_medium on every channel's link to the site (e.g. social)."),
                "utm_source": Mapping({}, "Expected utm_source per platform id (instagram: instagram).",
                                      open_values=Scalar("string")),
                "required": Scalar("boolean", "true: a channel link to the site without UTM tags is a warning, "
                                              "not a notice."),
            },
            "The UTM convention of the channels' links to the site; when absent, the one most tagged links follow.",
        ),
        "ignore": ListOf(IGNORE_ENTRY, max_items=1000),
        "severity": Mapping({}, "Per-rule severity overrides.", open_values=SEVERITY),
        "check": Mapping(
            {
                "external": Scalar("boolean", "Check external links over the network."),
                "concurrency": Scalar("integer", "Requests in flight overall.", minimum=1, maximum=256),
                "per_host": Scalar("integer", "Requests in flight per host.", minimum=1, maximum=64),
                "timeout": Scalar("number", "Seconds per request.", minimum=0.1, maximum=600),
                "deadline": Scalar("number", "Seconds for the whole run.", minimum=1, maximum=86_400),
                "retries": Scalar("integer", "Retries on 429/5xx/timeouts.", minimum=0, maximum=10),
                "max_pages": Scalar("integer", "Pages a live crawl reads at most.", minimum=1, maximum=MAX_PAGES),
                "max_depth": Scalar("integer", "Link depth of a live crawl.", minimum=0, maximum=MAX_DEPTH),
                "max_body": Scalar("integer", "Bytes read per response or file, decoded.", minimum=1024,
                                   maximum=100 * 1024 * 1024),
                "exclude": ListOf(Scalar("string", "Regular expression of URLs not to check.", check="regex"),
                                  max_items=1000),
                "name_match": Scalar("string", choices=MATCH_MODES),
                "fail_on": Scalar("string", choices=FAIL_ON_CHOICES),
                "accept": Mapping({}, "Status codes accepted per URL pattern: a regular expression → codes "
                                      "(403, or a range \"400-499\").",
                                  open_values=ListOf(Scalar("string", "A status code or a range."))),
                "headers": Mapping({}, "Request headers per URL pattern: a regular expression → {header: value}; "
                                       "${NAME} in a value is read from the environment and never printed.",
                                   open_values=Mapping({}, open_values=Scalar("string"))),
                "max_cache_age": Scalar("string", "How long a good result is reused: seconds, or 30m, 12h, 7d."),
            }
        ),
    },
    "omnilinks.yml: the brand, its channels and how to check them.",
)


def to_json_schema(spec: Spec = CONFIG) -> dict[str, Any]:
    if isinstance(spec, Scalar):
        out: dict[str, Any] = {"type": spec.kind}
        if spec.choices:
            out["enum"] = list(spec.choices)
        if spec.minimum is not None:
            out["minimum"] = spec.minimum
        if spec.maximum is not None:
            out["maximum"] = spec.maximum
        if spec.check == "regex":
            out["format"] = "regex"
        elif spec.check == "url":
            out["format"] = "uri"
    elif isinstance(spec, ListOf):
        out = {"type": "array", "items": to_json_schema(spec.item)}
        if spec.max_items is not None:
            out["maxItems"] = spec.max_items
    elif isinstance(spec, OneOf):
        out = {"anyOf": [to_json_schema(o) for o in spec.options]}
    else:
        out = {"type": "object", "properties": {k: to_json_schema(v) for k, v in spec.keys.items()}}
        if spec.open_values is not None:
            out["additionalProperties"] = to_json_schema(spec.open_values)
        else:
            out["additionalProperties"] = False
        if spec.required:
            out["required"] = list(spec.required)
    if spec.description:
        out["description"] = spec.description
    return out
