#!/usr/bin/env bash
# Screenshot an omnilinks HTML report in headless Chromium, offline.
#   scripts/screenshot_report.sh report.html out.png [WIDTH,HEIGHT]
# Debian/Ubuntu: apt-get install -y chromium. The report must need nothing from
# the network: networking features are switched off here, so a missing inline
# asset shows up as a broken screenshot.
set -euo pipefail

if [ "$#" -lt 2 ]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTH,HEIGHT]" >&2
  exit 2
fi
report=$1
out=$2
size=${3:-1280,2000}

browser=""
for candidate in "${CHROMIUM:-}" chromium chromium-browser google-chrome; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1; then
    browser=$(command -v "$candidate")
    break
  fi
done
if [ -z "$browser" ]; then
  echo "$0: no chromium on PATH (apt-get install -y chromium, or set CHROMIUM)" >&2
  exit 2
fi
if [ ! -f "$report" ]; then
  echo "$0: $report: no such file" >&2
  exit 2
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
absolute=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
out_absolute=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

page="file://$absolute"
width=${size%%,*}
height=${size##*,}
if [ "$width" -lt 500 ]; then
  # Chromium's window is never narrower than 500 px: lay the report out in an iframe of the
  # exact width, which is its own viewport (the report's phone layout sees the real width).
  wrapper="$profile/wrapper.html"
  printf '<!DOCTYPE html><html><body style="margin:0"><iframe src="%s" style="border:0;width:%spx;height:%spx"></iframe></body></html>' \
    "$page" "$width" "$height" > "$wrapper"
  page="file://$wrapper"
fi

timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" --window-size="$size" \
  --screenshot="$out_absolute" "$page" >/dev/null 2>&1

if [ ! -s "$out_absolute" ]; then
  echo "$0: chromium wrote no screenshot" >&2
  exit 1
fi
echo "$out_absolute"
