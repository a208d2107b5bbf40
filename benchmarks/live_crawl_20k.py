"""Live crawl of a 20,000-page site served on 127.0.0.1: memory and throughput.

The site is generated on the fly by a threaded server in a child process (so its
memory and CPU are not counted as the crawler's): page i links 30 others (its
neighbours, its "children" 2i and 2i+1, a far page, and site-wide nav links),
some with #fragments. Two phases:

1. the crawl alone (`discover.live.crawl`), sampling RSS every 2,000 pages;
2. the whole `omnilinks.check()` pipeline (crawl, extract, rules, report).

    python benchmarks/live_crawl_20k.py            # 20,000 pages
    python benchmarks/live_crawl_20k.py --pages 2000
"""
from __future__ import annotations

import argparse
import http.server
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def page_html(number: int, pages: int) -> bytes:
    targets = [number + k for k in range(1, 6)] + [2 * number, 2 * number + 1, (number * 7919) % pages, number // 2]
    targets = [t % pages for t in targets]
    links = [f'<li><a href="/p/{t}.html">Page {t}</a></li>' for t in targets]
    links += [f'<li><a href="/p/{t}.html#s{k}">Page {t}, part {k}</a></li>' for k, t in enumerate(targets[:6])]
    nav = "".join(f'<a href="/p/{t}.html">Section {t}</a>' for t in range(0, 150, 10))
    sections = "".join(f'<h2 id="s{k}">Part {k}</h2><p>{"Kopi senja di Kemang. " * 12}</p>' for k in range(6))
    return (f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Page {number} | Kopi Senja</title>'
            f'</head><body><header><nav>{nav}</nav></header><main><h1>Page {number}</h1>{sections}'
            f'<ul>{"".join(links)}</ul></main><footer><a href="/p/0.html">Home</a>'
            f'<a href="tel:+62215550123">+62 21 5550 123</a></footer></body></html>').encode()


def serve(port_queue: multiprocessing.Queue[int], pages: int) -> None:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # As nginx's tcp_nodelay: otherwise headers and body leave in two segments and every
        # kept-alive request waits ~40 ms on the client's delayed ACK (the server, not the crawler).
        disable_nagle_algorithm = True

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("#")[0]
            body, status = b"not found", 404
            if path == "/":
                body, status = page_html(0, pages), 200
            elif path.startswith("/p/") and path.endswith(".html") and path[3:-5].isdigit():
                number = int(path[3:-5])
                if number < pages:
                    body, status = page_html(number, pages), 200
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_HEAD = do_GET

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])
    server.serve_forever()


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20_000)
    args = parser.parse_args()
    os.environ.setdefault("OMNILINKS_CACHE_DIR", "/tmp/omnilinks-bench-cache")
    ports: multiprocessing.Queue[int] = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(ports, args.pages), daemon=True)
    server.start()
    start_url = f"http://127.0.0.1:{ports.get(timeout=10)}/"

    from omnilinks import check
    from omnilinks.discover.live import crawl
    from omnilinks.fetch import HttpClient, HttpOptions

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {args.pages:,} pages at {start_url}")
    print(f"RSS at start: {rss_mb():.0f} MB")
    samples: list[tuple[int, float, float]] = []
    samples_seen: list[None] = []
    began = time.monotonic()

    def sample(_page: object) -> None:
        done = len(samples_seen) + 1
        samples_seen.append(None)
        if done % 2000 == 0:
            samples.append((done, time.monotonic() - began, rss_mb()))

    client = HttpClient(HttpOptions(concurrency=32, per_host=8, timeout=15))
    result = crawl(start_url, client, max_pages=args.pages + 10, max_depth=1000, region="ID", on_page=sample)
    wall = time.monotonic() - began
    client.close()
    links = sum(len(p.links) for p in result.pages)
    print(f"\nphase 1, crawl only: {len(result.pages):,} pages, {links:,} links in {wall:.1f} s "
          f"= {len(result.pages) / wall:.0f} pages/s, {client.requests_made:,} requests")
    print("  pages   seconds  pages/s (last 2,000)  RSS MB")
    previous = (0, 0.0)
    for done, at, rss in samples:
        rate = (done - previous[0]) / max(at - previous[1], 1e-9)
        print(f"  {done:>6,}  {at:>7.1f}  {rate:>19.0f}  {rss:>6.0f}")
        previous = (done, at)
    del result

    began = time.monotonic()
    report = check(start_url, use_cache=False, max_pages=args.pages + 10, max_depth=1000)
    wall = time.monotonic() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nphase 2, whole pipeline: {report.pages:,} pages, {report.links:,} links, "
          f"{len(report.findings):,} findings, complete={report.complete} in {wall:.1f} s "
          f"= {report.pages / wall:.0f} pages/s")
    print(f"peak RSS of the process (ru_maxrss): {peak:.0f} MB")
    server.terminate()


if __name__ == "__main__":
    main()
