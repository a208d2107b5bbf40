"""Dataclass methods compiled once and kept between runs (omnilinks/codecache.py).

A class made from the kept code must be the class dataclasses makes from the text; a kept file
that is damaged, from another interpreter or unwritable must cost nothing but the compilation."""
from __future__ import annotations

import dataclasses
import importlib.util
import marshal
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from omnilinks import codecache
from omnilinks.codecache import compiled_once

SOURCE = '''
from __future__ import annotations
from dataclasses import dataclass, field

@dataclass(frozen=True)
class Shop:
    name: str
    phones: tuple[str, ...] = ()
    hours: dict = field(default_factory=dict, compare=False, hash=False)
'''


def make_class(path: Path) -> type:
    """The module imported anew, within the block (dataclasses reads the module of a class's annotations)."""
    module = types.ModuleType("shop_module")
    sys.modules[module.__name__] = module
    try:
        with compiled_once(str(path)):
            exec(compile(SOURCE, "shop_module.py", "exec"), vars(module))
    finally:
        del sys.modules[module.__name__]
    return module.Shop  # type: ignore[no-any-return]


@pytest.fixture
def compilations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts codecache compiles (not those it finds kept)."""
    compiled: list[str] = []

    def counting_compile(source: str, *args: object, **kwargs: object) -> object:
        compiled.append(source)
        return compile(source, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(codecache, "compile", counting_compile, raising=False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return compiled


def behaves_as_a_dataclass(shop: type) -> None:
    a = shop("Kopi Senja", ("+62 21 555 0101",), {"mon": "08-22"})
    assert a == shop("Kopi Senja", ("+62 21 555 0101",))  # hours take no part in equality or the hash
    assert hash(a) == hash(shop("Kopi Senja", ("+62 21 555 0101",)))
    assert repr(a) == "Shop(name='Kopi Senja', phones=('+62 21 555 0101',), hours={'mon': '08-22'})"
    assert shop("x").hours == {} and shop("x").hours is not shop("y").hours
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.name = "Other"  # type: ignore[misc]
    assert dataclasses.replace(a, name="Other").name == "Other"
    with pytest.raises(TypeError):
        shop()


def test_the_second_import_compiles_nothing_and_makes_the_same_class(tmp_path: Path, compilations: list[str]) -> None:
    kept = tmp_path / "codes.marshal"
    behaves_as_a_dataclass(make_class(kept))
    first = len(compilations)
    assert first >= 5  # __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__
    assert kept.exists()
    behaves_as_a_dataclass(make_class(kept))
    assert len(compilations) == first


def test_a_block_within_another_leaves_the_outer_one_working(tmp_path: Path, compilations: list[str]) -> None:
    with compiled_once(str(tmp_path / "outer.marshal")):
        behaves_as_a_dataclass(make_class(tmp_path / "inner.marshal"))
        dataclasses.make_dataclass("Later", ["a"])  # made by the outer block's exec, put back
    assert "exec" not in vars(dataclasses)
    outer = marshal.loads((tmp_path / "outer.marshal").read_bytes())[1]
    inner = marshal.loads((tmp_path / "inner.marshal").read_bytes())[1]
    assert outer and not outer.keys() & inner.keys()  # Later's methods, none of Shop's


def test_exec_is_dataclasses_own_again_after_the_block(tmp_path: Path, compilations: list[str]) -> None:
    make_class(tmp_path / "codes.marshal")
    assert "exec" not in vars(dataclasses)
    count = len(compilations)
    dataclasses.make_dataclass("Later", ["a"])
    assert len(compilations) == count


@pytest.mark.parametrize("content", [b"", b"not marshal", marshal.dumps([1, 2]), marshal.dumps((b"0000", {})),
                                     marshal.dumps((importlib.util.MAGIC_NUMBER, {"x": "not code"}))])
def test_a_damaged_or_foreign_file_is_compiled_again_and_replaced(tmp_path: Path, compilations: list[str],
                                                                  content: bytes) -> None:
    kept = tmp_path / "codes.marshal"
    kept.write_bytes(content)
    behaves_as_a_dataclass(make_class(kept))
    assert compilations
    magic, codes = marshal.loads(kept.read_bytes())
    assert magic == importlib.util.MAGIC_NUMBER and len(codes) == len(compilations)


def test_nothing_is_written_when_python_writes_no_bytecode(tmp_path: Path, compilations: list[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    behaves_as_a_dataclass(make_class(tmp_path / "codes.marshal"))
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_costs_only_the_compilation(tmp_path: Path, compilations: list[str]) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    behaves_as_a_dataclass(make_class(blocked / "codes.marshal"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_the_file_is_in_the_users_cache_folder_or_under_the_pycache_prefix(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys, "pycache_prefix", None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = Path(codecache.cache_path() or "")
    assert path.parent == tmp_path / "xdg" / "omnilinks" / "code"
    assert sys.implementation.cache_tag in path.name and importlib.util.MAGIC_NUMBER.hex() in path.name
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "prefix"))
    assert Path(codecache.cache_path() or "").parent == tmp_path / "prefix" / "omnilinks"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file modes")
def test_a_file_others_may_write_is_not_run_and_the_new_one_is_the_users_alone(
        tmp_path: Path, compilations: list[str]) -> None:
    kept = tmp_path / "codes.marshal"
    make_class(kept)
    first = len(compilations)
    kept.chmod(0o666)
    behaves_as_a_dataclass(make_class(kept))
    assert len(compilations) == 2 * first  # compiled again: the file was not read
    assert kept.stat().st_mode & 0o777 == 0o600
    make_class(kept)
    assert len(compilations) == 2 * first


@pytest.mark.parametrize("prefix", [False, True])
def test_the_command_keeps_its_classes_code_out_of_the_package(tmp_path: Path, prefix: bool) -> None:
    """`omnilinks` (python -m omnilinks) imports its modules within the block: run twice, the second
    run has nothing new to keep. Nothing is written into the package's folder: a file there that
    pip did not install would outlive `pip uninstall` and hide the next editable install."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    if prefix:
        env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "prefix")
    written = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "omnilinks", "--version"], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        kept = list(tmp_path.rglob("dataclass-code.*.marshal"))
        assert len(kept) == 1
        assert (tmp_path / ("prefix" if prefix else "xdg")) in kept[0].parents
        written.append(kept[0].stat().st_mtime_ns)
    assert written[0] == written[1]  # nothing new to keep: not written again
    magic, codes = marshal.loads(kept[0].read_bytes())
    assert magic == importlib.util.MAGIC_NUMBER
    assert len(codes) >= 100  # the command line's records, settings and results: 50-odd classes
    assert not list(Path(codecache.__file__).parent.rglob("*.marshal"))
