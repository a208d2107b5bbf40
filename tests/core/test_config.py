from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from omnilinks.cli import cli, main
from omnilinks.config import find_config, load_config
from omnilinks.config.schema import to_json_schema
from omnilinks.errors import ConfigError

GOOD = """\
site:
  url: https://kopisenja.id
brand:
  name: Kopi Senja
  aliases: [Kopi Senja Kemang]
  phone: "+62 21 5550 123"
  hours: "Mo-Su 08:00-22:00"
channels:
  - https://www.instagram.com/kopisenja/
  - url: https://maps.app.goo.gl/AbCd
    place_id: ChIJabc
    facts: {checked: 2026-11-01, links_back: true}
ignore: [link-redirect, "example\\\\.org"]
severity: {link-insecure: error}
check: {external: false, concurrency: 8, per_host: 2, timeout: 5, exclude: ["^https://x\\\\.com/"]}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "omnilinks.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_config_loads_with_channel_lines(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD))
    assert config.site_url == "https://kopisenja.id"
    assert config.brand["aliases"] == ["Kopi Senja Kemang"]
    assert [c.line for c in config.channels] == [9, 10]
    assert config.channels[1].place_id == "ChIJabc"
    assert config.channels[1].facts == {"checked": "2026-11-01", "links_back": True}
    assert config.check.concurrency == 8 and config.check.external is False and config.check.timeout == 5.0
    assert config.severity == {"link-insecure": "error"}
    assert config.brand_lines["phone"] == 6


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        ("brand:\n  name: X\n  phnoe: 1\n", 3, "brand.phnoe", "unknown key"),
        ("check:\n  concurrency: many\n", 2, "check.concurrency", "expected a integer"),
        ("check:\n  per_host: 0\n", 2, "check.per_host", "between 1 and 64"),
        ("channels:\n  - {platform: x}\n", 2, "channels[0]", "url"),
        ("channels: https://x.com/a\n", 1, "channels", "expected a list"),
        ("check:\n  fail_on: sometimes\n", 2, "check.fail_on", "one of"),
        ("site: [1, 2]\n", 1, "site", "expected a mapping"),
    ],
)
def test_bad_config_names_file_line_and_key(tmp_path: Path, text: str, line: int, key: str, words: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'omnilinks.yml'}:{line}: {key}: ")
    assert words in message


def test_invalid_yaml_gives_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"omnilinks.yml:4: invalid YAML: expected"):
        load_config(write(tmp_path, "brand:\n  name: x\n  phone: [unclosed\n"))


def test_python_tags_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_config(write(tmp_path, "brand: !!python/object/apply:os.system ['echo pwned']\n"))


def test_cli_config_error_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<a href='/'>x</a>")
    write(site, "brand:\n  nmae: x\n")
    with pytest.raises(SystemExit) as caught:
        main(["check", str(site), "--offline"])
    assert caught.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "omnilinks.yml:2: brand.nmae: unknown key" in err


def test_config_found_in_target_then_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "public"
    site.mkdir()
    monkeypatch.chdir(tmp_path)
    assert find_config(str(site)) is None
    write(tmp_path, "brand: {name: A}\n")
    assert find_config(str(site)) == Path("omnilinks.yml").resolve() or find_config(str(site)).name == "omnilinks.yml"
    write(site, "brand: {name: B}\n")
    assert find_config(str(site)) == site / "omnilinks.yml"


def test_shipped_json_schema_is_current_and_accepts_the_example(tmp_path: Path) -> None:
    shipped = Path(__file__).parents[2] / "omnilinks" / "config" / "omnilinks.schema.json"
    schema = json.loads(shipped.read_text())
    assert {k: v for k, v in schema.items() if not k.startswith("$") and k != "title"} == to_json_schema()
    document = yaml.safe_load(GOOD)
    document["channels"][1]["facts"]["checked"] = "2026-11-01"
    jsonschema.validate(document, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"brand": {"nmae": "x"}}, schema)


def test_unknown_cli_option_is_usage_error_exit_2() -> None:
    result = CliRunner().invoke(cli, ["check", "--nope", "x"])
    assert result.exit_code == 2
