"""The composite Action: inputs only through env:, and its run steps executed locally with fake
GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_ACTION_PATH."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ACTION = REPO / "action.yml"
SITE = Path(__file__).parent / "fixtures" / "hugo_site"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def action() -> dict[str, Any]:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def test_inputs_never_reach_a_script_directly() -> None:
    steps = action()["runs"]["steps"]
    assert action()["runs"]["using"] == "composite"
    for step in steps:
        if "run" in step:
            assert "${{" not in step["run"], f"expression inside run: of step {step.get('name')}"
            assert step.get("shell") == "bash"
    run = next(s for s in steps if s.get("id") == "run")
    used = {m.group(1) for value in run["env"].values() for m in EXPRESSION.finditer(str(value))}
    assert {f"inputs.{name}" for name in action()["inputs"]} <= used | {"inputs.python-version"}
    install = next(s for s in steps if s.get("id") == "install")
    assert 'pip install' in install["run"] and '"$GITHUB_ACTION_PATH"' in install["run"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert any(u.startswith("actions/setup-python@") for u in uses) and any(u.startswith("actions/cache@") for u in uses)
    assert set(action()["outputs"]) == {"exit-code", "errors", "warnings", "report", "new", "fixed"}


def fake_venv(folder: Path) -> Path:
    """A venv stand-in running this interpreter on this checkout (the install step itself needs PyPI)."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(sys.executable)
    launcher = bin_dir / "omnilinks"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m omnilinks "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    return folder


def run_steps(tmp_path: Path, inputs: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    workspace = tmp_path / "workspace"
    shutil.copytree(SITE, workspace)
    (workspace / ".git").mkdir()
    runner_temp = tmp_path / "runner"
    fake_venv(runner_temp / "omnilinks-venv")
    output, summary = tmp_path / "github_output", tmp_path / "step_summary"
    summary.write_text("## Build\n\nearlier output of this step\n", encoding="utf-8")
    values = {f"inputs.{k}": str(v.get("default", "")) for k, v in action()["inputs"].items()}
    values |= {f"inputs.{k}": v for k, v in inputs.items()}
    values |= {"runner.temp": str(runner_temp), "steps.python.outputs.python-path": sys.executable}
    result = None
    for step in action()["runs"]["steps"]:
        if "run" not in step or step.get("id") == "install":
            continue
        env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "PYTHONPATH": str(REPO),
               "GITHUB_ACTION_PATH": str(REPO), "GITHUB_WORKSPACE": str(workspace), "RUNNER_TEMP": str(runner_temp),
               "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary),
               "OMNILINKS_CACHE_DIR": os.environ["OMNILINKS_CACHE_DIR"]}
        for key, value in step.get("env", {}).items():
            env[key] = EXPRESSION.sub(lambda m: values[m.group(1)], str(value))
        result = subprocess.run(["bash", "-c", step["run"]], cwd=workspace, env=env, capture_output=True, text=True,
                                timeout=120)
    assert result is not None
    return result, output, summary


def outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())


def test_run_step_writes_annotations_outputs_and_summary(tmp_path: Path) -> None:
    sarif = tmp_path / "results.sarif"
    done, output, summary = run_steps(tmp_path, {"path": "public", "args": "--offline --base-url https://kopisenja.id/",
                                                 "sarif-file": str(sarif)})
    values = outputs(output)
    assert done.returncode == 1 and values["exit-code"] == "1", done.stderr
    assert int(values["errors"]) >= 1 and values["warnings"].isdigit()
    report = Path(values["report"])
    assert report.is_file() and '"schema_version": 1' in report.read_text(encoding="utf-8")
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert any(line.startswith("::error file=content/about.md,line=7,") for line in annotations), done.stdout
    assert sarif.is_file() and '"version": "2.1.0"' in sarif.read_text(encoding="utf-8")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Build\n\nearlier output of this step\n")
    assert text.count("## omnilinks:") == 1 and "menu-lama" in text


def test_fail_on_never_passes_but_still_counts(tmp_path: Path) -> None:
    done, output, _ = run_steps(tmp_path, {"path": "public", "args": "--offline --base-url https://kopisenja.id/",
                                           "fail-on": "never"})
    values = outputs(output)
    assert done.returncode == 0 and values["exit-code"] == "0" and int(values["errors"]) >= 1


def test_args_are_split_never_evaluated(tmp_path: Path) -> None:
    done, output, _ = run_steps(tmp_path, {"path": "public", "args": "--offline ; touch pwned $(touch pwned2)"})
    assert not (tmp_path / "workspace" / "pwned").exists() and not (tmp_path / "workspace" / "pwned2").exists()
    assert done.returncode == 2 and outputs(output)["exit-code"] == "2"


def test_config_error_sets_outputs_then_fails(tmp_path: Path) -> None:
    (tmp_path / "bad.yml").write_text("site: [unclosed\n", encoding="utf-8")
    done, output, summary = run_steps(tmp_path, {"path": "public", "config": str(tmp_path / "bad.yml")})
    values = outputs(output)
    assert done.returncode == 2 and values == {"exit-code": "2", "errors": "", "warnings": "", "new": "", "fixed": "",
                                               "report": ""}
    assert "bad.yml" in done.stderr
    assert summary.read_text(encoding="utf-8") == "## Build\n\nearlier output of this step\n"


@pytest.mark.parametrize("value", ["sometimes", "error; rm -rf /"])
def test_invalid_fail_on_is_an_error(tmp_path: Path, value: str) -> None:
    done, output, _ = run_steps(tmp_path, {"path": "public", "fail-on": value})
    assert done.returncode == 2 and outputs(output)["exit-code"] == "2"
    assert "::error title=omnilinks::fail-on" in done.stdout


def test_baseline_from_the_last_run(tmp_path: Path) -> None:
    args = "--offline --base-url https://kopisenja.id/"
    missing = tmp_path / "restored" / "report.json"
    first, output, _ = run_steps(tmp_path, {"path": "public", "args": args, "baseline": str(missing),
                                            "fail-on-new": "true"})
    assert "::notice title=omnilinks::baseline not found" in first.stdout
    values = outputs(output)
    assert first.returncode == 1 and values["new"] == "" and values["fixed"] == ""  # no baseline: every finding is new
    missing.parent.mkdir()
    shutil.copy(values["report"], missing)  # what actions/cache or an artifact would restore
    second_dir = tmp_path / "second"
    second_dir.mkdir()
    second, output, summary = run_steps(second_dir, {"path": "public", "args": args, "baseline": str(missing),
                                                     "fail-on-new": "true"})
    values = outputs(output)
    assert second.returncode == 0 and values["exit-code"] == "0", second.stderr
    assert values["new"] == "0" and values["fixed"] == "0" and int(values["errors"]) >= 1
    assert "| New | Unchanged | Fixed |" in summary.read_text(encoding="utf-8")


def test_invalid_fail_on_new_is_an_error(tmp_path: Path) -> None:
    done, output, _ = run_steps(tmp_path, {"path": "public", "fail-on-new": "yes; rm -rf /"})
    assert done.returncode == 2 and outputs(output)["exit-code"] == "2"
    assert "::error title=omnilinks::fail-on-new" in done.stdout
