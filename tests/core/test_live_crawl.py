from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import omnilinks

PAGES = {
    "/": "<a href='/a'>a</a> <a href='/b#x'>b</a> <a href='/private/'>p</a> <a href='/missing'>m</a>"
         " <a href='http://127.0.0.2:9/'>other private host</a>",
    "/a": "<a href='/deep/1'>1</a>",
    "/b": "<h1 id='y'>b</h1>",
    "/deep/1": "<a href='/deep/2'>2</a>",
    "/deep/2": "end",
    "/from-sitemap": "listed only in the sitemap",
    "/private/": "robots says no",
}


class Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self.hits.append(self.path)
        host = f"http://{self.headers['Host']}"
        if self.path == "/robots.txt":
            body, kind = f"User-agent: *\nDisallow: /private/\nSitemap: {host}/sitemap.xml\n", "text/plain"
        elif self.path == "/sitemap.xml":
            body = (f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                    f"<url><loc>{host}/from-sitemap</loc></url></urlset>")
            kind = "application/xml"
        elif self.path in PAGES:
            body, kind = f"<html><body>{PAGES[self.path]}</body></html>", "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Handler.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()


def test_live_crawl_follows_links_sitemap_and_robots(server: str) -> None:
    report = omnilinks.check(server, use_cache=False)
    assert report.pages == 6  # /, /a, /b, /deep/1, /deep/2, /from-sitemap
    assert "/private/" not in Handler.hits
    rules = {(f.rule, f.target) for f in report.findings}
    assert ("link-internal-missing", server + "missing") in rules or ("link-broken", server + "missing") in rules
    assert ("link-fragment-missing", server + "b#x") in rules
    # The start host is allowed on 127.0.0.1; another private address is not, without --allow-private.
    assert ("link-private-address", "http://127.0.0.2:9/") in rules


def test_live_crawl_limits_pages_and_depth(server: str) -> None:
    assert omnilinks.check(server, use_cache=False, max_pages=2).pages == 2
    shallow = omnilinks.check(server, use_cache=False, max_depth=1)
    assert "/deep/2" not in Handler.hits[-20:] or shallow.pages < 6
