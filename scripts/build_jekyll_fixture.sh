#!/bin/sh
# Rebuild the committed Jekyll fixture (tests/generators/fixtures/jekyll/_site) with a real Jekyll.
# CI machines may not have Jekyll, so the built site is committed and the test reads it.
# Needs jekyll (Debian: apt-get install jekyll, which brings minima, jekyll-feed and jekyll-seo-tag).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
fixture="$here/tests/generators/fixtures/jekyll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$fixture/source/." "$work/"
cp -r "$here/tests/generators/fixtures/shared/static/." "$work/"
JEKYLL_ENV=production jekyll build --quiet --source "$work" --destination "$work/_site"
rm -rf "$fixture/_site"
cp -r "$work/_site" "$fixture/_site"
jekyll --version > "$fixture/BUILT_WITH"
echo "built $fixture/_site with $(cat "$fixture/BUILT_WITH")"
