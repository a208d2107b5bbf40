"""The shared vocabularies are the ones the faces offer and the code produces."""
from __future__ import annotations

import json
from pathlib import Path

import click

from omnilinks.channels import BY_PLATFORM, classify
from omnilinks.cli import cli
from omnilinks.commands.audit_cmd import audit
from omnilinks.vocabulary import CATEGORIES, CHANNEL_KINDS, FAIL_ON_CHOICES, SEVERITIES, SEVERITY_OVERRIDES

SCHEMA = Path(__file__).resolve().parents[2] / "omnilinks" / "config" / "omnilinks.schema.json"

# One URL for each kind of channel the vocabulary names.
EXAMPLES = {
    "profile": "https://www.instagram.com/kopisenja/",
    "channel_id": "https://www.youtube.com/channel/UC1234567890abcdefghijkl",
    "legacy_c": "https://www.youtube.com/c/KopiSenja",
    "legacy_user": "https://www.youtube.com/user/kopisenja",
    "group": "https://www.facebook.com/groups/kopisenja/",
    "company": "https://www.linkedin.com/company/kopisenja/",
    "person": "https://www.linkedin.com/in/budi-santoso/",
    "school": "https://www.linkedin.com/school/universitas-indonesia/",
    "showcase": "https://www.linkedin.com/showcase/kopisenja-roastery/",
    "listing": "https://www.google.com/maps/place/Kopi+Senja/",
    "short": "https://g.page/kopisenja",
    "business_site": "https://kopisenja.business.site/",
    "store": "https://www.tokopedia.com/kopisenja",
    "chat": "https://wa.me/6281234567890",
}


def choices(command: click.Command, option: str) -> tuple[str, ...]:
    param = next(p for p in command.params if p.name == option)
    assert isinstance(param.type, click.Choice)
    return tuple(param.type.choices)


def test_every_channel_kind_is_produced_and_every_produced_kind_is_named() -> None:
    produced = {kind: getattr(classify(url), "kind", None) for kind, url in EXAMPLES.items()}
    assert produced == {kind: kind for kind in EXAMPLES}
    page = BY_PLATFORM["generic"].parse("https://direktori.example.id/kopi-senja")
    assert page is not None and page.kind == "page"
    assert set(CHANNEL_KINDS) == set(EXAMPLES) | {"page"}


def test_fail_on_severities_and_categories_are_offered_as_written_once() -> None:
    check = cli.commands["check"]
    assert choices(check, "fail_on") == choices(audit, "fail_on") == FAIL_ON_CHOICES == ("error", "warning", "never")
    assert SEVERITIES == ("error", "warning", "notice") and SEVERITY_OVERRIDES == (*SEVERITIES, "off")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]
    assert schema["check"]["properties"]["fail_on"]["enum"] == list(FAIL_ON_CHOICES)
    assert schema["severity"]["additionalProperties"]["enum"] == list(SEVERITY_OVERRIDES)
    assert CATEGORIES == ("link", "crossref", "nap", "schema", "brand", "attribution")
