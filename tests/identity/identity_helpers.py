"""Helpers shared by the identity tests: build one-page sites, pick this issue's findings."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

import omnilinks
from omnilinks.models import Finding

MINE = ("nap-", "schema-", "brand-")  # this rule ids (other rules share the categories)
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "identity"


# Share previews and logos are brand findings about pictures and tags, not identity facts.
NOT_IDENTITY = ("brand-preview-", "brand-logo-")


def mine(findings: tuple[Finding, ...], prefixes: tuple[str, ...] = MINE) -> list[Finding]:
    return [f for f in findings if f.rule.startswith(prefixes) and not f.rule.startswith(NOT_IDENTITY)]


def write_site(root: Path, brand: dict[str, Any] | None, body: str, head: str = "",
               check: dict[str, Any] | None = None, pages: dict[str, str] | None = None) -> Path:
    config: dict[str, Any] = {"site": {"url": "https://kopisenja.id"}}
    if brand is not None:
        config["brand"] = {"country": "ID", **brand}
    if check:
        config["check"] = check
    root.mkdir(parents=True, exist_ok=True)
    (root / "omnilinks.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (root / "index.html").write_text(page(body, head), encoding="utf-8")
    for name, html in (pages or {}).items():
        (root / name).write_text(html, encoding="utf-8")
    return root


def page(body: str, head: str = "", title: str = "Kopi Senja") -> str:
    return (f"<!doctype html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n{head}\n"
            f"</head>\n<body>\n{body}\n</body>\n</html>\n")


def jsonld(**fields: Any) -> str:
    import json

    entity = {"@context": "https://schema.org", "@type": "CafeOrCoffeeShop", "name": "Kopi Senja", **fields}
    return f'<script type="application/ld+json">\n{json.dumps(entity, ensure_ascii=False, indent=1)}\n</script>'


def run(root: Path) -> list[Finding]:
    return mine(omnilinks.check(str(root), offline=True, use_cache=False).findings)


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    seen = 0
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in text:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in {path}")
