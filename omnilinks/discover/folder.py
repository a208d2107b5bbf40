"""A built static site on disk: every HTML file becomes a page at a URL under
the site's base URL, and internal URLs map back to files the way a static host
serves them (clean URLs, index.html, an assumed extension)."""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from sys import intern
from urllib.parse import quote, unquote, urlsplit

from omnilinks.extract.urls import url_path
from omnilinks.normalize.domain import same_host

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Never part of what a host serves: version control. Every other folder is served, dot-folders
# (/.well-known/…) and node_modules included; those are not the author's pages, so not checked.
NOT_SERVED = {".git", ".hg", ".svn"}
LOCAL_BASE = "http://localhost/"  # when neither the config nor --base-url names the site
MAX_FOLDER_ALIASES = 4  # walks of one real folder reached through symlinks


def normalize_base(url: str | None) -> str:
    base = url or LOCAL_BASE
    if "://" not in base:
        base = "https://" + base
    return base if base.endswith("/") else base + "/"


INTERNAL_ANSWERS_KEPT = 20_000  # ~2 MB at most, in each worker


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
        # Each file's site-relative path, mapped to itself: URL lookups answer with this one string.
        self._files: dict[str, str] = {}
        self._walked = False  # file_for() answers are final (and cached) only after the whole walk
        self._root_prefix = self.root.as_posix().rstrip("/") + "/"
        self._cwd_prefix: str | None = None
        # Every page links the same targets again and again: resolve each URL once.
        self._file_for: dict[str, str | None] = {}
        self._internal: dict[str, bool] = {}
        self.unreadable: list[str] = []  # folders the walk could not list (permissions)

    def html_files(self) -> Iterator[Path]:
        """HTML files under the root, in a stable order (see `html_file_names`)."""
        return map(Path, self.html_file_names())

    def html_file_names(self) -> Iterator[str]:
        """HTML files under the root, in a stable order, as path strings. Symlinks are followed only
        where they stay inside the root (a site built with links into itself is served so; nothing
        outside it is read). A folder link back to an ancestor is not followed, and each real folder
        is walked at most MAX_FOLDER_ALIASES times, so neither loops nor link lattices blow up the walk."""
        walks: Counter[tuple[int, int]] = Counter()
        for folder, dirs, files in os.walk(self.root, followlinks=True, onerror=self._unreadable):
            try:
                info = os.stat(folder)
            except OSError:
                dirs[:] = []
                continue
            real = os.path.realpath(folder)
            walks[(info.st_dev, info.st_ino)] += 1
            if walks[(info.st_dev, info.st_ino)] > MAX_FOLDER_ALIASES or not self._inside(real):
                dirs[:] = []
                continue
            dirs[:] = sorted(d for d in dirs if d not in NOT_SERVED)
            dirs[:] = [d for d in dirs if self._inside(os.path.join(folder, d))
                       and not _is_ancestor(os.path.realpath(os.path.join(folder, d)), real)]
            folder_relative = self._relative(folder) if folder != str(self.root) else ""
            authored = not _third_party(folder_relative)
            prefix = folder_relative + "/" if folder_relative else ""
            for name in sorted(files):
                path = os.path.join(folder, name)
                if os.path.islink(path) and not self._inside(path):
                    continue  # a file symlink out of the site: never read
                relative = prefix + name if os.sep == "/" else self._relative(path)
                self._files[relative] = relative
                lowered = name.lower()
                if authored and lowered.endswith(HTML_SUFFIXES):
                    yield path
                elif authored and lowered.endswith(".css"):
                    self.stylesheets.append(Path(path))
        self._walked = True

    def _inside(self, path: str | os.PathLike[str]) -> bool:
        real = os.path.realpath(path)
        return real == str(self.root) or real.startswith(self._root_prefix)

    def _unreadable(self, error: OSError) -> None:
        if error.filename:
            self.unreadable.append(os.fspath(error.filename))

    def unreadable_folder_for(self, url: str) -> str | None:
        """The folder (site-relative) that could not be listed and would hold the URL's file."""
        if not self.unreadable:
            return None
        path = unquote(urlsplit(url.partition("#")[0]).path, errors="surrogateescape")
        relative = (path[len(self.base_path):] if path.startswith(self.base_path) else path.lstrip("/")).strip("/")
        for folder in self.unreadable:
            inside = os.path.relpath(folder, self.root).replace(os.sep, "/")
            if relative == inside or relative.startswith(inside + "/"):
                return inside
        return None

    def url_for(self, path: Path | str) -> str:
        relative = self._relative(path)
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        if _undecodable(relative):  # bytes that are not UTF-8 in a file name: percent-encoded, as a host serves them
            relative = quote(os.fsencode(relative), safe="/")
        return self.base + relative

    def display_path(self, path: Path | str) -> str:
        """Relative to the working directory when inside it: that is what CI annotations want."""
        if self._cwd_prefix is None:
            self._cwd_prefix = Path.cwd().resolve().as_posix().rstrip("/") + "/"
        if isinstance(path, str) and os.sep == "/":
            text = native = path
            absolute = path.startswith("/")
        else:
            given = Path(path)
            text, native, absolute = given.as_posix(), str(given), given.is_absolute()
        if _undecodable(text):  # shown escaped (caf\xe9.html): reports are UTF-8
            text = native = os.fsencode(text).decode("utf-8", "backslashreplace")
        if not absolute:
            return text
        # A string prefix test, as Path.relative_to does, minus its cost on every page.
        return text[len(self._cwd_prefix):] if text.startswith(self._cwd_prefix) else native

    def _relative(self, path: Path | str) -> str:
        # (a path string is already the POSIX form where "/" is the separator: no Path to build)
        text = path if isinstance(path, str) and os.sep == "/" else Path(path).as_posix()
        if text.startswith(self._root_prefix):
            return text[len(self._root_prefix):]
        return Path(path).relative_to(self.root).as_posix()

    def is_internal(self, url: str) -> bool:
        """Whether the URL is the site's own. Asked of every link that does not start with the base
        (another site's, mostly: the same few on every page), each answered once up to a bound."""
        known = self._internal.get(url)
        if known is None:
            parts = urlsplit(url)
            known = parts.scheme in ("http", "https") and same_host(parts.hostname or "", self.host) \
                and parts.path.startswith(self.base_path.rstrip("/") or "/")
            if len(self._internal) < INTERNAL_ANSWERS_KEPT:
                self._internal[url] = known
        return known

    def file_for(self, url: str) -> str | None:
        """The site-relative file a URL is served from, or None when nothing serves it."""
        key = without_fragment_shared(url)  # the fragment never changes the file
        if key in self._file_for:
            return self._file_for[key]
        found = self._find_file(key)
        if self._walked:
            self._file_for[key] = found
        return found

    def _find_file(self, url: str) -> str | None:
        path = unquote(url_path(url), errors="surrogateescape")  # %E9 finds the file named with byte E9
        relative = path[len(self.base_path):] if path.startswith(self.base_path) else path.lstrip("/")
        relative = normalized_relative(relative)
        if path.endswith("/") and relative:
            relative += "/"
        elif relative:
            found = self._files.get(relative)  # a file named as is: most links
            if found is not None:
                return found
        stem = relative.rstrip("/")
        candidates = [f"{stem}/index.html" if stem else "index.html", f"{stem}/index.htm" if stem else "index.htm"]
        if stem and not relative.endswith("/") and self.guess_html:
            candidates += [stem + ".html", stem + ".htm"]
            if self.assume_extension:
                candidates.append(stem + self.assume_extension)
        for candidate in candidates:
            found = self._files.get(candidate)
            if found is not None:
                return found
        return None


def own_prefix(folder: FolderSite | None) -> str:
    """What every http(s) URL of the folder's own starts with ("https://host/path/"); for no folder,
    or a base that is not http(s), a NUL (no URL starts with one)."""
    base = folder.base if folder is not None else ""
    return base if base.startswith(("http://", "https://")) else "\0"


def normalized_relative(relative: str) -> str:
    """A URL's path inside the site as PurePosixPath spells it: no empty or "." segment, no
    slash at either end ("" stays "")."""
    if "//" in relative or "/." in relative or relative.startswith((".", "/")):
        return str(PurePosixPath("/" + relative)).lstrip("/") if relative else ""
    return relative.rstrip("/")  # nothing to take out but a last slash (PurePosixPath costs 10 µs)


def without_fragment_shared(url: str) -> str:
    """The URL without its #fragment, one string per distinct address in the process: the site's
    caches (internal? which file? which page? exists?) each key on it, for every target linked."""
    return intern(url.partition("#")[0])


def _third_party(relative_folder: str) -> bool:
    """Folders whose files are served but not written by the author: dot-folders and node_modules."""
    return any(part.startswith(".") or part == "node_modules" for part in relative_folder.split("/") if part)


def _undecodable(text: str) -> bool:
    """File names that are not UTF-8 come from the file system as lone surrogates (PEP 383)."""
    return not text.isascii() and any("\udc80" <= char <= "\udcff" for char in text)


def _is_ancestor(candidate: str, path: str) -> bool:
    return path == candidate or path.startswith(candidate.rstrip("/") + "/")

