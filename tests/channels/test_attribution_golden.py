"""Attribution hygiene on a whole presence — a Mexico City bakery's site, its
omnilinks.yml and every channel's answer recorded (fixtures/attribution):
channel links back tagged inconsistently, UTM tags on the site's own links,
WhatsApp texts that differ, a landing redirect that drops the tags. The
findings are golden.

Regenerate after an intended change: OMNILINKS_UPDATE_GOLDEN=1 pytest tests/channels/test_attribution_golden.py
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses
from golden_files import golden_json

from omnilinks.pipeline import check
from omnilinks.report.json_format import to_dict

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "attribution"
GOLDEN = Path(__file__).resolve().parent / "golden" / "attribution.json"


def _serve(mock: responses.RequestsMock, methods: tuple[str, ...] = ("GET", "HEAD")) -> None:
    manifest = json.loads((FIXTURE / "responses" / "manifest.json").read_text(encoding="utf-8"))
    for key, answer in manifest.items():
        method, url = key.split(" ", 1)
        if method not in methods:
            continue
        body = (FIXTURE / "responses" / answer["file"]).read_bytes() if "file" in answer else b""
        mock.add(method, url, status=answer.get("status", 200), body=body, headers=answer.get("headers", {}),
                 content_type="text/html; charset=utf-8", match=[_query(url)])


def _query(url: str) -> object:
    return responses.matchers.query_string_matcher(url.partition("?")[2])


def _run(config: Path, offline: bool = False) -> dict:
    with responses.RequestsMock(assert_all_requests_are_fired=not offline) as mock:
        _serve(mock)
        report = check(str(FIXTURE / "site"), config_path=str(config), use_cache=False, offline=offline or None)
    data = to_dict(report)
    data["tool"].pop("version")
    data["run"] = {key: "*" for key in data["run"]}  # the clock, not the report
    return json.loads(json.dumps(data).replace(str(FIXTURE), "fixtures/attribution"))


def _attribution(data: dict) -> list[dict]:
    return [f for f in data["findings"] if f["category"] == "attribution"]


def test_attribution_presence_matches_golden() -> None:
    data = _run(FIXTURE / "omnilinks.yml")
    expected = golden_json(GOLDEN, data)
    assert _attribution(data) == _attribution(expected)
    assert data == expected


def _summary(data: dict) -> set[tuple]:
    return {(f["rule"], f["platform"], f["field"], f["expected"], f["actual"]) for f in _attribution(data)}


def test_each_intended_finding_with_the_url_to_paste() -> None:
    """The golden file is reviewed by reading this: one line per deliberate problem of the fixture."""
    data = _run(FIXTURE / "omnilinks.yml")
    tagged = "https://panaderialuna.mx/?utm_source=instagram&utm_medium=social&utm_campaign=bio"
    assert _summary(data) == {
        ("attribution-inconsistent", "instagram", "utm_source", "instagram", "Instagram"),
        ("attribution-inconsistent", "tiktok", "utm_source", "tiktok", "instagram"),
        ("attribution-inconsistent", "facebook", "utm_medium", "social", "Social"),
        ("attribution-inconsistent", "facebook", "utm_campaign", "bio", "Bio"),
        ("attribution-untagged", "youtube", "utm_source", "youtube", None),
        ("attribution-redirect-drops-tags", "tiktok", "utm_source", tagged, "https://www.panaderialuna.mx/"),
        ("attribution-internal-utm", None, "utm_source", None,
         "utm_source=home&utm_medium=banner&utm_campaign=pan-de-muerto"),
        ("attribution-whatsapp-text", None, None, "Hola Panadería Luna, quiero hacer un pedido",
         "Hola, quiero pedir pan"),
    }
    fixes = {(f["rule"], f["platform"]): f["fix"] for f in _attribution(data)}
    assert fixes[("attribution-inconsistent", "tiktok")].endswith(
        "https://panaderialuna.mx/?utm_source=tiktok&utm_medium=social&utm_campaign=bio")
    assert fixes[("attribution-inconsistent", "facebook")].endswith(
        "https://panaderialuna.mx/?utm_source=facebook&utm_medium=social&utm_campaign=bio")
    assert fixes[("attribution-untagged", "youtube")].endswith(
        "https://panaderialuna.mx/?utm_source=youtube&utm_medium=social")
    assert "https://www.panaderialuna.mx/?utm_source=instagram&utm_medium=social&utm_campaign=bio" in \
        fixes[("attribution-redirect-drops-tags", "tiktok")]
    assert fixes[("attribution-internal-utm", None)] == \
        'Change href="/menu/?utm_source=home&utm_medium=banner&utm_campaign=pan-de-muerto" to href="/menu/".'
    assert fixes[("attribution-whatsapp-text", None)].endswith(
        "https://wa.me/525512345678?text=Hola%20Panader%C3%ADa%20Luna%2C%20quiero%20hacer%20un%20pedido.")
    severities = {f["rule"]: f["severity"] for f in _attribution(data)}
    assert severities["attribution-untagged"] == "notice"
    assert severities["attribution-redirect-drops-tags"] == "error"


def test_offline_the_redirect_is_not_judged() -> None:
    data = _run(FIXTURE / "omnilinks.yml", offline=True)
    rules = {f["rule"] for f in _attribution(data)}
    # Offline, TikTok and YouTube are not read: only the links recorded by hand and the site's own are judged.
    assert "attribution-redirect-drops-tags" not in rules
    assert {"attribution-inconsistent", "attribution-internal-utm", "attribution-whatsapp-text"} <= rules


def _config_without_attribution(tmp_path: Path, extra: str = "") -> Path:
    text = (FIXTURE / "omnilinks.yml").read_text(encoding="utf-8")
    start, end = text.index("attribution:"), text.index("channels:")
    path = tmp_path / "omnilinks.yml"
    path.write_text(text[:start] + extra + text[end:], encoding="utf-8")
    return path


def test_without_attribution_block_the_convention_is_inferred(tmp_path: Path) -> None:
    data = _run(_config_without_attribution(tmp_path))
    found = _attribution(data)
    channel_findings = [f for f in found if f["platform"]]
    inferred = "convention inferred from the 3 tagged channel links, 2 with utm_medium=social"
    assert channel_findings and all(inferred in f["message"] for f in channel_findings
                                    if f["rule"] != "attribution-redirect-drops-tags")
    # Majority medium social; each platform's own name as its source.
    assert ("attribution-inconsistent", "facebook", "utm_medium", "social", "Social") in _summary(data)
    assert ("attribution-inconsistent", "tiktok", "utm_source", "tiktok", "instagram") in _summary(data)
    assert ("attribution-untagged", "youtube", "utm_source", "youtube", None) in _summary(data)


def test_required_makes_an_untagged_link_a_warning(tmp_path: Path) -> None:
    config = _config_without_attribution(tmp_path, "attribution:\n  utm_medium: social\n  required: true\n")
    untagged = [f for f in _attribution(_run(config)) if f["rule"] == "attribution-untagged"]
    assert [(f["platform"], f["severity"]) for f in untagged] == [("youtube", "warning")]


def test_a_declared_source_is_met_exactly(tmp_path: Path) -> None:
    config = _config_without_attribution(
        tmp_path, "attribution:\n  utm_medium: social\n  utm_source: {instagram: ig, tiktok: tiktok}\n")
    summary = _summary(_run(config))
    assert ("attribution-inconsistent", "instagram", "utm_source", "ig", "Instagram") in summary


@pytest.mark.parametrize(("block", "message"), [
    ("attribution:\n  utm_medum: social\n",
     "attribution.utm_medum: unknown key (known: required, utm_medium, utm_source)"),
    ("attribution:\n  utm_medium: [social]\n", "attribution.utm_medium: expected a string"),
    ("attribution:\n  utm_medium: ' social'\n", "attribution.utm_medium: expected a UTM value without spaces"),
    ("attribution:\n  utm_source: {instagram: 'ig&x=1'}\n", "attribution.utm_source.instagram: expected a UTM value"),
    ("attribution:\n  utm_source: {instgram: ig}\n", "attribution.utm_source.instgram: unknown platform id (known: "),
    ("attribution:\n  required: yes please\n", "attribution.required: expected a boolean"),
])
def test_bad_attribution_config_is_one_line_exit_2(tmp_path: Path, block: str, message: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from omnilinks.cli import main

    config = _config_without_attribution(tmp_path, block)
    with pytest.raises(SystemExit) as stop:
        main(["check", str(FIXTURE / "site"), "--config", str(config), "--offline", "--no-progress"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert message in err and f"{config}:" in err and len(err.strip().splitlines()) == 1


def test_every_attribution_rule_has_its_catalogue_text() -> None:
    from omnilinks.rules.base import RULES

    ours = [r for r in RULES.values() if r.category == "attribution"]
    assert {r.id for r in ours} == {"attribution-untagged", "attribution-inconsistent",
                                    "attribution-redirect-drops-tags", "attribution-internal-utm",
                                    "attribution-whatsapp-text"}
    for rule in ours:
        assert len(rule.why) > 60 and len(rule.how_to_fix) > 30 and rule.example, rule.id


def test_an_inferred_convention_keeps_a_source_of_the_sites_choosing(tmp_path: Path) -> None:
    """utm_source=bio_link names no platform: not a split, and the medium fix keeps it."""
    text = (FIXTURE / "omnilinks.yml").read_text(encoding="utf-8")
    text = text[:text.index("attribution:")] + text[text.index("channels:"):]
    text = text.replace("utm_source=facebook&utm_medium=Social&utm_campaign=Bio",
                        "utm_source=bio_link&utm_medium=Social&utm_campaign=bio")
    config = tmp_path / "omnilinks.yml"
    config.write_text(text, encoding="utf-8")
    facebook = [f for f in _attribution(_run(config, offline=True)) if f["platform"] == "facebook"]
    assert [(f["field"], f["expected"], f["actual"]) for f in facebook] == [("utm_medium", "social", "Social")]
    assert facebook[0]["fix"].endswith(
        "https://panaderialuna.mx/?utm_source=bio_link&utm_medium=social&utm_campaign=bio")


def test_the_category_can_be_ignored(tmp_path: Path) -> None:
    config = tmp_path / "omnilinks.yml"
    config.write_text((FIXTURE / "omnilinks.yml").read_text(encoding="utf-8") + "ignore: [attribution]\n",
                      encoding="utf-8")
    assert _attribution(_run(config, offline=True)) == []


@pytest.mark.parametrize(("location", "dropped"), [
    ("https://www.ferreteria-sol.com.br/?utm_source=instagram&utm_medium=social", False),  # kept: nothing to say
    ("https://www.ferreteria-sol.com.br/?utm_medium=social", True),  # utm_source lost on the way
    ("https://www.ferreteria-sol.com.br/", True),
])
def test_a_landing_redirect_is_judged_by_the_tags_that_arrive(tmp_path: Path, location: str, dropped: bool) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><head><title>Ferreteria Sol</title></head><body>"
                                     "<a href='https://www.instagram.com/ferreteriasol/'>Instagram</a></body></html>")
    config = tmp_path / "omnilinks.yml"
    tagged = "https://ferreteria-sol.com.br/?utm_source=instagram&utm_medium=social"
    config.write_text("site: {url: 'https://ferreteria-sol.com.br'}\nbrand: {name: Ferreteria Sol, country: BR}\n"
                      "channels:\n  - url: https://www.instagram.com/ferreteriasol/\n"
                      f"    facts: {{checked: 2026-10-02, website: '{tagged}'}}\n", encoding="utf-8")
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        mock.add("GET", "https://www.instagram.com/ferreteriasol/", body="<html><title>Instagram</title></html>",
                 content_type="text/html")
        mock.add("HEAD", tagged, status=301, headers={"Location": location},
                 match=[_query(tagged)])
        mock.add("HEAD", location, status=200, match=[_query(location)])
        report = check(str(site), config_path=str(config), use_cache=False)
    found = [f for f in report.findings if f.rule == "attribution-redirect-drops-tags"]
    assert bool(found) is dropped
    if dropped:
        from omnilinks.normalize.utm import utm_tags

        pasted = (found[0].fix or "").split(" to ", 1)[1].split(" (the final address")[0]
        assert pasted.startswith("https://www.ferreteria-sol.com.br/?")
        assert utm_tags(pasted) == {"utm_source": "instagram", "utm_medium": "social"}
        assert found[0].severity == "error" and found[0].actual == location


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    site = tmp_path / "site"
    for name, body in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"<html><head><title>Padaria</title></head><body>{body}</body></html>",
                                 encoding="utf-8")
    return site


def test_whatsapp_texts_per_number_any_link_form(tmp_path: Path) -> None:
    ola = "https://api.whatsapp.com/send?phone=5511987654321&text=Ol%C3%A1%2C%20quero%20encomendar"
    site = _site(tmp_path, {
        "index.html": f"<a href='{ola}'>WhatsApp</a> <a href='https://wa.me/5511912345678?text=Oi'>Outro número</a>",
        "produtos.html": f"<a href='{ola}'>WhatsApp</a>",
        "contato.html": "<a href='https://wa.me/5511987654321?text=Oi%2C%20tudo%20bem%3F'>WhatsApp</a>"
                        "<a href='https://wa.me/5511987654321'>sem texto</a>",
    })
    report = check(str(site), base_url="https://padaria.example.com.br", offline=True, use_cache=False)
    found = [f for f in report.findings if f.rule == "attribution-whatsapp-text"]
    # One number with two texts (two pages agree); the other number has one text; a link without text is no text.
    assert [(f.expected, f.actual, f.location.path.rsplit("/", 1)[-1]) for f in found] == \
        [("Olá, quero encomendar", "Oi, tudo bem?", "contato.html")]
    assert found[0].fix == "If these links are one campaign, link " \
                           "https://wa.me/5511987654321?text=Ol%C3%A1%2C%20quero%20encomendar."


def test_internal_tags_are_one_finding_per_link_with_the_other_pages_related(tmp_path: Path) -> None:
    footer = "<footer><a href='/loja.html?utm_source=rodape&amp;utm_medium=link'>Loja</a></footer>"
    site = _site(tmp_path, {"index.html": footer, "loja.html": footer, "sobre.html": footer +
                            "<a href='https://padaria.example.com.br/?utm_campaign=natal'>Início</a>"
                            "<a href='https://outro.example.com/?utm_source=padaria'>parceiro</a>"})
    report = check(str(site), base_url="https://padaria.example.com.br", offline=True, use_cache=False)
    found = sorted((f for f in report.findings if f.rule == "attribution-internal-utm"), key=lambda f: f.target or "")
    assert [(f.target, len(f.related), f.field) for f in found] == [
        ("https://padaria.example.com.br/?utm_campaign=natal", 0, "utm_campaign"),
        ("https://padaria.example.com.br/loja.html?utm_source=rodape&utm_medium=link", 2, "utm_source"),
    ]
    assert found[0].fix == 'Change href="https://padaria.example.com.br/?utm_campaign=natal" to ' \
                           'href="https://padaria.example.com.br/".'
