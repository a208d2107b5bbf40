#!/usr/bin/env bash
# The "Run omnilinks" step of action.yml. Inputs arrive as OMNILINKS_* environment
# variables (never as ${{ inputs.* }} pasted into a script, which would let an
# input inject shell). Writes annotations to the log, the Markdown report to the
# job summary, outputs exit-code/errors/warnings/report to $GITHUB_OUTPUT, and
# only then fails the step when findings reached fail-on.
set -uo pipefail

venv=${OMNILINKS_VENV:?OMNILINKS_VENV is not set}
out_dir=${OMNILINKS_OUT_DIR:-${RUNNER_TEMP:-/tmp}/omnilinks}
format=${OMNILINKS_FORMAT:-github}
fail_on=${OMNILINKS_FAIL_ON:-error}
mkdir -p "$out_dir"
json="$out_dir/report.json"
summary="$out_dir/summary.md"
rm -f "$json" "$summary"

case "$fail_on" in
  error|warning|never) ;;
  *) echo "::error title=omnilinks::fail-on must be error, warning or never"; fail_on=invalid ;;
esac

case "${OMNILINKS_FAIL_ON_NEW:-false}" in
  true|false) ;;
  *) echo "::error title=omnilinks::fail-on-new must be true or false"; fail_on=invalid ;;
esac

# Extra arguments are split like a shell would, but never evaluated by one.
extra=()
split_args='import os, shlex, sys
for item in shlex.split(os.environ["OMNILINKS_ARGS"]):
    sys.stdout.write(item + "\0")'
if [ -n "${OMNILINKS_ARGS:-}" ]; then
  if "$venv/bin/python" -c "$split_args" >/dev/null 2>&1; then
    while IFS= read -r -d '' item; do extra+=("$item"); done < <("$venv/bin/python" -c "$split_args")
  else
    echo "::error title=omnilinks::args: cannot split into arguments (unbalanced quotes?)"
    fail_on=invalid
  fi
fi

args=(check "${OMNILINKS_TARGET:?path is required}" --format "$format" --report "json=$json"
      --report "markdown=$summary" --no-progress)
if [ "$fail_on" != invalid ]; then args+=(--fail-on "$fail_on"); fi
if [ -n "${OMNILINKS_CONFIG:-}" ]; then args+=(--config "$OMNILINKS_CONFIG"); fi
if [ -n "${OMNILINKS_SARIF_FILE:-}" ]; then args+=(--report "sarif=$OMNILINKS_SARIF_FILE"); fi
if [ "${OMNILINKS_USE_CACHE:-true}" != true ]; then args+=(--no-cache); fi
if [ -n "${OMNILINKS_BASELINE:-}" ]; then
  if [ -f "$OMNILINKS_BASELINE" ]; then
    args+=(--baseline "$OMNILINKS_BASELINE")
  else
    # The first run has nothing to compare with; that is not a failure.
    echo "::notice title=omnilinks::baseline not found (first run?): every finding counts as new"
  fi
fi
if [ "${OMNILINKS_FAIL_ON_NEW:-false}" = true ]; then args+=(--fail-on-new); fi

if [ "$fail_on" = invalid ]; then
  code=2
else
  # The summary is appended below from the markdown report, once, whatever the log format.
  GITHUB_STEP_SUMMARY="" "$venv/bin/omnilinks" "${args[@]}" "${extra[@]}"
  code=$?
fi

errors=""
warnings=""
new=""
fixed=""
counts='import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
b = r.get("baseline")
print(r["summary"]["error"], r["summary"]["warning"], b["new"] if b else "-", len(b["fixed"]) if b else "-")'
if [ -s "$json" ]; then
  read -r errors warnings new fixed < <("$venv/bin/python" -c "$counts" "$json")
  if [ "$new" = - ]; then new=""; fixed=""; fi
  if [ "${OMNILINKS_SUMMARY:-true}" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -s "$summary" ]; then
    cat "$summary" >> "$GITHUB_STEP_SUMMARY"
  fi
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$code"
    echo "errors=$errors"
    echo "warnings=$warnings"
    echo "new=$new"
    echo "fixed=$fixed"
    if [ -s "$json" ]; then echo "report=$json"; else echo "report="; fi
  } >> "$GITHUB_OUTPUT"
fi

if [ "$code" -ne 0 ]; then
  if [ "$code" -eq 1 ]; then
    since=""
    if [ -n "$new" ]; then since=", new since the baseline: $new"; fi
    echo "omnilinks: findings at or above '$fail_on' (errors: ${errors:-?}, warnings: ${warnings:-?}$since)" >&2
  fi
  exit "$code"
fi
