"""Dataclass methods compiled once and kept, as Python keeps compiled modules.

`@dataclass` writes the methods of a class (__init__, __repr__, __eq__, __hash__, a frozen class's
__setattr__ and __delattr__) as source text and compiles it with exec() at every import: on Python
3.11, some 300 compilations for the command line, a third of a one-page run's instructions. The same text always compiles to the same code, so while the command's modules are
imported the texts' code objects are read from a file beside the package's .pyc files and the new
ones written there after, where and when Python writes its own (PYTHONDONTWRITEBYTECODE and
PYTHONPYCACHEPREFIX are honoured; a folder that cannot be written only means no file)."""
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


def cache_path() -> str | None:
    """The file beside this module's compiled form, named for the interpreter and its -O level."""
    try:
        compiled = importlib.util.cache_from_source(__file__)
    except NotImplementedError:  # an interpreter that keeps no compiled modules
        return None
    level = f".opt-{sys.flags.optimize}" if sys.flags.optimize else ""
    return os.path.join(os.path.dirname(compiled), f"dataclass-code.{sys.implementation.cache_tag}{level}.marshal")


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
    dataclasses.exec = exec_cached  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]
        if path and not sys.dont_write_bytecode and not used.keys() <= known.keys():
            kept = known | used
            _write(path, kept if len(kept) <= LIMIT else used)


def _read(path: str) -> dict[str, CodeType]:
    try:
        with open(path, "rb") as file:
            kept = marshal.loads(file.read())
    except (OSError, EOFError, ValueError, TypeError):  # none yet, or not a file this module wrote
        return {}
    # (Code from another build of the interpreter is not run: its bytecode may differ, as .pyc files check.)
    if type(kept) is not tuple or len(kept) != 2 or kept[0] != importlib.util.MAGIC_NUMBER or type(kept[1]) is not dict:
        return {}
    known: dict[str, CodeType] = kept[1]
    return known if all(type(code) is CodeType for code in known.values()) else {}


def _write(path: str, codes: dict[str, CodeType]) -> None:
    """Written whole under another name, then renamed: a run reading it meanwhile sees the old file."""
    partial = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(partial, "wb") as file:
            file.write(marshal.dumps((importlib.util.MAGIC_NUMBER, codes)))
        os.replace(partial, path)
    except OSError:
        try:
            os.unlink(partial)
        except OSError:
            pass
