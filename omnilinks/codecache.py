"""Dataclass methods compiled once and kept, as Python keeps compiled modules.

`@dataclass` writes the methods of a class (__init__, __repr__, __eq__, __hash__, a frozen class's
__setattr__ and __delattr__) as source text and compiles it with exec() at every import: on Python
3.11, some 300 compilations for the command line, a third of a one-page run's instructions. The same
text always compiles to the same code, so while the command's modules are imported the texts' code
objects are read from a file of the user's cache folder and the new ones written there after.

Not beside the package's .pyc files: a file pip did not install stays when pip uninstalls the
package, and the folder left holding it turns into a namespace package that hides the next
(editable) install. Written when Python writes its own compiled files (not under
PYTHONDONTWRITEBYTECODE; under PYTHONPYCACHEPREFIX when that is set); read only when the user
running it owns it and nobody else may write it, as code is run from it."""
from __future__ import annotations

import builtins
import dataclasses
import importlib.util
import marshal
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import CodeType
from typing import Any

LIMIT = 2_000  # texts kept; more (old versions' classes piling up) and only the last import's are kept


def user_cache_folder() -> str:
    """omnilinks's folder in the user's cache: ~/Library/Caches/omnilinks on macOS, elsewhere
    $XDG_CACHE_HOME/omnilinks or ~/.cache/omnilinks."""
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser("~"), "Library", "Caches", "omnilinks")
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "omnilinks")


def cache_path() -> str | None:
    """The file for this interpreter (its bytecode's magic number in the name) and its -O level.
    Not under OMNILINKS_CACHE_DIR, the results cache's folder: CI jobs carry that one from run to
    run (the GitHub Action's `cache: true`), and code is run from this file."""
    tag = sys.implementation.cache_tag
    if tag is None:  # an interpreter that keeps no compiled code
        return None
    folder = os.path.join(sys.pycache_prefix, "omnilinks") if sys.pycache_prefix \
        else os.path.join(user_cache_folder(), "code")
    level = f".opt-{sys.flags.optimize}" if sys.flags.optimize else ""
    return os.path.join(folder, f"dataclass-code.{tag}-{importlib.util.MAGIC_NUMBER.hex()}{level}.marshal")


@contextmanager
def compiled_once(path: str | None = None) -> Iterator[None]:
    """Within the block, dataclasses compiles a method's text only when the file does not hold it."""
    path = path if path is not None else cache_path()
    known = _read(path) if path else {}
    used: dict[str, CodeType] = {}

    def exec_cached(source: Any, globals: Any = None, locals: Any = None, /) -> None:
        if isinstance(source, str):
            code = known.get(source)
            if code is None:
                # (dont_inherit: compiled as dataclasses' own exec() would, without this module's __future__ flags)
                code = compile(source, "<string>", "exec", dont_inherit=True)
            used[source] = source = code
        builtins.exec(source, globals, locals)

    # dataclasses calls exec() by name: a global of its module is found before the builtin.
    outer = vars(dataclasses).get("exec")  # (a block within another: the outer one's, put back after)
    dataclasses.exec = exec_cached  # type: ignore[attr-defined]
    try:
        yield
    finally:
        if outer is None:
            del dataclasses.exec  # type: ignore[attr-defined]
        else:
            dataclasses.exec = outer  # type: ignore[attr-defined]
        if path and not sys.dont_write_bytecode and not used.keys() <= known.keys():
            kept = known | used
            _write(path, kept if len(kept) <= LIMIT else used)


def _read(path: str) -> dict[str, CodeType]:
    try:
        with open(path, "rb") as file:
            status = os.fstat(file.fileno())
            if hasattr(os, "getuid") and (status.st_uid != os.getuid() or status.st_mode & 0o022):
                return {}  # another user's, or one another user could have written
            kept = marshal.loads(file.read())
    except (OSError, EOFError, ValueError, TypeError):  # none yet, or not a file this module wrote
        return {}
    # (Code from another build of the interpreter is not run: its bytecode may differ, as .pyc files check.)
    if type(kept) is not tuple or len(kept) != 2 or kept[0] != importlib.util.MAGIC_NUMBER or type(kept[1]) is not dict:
        return {}
    known: dict[str, CodeType] = kept[1]
    return known if all(type(code) is CodeType for code in known.values()) else {}


def _write(path: str, codes: dict[str, CodeType]) -> None:
    """Written whole under another name, then renamed: a run reading it meanwhile sees the old file.
    Only the user may read or write it (it holds code the next run executes)."""
    partial = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        if os.path.lexists(partial):  # a dead writer's, with whatever mode it had
            os.unlink(partial)
        handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(handle, "wb") as file:
            file.write(marshal.dumps((importlib.util.MAGIC_NUMBER, codes)))
        os.replace(partial, path)
    except OSError:
        try:
            os.unlink(partial)
        except OSError:
            pass
