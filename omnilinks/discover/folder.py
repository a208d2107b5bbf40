"""A built static site on disk: every HTML file becomes a page at a URL under
the site's base URL, and internal URLs map back to files the way a static host
serves them (clean URLs, index.html, an assumed extension)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from omnilinks.normalize.domain import same_host

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Never part of what a host serves: version control. Every other folder is served, dot-folders
# (/.well-known/…) and node_modules included; those are not the author's pages, so not checked.
NOT_SERVED = {".git", ".hg", ".svn"}
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
        # GitHub Pages, Netlify and Cloudflare Pages serve /about from about.html; plain S3 does not ("none").
        self.guess_html = (assume_extension or "").strip().lower() != "none"
        if not self.guess_html or not assume_extension:
            self.assume_extension = None
        else:
            self.assume_extension = assume_extension if assume_extension.startswith(".") else "." + assume_extension
        self.stylesheets: list[Path] = []  # the site's own .css files, for their url() references
        self._files: set[str] = set()
        self._walked = False  # file_for() answers are final (and cached) only after the whole walk
        self._root_prefix = self.root.as_posix().rstrip("/") + "/"
        self._cwd_prefix: str | None = None
        # Every page links the same targets again and again: resolve each URL once.
        self._file_for: dict[str, str | None] = {}

    def html_files(self) -> Iterator[Path]:
        for folder, dirs, files in os.walk(self.root, followlinks=False):
            dirs[:] = sorted(d for d in dirs if d not in NOT_SERVED)
            authored = not _third_party(self._relative(Path(folder)) if folder != str(self.root) else "")
            for name in sorted(files):
                path = Path(folder) / name
                self._files.add(self._relative(path))
                lowered = name.lower()
                if authored and lowered.endswith(HTML_SUFFIXES):
                    yield path
                elif authored and lowered.endswith(".css"):
                    self.stylesheets.append(path)
        self._walked = True

    def url_for(self, path: Path) -> str:
        relative = self._relative(path)
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return self.base + relative

    def display_path(self, path: Path) -> str:
        """Relative to the working directory when inside it: that is what CI annotations want."""
        if self._cwd_prefix is None:
            self._cwd_prefix = Path.cwd().resolve().as_posix().rstrip("/") + "/"
        text = path.as_posix()
        if not path.is_absolute():
            return text
        # A string prefix test, as Path.relative_to does, minus its cost on every page.
        return text[len(self._cwd_prefix):] if text.startswith(self._cwd_prefix) else str(path)

    def _relative(self, path: Path) -> str:
        text = path.as_posix()
        if text.startswith(self._root_prefix):
            return text[len(self._root_prefix):]
        return path.relative_to(self.root).as_posix()

    def is_internal(self, url: str) -> bool:
        """Whether the URL is the site's own (Site remembers the answer per URL)."""
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and same_host(parts.hostname or "", self.host) \
            and parts.path.startswith(self.base_path.rstrip("/") or "/")

    def file_for(self, url: str) -> str | None:
        """The site-relative file a URL is served from, or None when nothing serves it."""
        key = url.partition("#")[0]  # the fragment never changes the file
        if key in self._file_for:
            return self._file_for[key]
        found = self._find_file(key)
        if self._walked:
            self._file_for[key] = found
        return found

    def _find_file(self, url: str) -> str | None:
        path = unquote(urlsplit(url).path)
        relative = path[len(self.base_path):] if path.startswith(self.base_path) else path.lstrip("/")
        relative = str(PurePosixPath("/" + relative)).lstrip("/") if relative else ""
        if path.endswith("/") and relative:
            relative += "/"
        candidates = [relative] if relative and not relative.endswith("/") else []
        stem = relative.rstrip("/")
        candidates += [f"{stem}/index.html" if stem else "index.html", f"{stem}/index.htm" if stem else "index.htm"]
        if stem and not relative.endswith("/") and self.guess_html:
            candidates += [stem + ".html", stem + ".htm"]
            if self.assume_extension:
                candidates.append(stem + self.assume_extension)
        for candidate in candidates:
            if candidate in self._files:
                return candidate
        return None


def _third_party(relative_folder: str) -> bool:
    """Folders whose files are served but not written by the author: dot-folders and node_modules."""
    return any(part.startswith(".") or part == "node_modules" for part in relative_folder.split("/") if part)

