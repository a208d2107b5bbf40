"""Build omnilinks/demo/recorded.har from fixtures/demo-responses/.

The demo replays these responses through the same HTTP client a real run
uses, so `omnilinks demo` exercises the whole pipeline without a network.
Run after editing a response: python scripts/build_demo_recording.py
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODIES = ROOT / "fixtures" / "demo-responses"
HTML = "text/html; charset=utf-8"

# url: (status, extra headers, body file or None)
RECORDING: dict[str, tuple[int, dict[str, str], str | None]] = {
    "https://media-kuliner.example.com/ulasan/kopi-senja": (200, {}, "review.html"),
    "https://media-kuliner.example.com/lama/kopi-senja-2019": (404, {}, None),
    "http://blog-jajan.example.org/kopi-senja": (301, {"location": "https://blog-jajan.example.org/kopi-senja"}, None),
    "https://blog-jajan.example.org/kopi-senja": (200, {}, "review.html"),
    "https://www.instagram.com/kopisenja/": (200, {}, "instagram.html"),
    "https://www.instagram.com/kopisenja.lama/": (200, {}, "instagram.html"),
    "https://www.tiktok.com/@kopisenja": (200, {}, "tiktok.html"),
    "https://www.youtube.com/@kopisenja": (200, {}, "youtube.html"),
    "https://www.youtube.com/@kopisenja/about": (200, {}, "youtube-about.html"),
    "https://www.tokopedia.com/kopisenja": (200, {}, "tokopedia.html"),
    "https://wa.me/6281234567890": (200, {}, None),
    "https://wa.me/6281234567809": (200, {}, None),
    "https://www.facebook.com/sharer/sharer.php?u=https://kopisenja.id/": (200, {}, None),
    "https://maps.app.goo.gl/KopiSenjaDemo": (
        302, {"location": "https://www.google.com/maps/place/Kopi+Senja/@-6.26,106.81,17z/data=!4m6!3m5!1s0x2e69f1:0x5e1a!8m2"}, None),
    "https://www.google.com/maps/place/Kopi+Senja/@-6.26,106.81,17z/data=!4m6!3m5!1s0x2e69f1:0x5e1a!8m2": (200, {}, None),
    "https://direktori-kuliner.example.id/kopi-senja": (200, {}, "directory.html"),
}


def entry(url: str, status: int, headers: dict[str, str], body_file: str | None) -> dict:
    text = (BODIES / body_file).read_text(encoding="utf-8") if body_file else ""
    all_headers = {"content-type": HTML, **headers}
    return {
        "startedDateTime": "2026-11-01T00:00:00.000Z",
        "time": 0,
        "request": {"method": "GET", "url": url, "httpVersion": "HTTP/1.1", "headers": [], "queryString": [],
                    "cookies": [], "headersSize": -1, "bodySize": 0},
        "response": {"status": status, "statusText": "", "httpVersion": "HTTP/1.1",
                     "headers": [{"name": k, "value": v} for k, v in all_headers.items()], "cookies": [],
                     "content": {"size": len(text), "mimeType": HTML, "text": text},
                     "redirectURL": headers.get("location", ""), "headersSize": -1, "bodySize": len(text)},
        "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0},
    }


def main() -> None:
    har = {"log": {"version": "1.2", "creator": {"name": "omnilinks demo", "version": "1"},
                   "entries": [entry(url, *spec) for url, spec in RECORDING.items()]}}
    target = ROOT / "omnilinks" / "demo" / "recorded.har"
    target.write_text(json.dumps(har, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target} ({len(RECORDING)} responses)")


if __name__ == "__main__":
    main()
