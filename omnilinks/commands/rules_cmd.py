"""`omnilinks rules [ID]`: the rule catalogue at the terminal (as `ruff rule` does), or as docs/rules.md."""
from __future__ import annotations

import difflib

import click

from omnilinks.cli import register
from omnilinks.errors import OmnilinksError
from omnilinks.models import CATEGORIES
from omnilinks.rules.catalogue import CATEGORY_NAMES, rule_catalogue, rule_text, rules_markdown


@click.command("rules")
@click.argument("rule_id", required=False)
@click.option("--markdown", is_flag=True, help="Print the whole catalogue as Markdown (docs/rules.md).")
def rules_command(rule_id: str | None, markdown: bool) -> None:
    """Explain a rule: what it finds, why it matters, how to fix it. Without ID: list every rule."""
    catalogue = rule_catalogue()
    if markdown:
        click.echo(rules_markdown(), nl=False)
        return
    if rule_id:
        found = catalogue.get(rule_id.strip().lower())
        if found is None:
            close = difflib.get_close_matches(rule_id, list(catalogue), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else " (omnilinks rules lists them)"
            raise OmnilinksError(f"unknown rule {rule_id!r}{hint}")
        click.echo(rule_text(found), nl=False)
        return
    width = max(len(r) for r in catalogue)
    for category in CATEGORIES:
        title = CATEGORY_NAMES.get(category, category)
        members = [r for r in catalogue.values() if r.category == category]
        if members:
            click.echo(f"{title}:")
            for member in members:
                click.echo(f"  {member.id:<{width}}  {member.severity:<7}  {member.summary}")
    click.echo("\nomnilinks rules ID explains one.")


register(rules_command)
