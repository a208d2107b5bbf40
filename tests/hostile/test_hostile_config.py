"""A careless or hostile omnilinks.yml: every value out of its documented range, every unusable
value, is exit 2 with one line naming the file, line and key, never an internal error."""
from __future__ import annotations

from pathlib import Path

import pytest

from omnilinks.cli import main
from omnilinks.config.schema import CONFIG

BOUNDS = {  # the ranges README's "Security and robustness" documents
    "concurrency": (1, 256), "per_host": (1, 64), "timeout": (0.1, 600), "deadline": (1, 86_400),
    "retries": (0, 10), "max_pages": (1, 1_000_000), "max_depth": (0, 1_000), "max_body": (1024, 104_857_600),
}


def number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def run(tmp_path: Path, config: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text("<a href='https://toko.example/'>toko</a>")
    (tmp_path / "omnilinks.yml").write_text(config)
    with pytest.raises(SystemExit) as exited:
        main(["check", str(site), "--config", str(tmp_path / "omnilinks.yml"), "--offline", "--no-progress",
              "--format", "json", "--output", str(tmp_path / "report.json")])
    return int(exited.value.code or 0), capsys.readouterr().err


def test_every_numeric_setting_has_the_documented_range() -> None:
    keys = CONFIG.keys["check"].keys
    numeric = {name for name, spec in keys.items() if getattr(spec, "kind", "") in ("integer", "number")}
    assert numeric == set(BOUNDS)
    assert {name: (keys[name].minimum, keys[name].maximum) for name in numeric} == BOUNDS


@pytest.mark.parametrize("key,value", [
    *[(key, low - (0.05 if isinstance(low, float) else 1)) for key, (low, _) in BOUNDS.items()],
    *[(key, high * 10) for key, (_, high) in BOUNDS.items()],
    ("timeout", ".nan"), ("timeout", ".inf"), ("deadline", "-.inf"), ("deadline", ".NaN"), ("timeout", "1.0e+400"),
    ("concurrency", 1_000_000_000), ("max_body", 10**30),
])
def test_a_value_out_of_range_is_exit_2_naming_file_line_key_and_range(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, value: object) -> None:
    code, err = run(tmp_path, f"brand:\n  name: Kopi\ncheck:\n  {key}: {value}\n", capsys)
    low, high = BOUNDS[key]
    assert code == 2
    assert err.count("\n") == 1 and "internal error" not in err
    assert f"omnilinks.yml:4: check.{key}: must be" in err
    assert f"between {number(low)} and {number(high)}" in err, err
    assert not (tmp_path / "report.json").exists()


@pytest.mark.parametrize("config,where,words", [
    ("check:\n  exclude:\n    - '^https://ok/'\n    - '(unclosed'\n", "omnilinks.yml:4: check.exclude[1]",
     "not a valid regular expression"),
    ("site:\n  url: 'http://[::1'\n", "omnilinks.yml:2: site.url", "not a valid URL"),
    ("site:\n  url: 'https://toko.example:99999/'\n", "omnilinks.yml:2: site.url", "not a valid URL"),
    ("site:\n  url: 'toko.example'\n", "omnilinks.yml:2: site.url", "expected an http(s) URL"),
    ("brand:\n  name: Kopi\n  aliases: [" + ", ".join(f"alias{i}" for i in range(16_000)) + "]\n",
     "omnilinks.yml:3: brand.aliases", "at most 100 items, got 16,000"),
    ("a: " + "[" * 100_000 + "\n", "omnilinks.yml", "nested too deeply"),
    ("brand:\n  name: " + "[" * 5_000 + "]" * 5_000 + "\n", "omnilinks.yml", "nested too deeply"),
])
def test_an_unusable_value_names_its_key(tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str,
                                         where: str, words: str) -> None:
    code, err = run(tmp_path, config, capsys)
    assert code == 2
    assert err.count("\n") == 1 and "internal error" not in err, err
    assert where in err and words in err, err


def test_values_inside_the_ranges_still_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = "check:\n" + "".join(f"  {key}: {low}\n  # high: {high}\n" for key, (low, high) in BOUNDS.items())
    assert run(tmp_path, config, capsys)[0] == 0
    config = "check:\n" + "".join(f"  {key}: {high}\n" for key, (_, high) in BOUNDS.items())
    assert run(tmp_path, config, capsys)[0] == 0
