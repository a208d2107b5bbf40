"""Write a small site (or repository) from {relative path: text}: the fixture many tests build."""
from __future__ import annotations

from pathlib import Path


def make_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
