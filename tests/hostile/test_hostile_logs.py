"""Crawled text printed in a CI log never becomes a workflow command, in any format a job may echo."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from omnilinks.cli import cli

PAGE = """<html><head><title>Kedai ##[set-output name=token;]stolen</title></head><body>
<h1 id="menu">Menu</h1>
<a href="other.html#%0D%0A::error::INJ3">carriage return, line feed, command</a>
<a href="other.html#%0A%20%20%20::warning%20file=x::INJ4">indented command</a>
<a href="other.html#%E2%80%A8::notice::INJ5">Unicode line separator</a>
<a href="missing.html?x=%0A::add-mask::INJ6">missing page</a>
<a href="mailto:%0A::error::INJ7">mail</a>
</body></html>"""
OUR_ANNOTATION = re.compile(r"^::(error|warning|notice)( [^:]*)?::")


@pytest.mark.parametrize("fmt", ["text", "github", "markdown"])
def test_no_line_of_a_ci_format_reads_as_a_workflow_command(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "other.html").write_text("<p id='menu'>other</p>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--offline", "--no-progress", "--format", fmt])
    assert result.exit_code == 1, result.output
    output = result.stdout
    assert "INJ3" in output and "INJ4" in output and "INJ5" in output  # the findings are there, defused
    assert "##[" not in output
    # The runner reads a line as a command after stripping its leading white space, and splits lines at
    # CR as well as LF.
    for line in re.split(r"\r\n|\r|\n", output):
        stripped = line.lstrip()
        if stripped.startswith("::"):
            assert fmt == "github" and OUR_ANNOTATION.match(stripped), line
    assert "\u2028" not in output and "\u2029" not in output
