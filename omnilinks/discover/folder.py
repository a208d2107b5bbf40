"""A built static site on disk: every HTML file becomes a page at a URL under
the site's base URL, and internal URLs map back to files the way a static host
serves them (clean URLs, index.html, an assumed extension)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
LOCAL_BASE = "http://localhost/"  # when neither the config nor --base-url names the site


def normalize_base(url: str | None) -> str:
    base = url or LOCAL_BASE
    if "://" not in base:
        base = "https://" + base
    return base if base.endswith("/") else base + "/"


class FolderSite:
    def __init__(self, root: str | os.PathLike[str], base_url: str | None, assume_extension: str | None = None):
        self.root = Path(root).resolve()
        self.base = normalize_base(base_url)
        parts = urlsplit(self.base)
        self.host = (parts.hostname or "").lower()
        self.base_path = parts.path
        self.assume_extension = assume_extension if assume_extension is None or assume_extension.startswith(".") \
            else "." + assume_extension
        self._files: set[str] = set()

    def html_files(self) -> Iterator[Path]:
        for folder, dirs, files in os.walk(self.root, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
            for name in sorted(files):
                path = Path(folder) / name
                self._files.add(path.relative_to(self.root).as_posix())
                if name.lower().endswith(HTML_SUFFIXES):
                    yield path

    def url_for(self, path: Path) -> str:
        relative = path.relative_to(self.root).as_posix()
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return self.base + relative

    def display_path(self, path: Path) -> str:
        """Relative to the working directory when inside it: that is what CI annotations want."""
        try:
            return path.relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return str(path)

    def is_internal(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        host = (parts.hostname or "").lower()
        return _same_host(host, self.host) and parts.path.startswith(self.base_path.rstrip("/") or "/")

    def file_for(self, url: str) -> str | None:
        """The site-relative file a URL is served from, or None when nothing serves it."""
        path = unquote(urlsplit(url).path)
        relative = path[len(self.base_path):] if path.startswith(self.base_path) else path.lstrip("/")
        relative = str(PurePosixPath("/" + relative)).lstrip("/") if relative else ""
        if path.endswith("/") and relative:
            relative += "/"
        candidates = [relative] if relative and not relative.endswith("/") else []
        stem = relative.rstrip("/")
        candidates += [f"{stem}/index.html" if stem else "index.html", f"{stem}/index.htm" if stem else "index.htm"]
        if stem and not relative.endswith("/"):
            candidates += [stem + ".html", stem + ".htm"]
            if self.assume_extension:
                candidates.append(stem + self.assume_extension)
        for candidate in candidates:
            if candidate in self._files:
                return candidate
        return None


def _same_host(a: str, b: str) -> bool:
    return a.removeprefix("www.") == b.removeprefix("www.")
