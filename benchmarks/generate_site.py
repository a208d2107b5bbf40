"""Generate a deterministic static site for the link-checker benchmarks.

N pages × 30 links each (30 % with #fragments, 1 % broken: half to missing
pages, half to missing fragments), plus a stylesheet and an image on every
page. Every broken link is written to `manifest.json` beside the site, so a
run of any checker can be scored against the truth.

With `--external-base URL`, two of the 30 links on each page point at that
server (a pool of distinct URLs, 1 % of which the benchmark server answers
with 404: their paths start with `/missing/`).

    python benchmarks/generate_site.py 2000 /tmp/bench/2000 --seed 1
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

LINKS_PER_PAGE = 30
FRAGMENT_SHARE = 0.30
BROKEN_SHARE = 0.01
IDS_PER_PAGE = 8
PAGES_PER_SECTION = 100
IMAGES = 12
EXTERNAL_PER_PAGE = 2
# A 1×1 transparent PNG: real bytes, so servers send an image content type.
PNG_1X1 = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")
WORDS = ("kopi", "senja", "roti", "bakar", "teh", "manis", "menu", "pesan", "antar", "toko", "harga", "promo",
         "jam", "buka", "alamat", "kontak", "cabang", "kemang", "jakarta", "selatan", "susu", "gula", "aren")


@dataclass(frozen=True)
class Broken:
    page: str  # site-relative file holding the link
    href: str  # as written
    target: str  # site-relative path (+ #fragment) or the absolute external URL
    kind: str  # missing_page | missing_fragment | external_404

    def to_dict(self) -> dict[str, str]:
        return {"page": self.page, "href": self.href, "target": self.target, "kind": self.kind}


def page_path(index: int) -> str:
    return f"section-{index // PAGES_PER_SECTION:03d}/page-{index:05d}.html"


def relative_href(source: str, target: str) -> str:
    """Source and target are site-relative files; every page sits one folder deep (index.html at the root)."""
    prefix = "../" if "/" in source else ""
    return prefix + target


def generate(pages: int, out: Path, seed: int = 1, external_base: str | None = None) -> dict:
    """Write the site under `out/site` and the manifest to `out/manifest.json`; return the manifest."""
    if pages < 2:
        raise ValueError("a benchmark site needs at least 2 pages")
    rng = random.Random(seed)
    site = out / "site"
    if site.exists():
        shutil.rmtree(site)
    (site / "css").mkdir(parents=True)
    (site / "img").mkdir()
    (site / "css" / "site.css").write_text("body{font-family:sans-serif;margin:0 auto;max-width:60em}\n")
    for k in range(IMAGES):
        (site / "img" / f"photo-{k:02d}.png").write_bytes(PNG_1X1)

    total_links = pages * LINKS_PER_PAGE
    broken_slots = set(rng.sample(range(total_links), round(total_links * BROKEN_SHARE)))
    external_pool = _external_pool(pages, external_base, rng)
    broken: list[Broken] = []
    paths = [page_path(i) for i in range(pages)]
    emitted = 0  # external links written so far
    for index, source in enumerate(paths):
        links: list[str] = []  # the <a> elements of the page body
        for slot in range(LINKS_PER_PAGE):
            global_slot = index * LINKS_PER_PAGE + slot
            if slot == 0:  # a chain through every page keeps a live crawl from missing any
                target, fragment = paths[(index + 1) % pages], None
            elif external_pool and slot <= EXTERNAL_PER_PAGE:
                # Every pool URL once in order (so each 404 is linked), then at random.
                url = external_pool[emitted if emitted < len(external_pool) else rng.randrange(len(external_pool))]
                emitted += 1
                links.append(_anchor(url, rng))
                if "/missing/" in url:
                    broken.append(Broken(source, url, url, "external_404"))
                continue
            else:
                target = paths[rng.randrange(pages)]
                fragment = f"s{rng.randrange(IDS_PER_PAGE)}" if rng.random() < FRAGMENT_SHARE else None
            if global_slot in broken_slots:
                if len(broken) % 2 == 0:
                    target = f"section-{rng.randrange(pages // PAGES_PER_SECTION + 1):03d}/gone-{global_slot}.html"
                    kind = "missing_page"
                else:
                    fragment, kind = f"gone-{global_slot}", "missing_fragment"
                href = relative_href(source, target) + (f"#{fragment}" if fragment else "")
                broken.append(Broken(source, href, target + (f"#{fragment}" if fragment else ""), kind))
                links.append(_anchor(href, rng))
                continue
            links.append(_anchor(relative_href(source, target) + (f"#{fragment}" if fragment else ""), rng))
        (site / source).parent.mkdir(exist_ok=True)
        (site / source).write_text(_page_html(index, links, rng), encoding="utf-8")
    (site / "index.html").write_text(_index_html(paths), encoding="utf-8")
    manifest = {
        "generator": "benchmarks/generate_site.py",
        "seed": seed,
        "pages": pages + 1,  # the generated pages and index.html
        "links_per_page": LINKS_PER_PAGE,
        "external_base": external_base,
        "external_urls": len(external_pool),
        "broken": [b.to_dict() for b in broken],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def _external_pool(pages: int, base: str | None, rng: random.Random) -> list[str]:
    if not base:
        return []
    base = base.rstrip("/")
    size = max(50, pages // 4)
    missing = set(rng.sample(range(size), max(1, round(size * BROKEN_SHARE))))
    return [f"{base}/{'missing' if k in missing else 'ok'}/item-{k}" for k in range(size)]


def _anchor(href: str, rng: random.Random) -> str:
    return f'<a href="{escape(href, {chr(34): "&quot;"})}">{_words(rng, 3)}</a>'


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _page_html(index: int, links: list[str], rng: random.Random) -> str:
    nav, body = links[:4], links[4:]
    sections = []
    per_section = -(-len(body) // IDS_PER_PAGE)
    for k in range(IDS_PER_PAGE):
        chunk = body[k * per_section:(k + 1) * per_section]
        items = "".join(f"\n    <li>{a} — {_words(rng, 6)}</li>" for a in chunk)
        sections.append(f'  <section id="s{k}">\n   <h2>{_words(rng, 2).title()}</h2>\n'
                        f'   <p>{_words(rng, 30)}.</p>\n   <ul>{items}\n   </ul>\n  </section>')
    return f"""<!doctype html>
<html lang="id">
<head>
 <meta charset="utf-8">
 <title>Halaman {index} · Kopi Senja</title>
 <meta name="description" content="{_words(rng, 12)}">
 <link rel="stylesheet" href="../css/site.css">
</head>
<body>
 <header><nav>{" ".join(nav)}</nav></header>
 <main>
  <h1>Halaman {index}</h1>
  <img src="../img/photo-{index % IMAGES:02d}.png" alt="{_words(rng, 2)}">
{chr(10).join(sections)}
 </main>
 <footer><p>© Kopi Senja · <a href="../index.html">Beranda</a></p></footer>
</body>
</html>
"""


def _index_html(paths: list[str]) -> str:
    items = "".join(f'\n  <li><a href="{p}">{p}</a></li>' for p in paths[:: PAGES_PER_SECTION])
    return f"""<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><title>Kopi Senja</title><link rel="stylesheet" href="css/site.css"></head>
<body>
 <h1 id="top">Kopi Senja</h1>
 <img src="img/photo-00.png" alt="logo">
 <ul>{items}
 </ul>
</body>
</html>
"""



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=int, help="number of generated pages (index.html comes on top)")
    parser.add_argument("out", type=Path, help="folder for site/ and manifest.json")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--external-base", help="base URL of the external-link server (live mode)")
    args = parser.parse_args(argv)
    manifest = generate(args.pages, args.out, args.seed, args.external_base)
    print(f"{manifest['pages']} pages, {len(manifest['broken'])} broken links → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
