"""Results of link checks kept between runs in SQLite; only successes are kept,
so failures are always rechecked. A broken or locked file is rebuilt, never fatal."""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
import time
from pathlib import Path
from typing import Any

DAY = 86_400.0


def default_cache_dir() -> Path:
    if os.environ.get("OMNILINKS_CACHE_DIR"):
        return Path(os.environ["OMNILINKS_CACHE_DIR"])
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "omnilinks"
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "omnilinks"


class ResultCache:
    def __init__(self, folder: Path | None = None, max_age: float = DAY):
        self.max_age = max_age
        self.warning: str | None = None
        self._lock = threading.Lock()
        self.path = (folder or default_cache_dir()) / "results.sqlite"
        self._db = self._open()

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._connect()
        except (sqlite3.DatabaseError, OSError) as exc:
            self.warning = f"cache {self.path} was unusable ({exc}); rebuilt it"
        try:
            self.path.unlink(missing_ok=True)
            return self._connect()
        except (sqlite3.DatabaseError, OSError) as exc:
            self.warning = f"cache {self.path} is unusable ({exc}); running without a cache"
            return None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=2.0, check_same_thread=False, isolation_level=None)
        db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, at REAL, value TEXT)")
        db.execute("SELECT count(*) FROM results").fetchone()
        return db

    def get(self, key: str) -> dict[str, Any] | None:
        if self._db is None:
            return None
        with self._lock:
            try:
                row = self._db.execute("SELECT at, value FROM results WHERE key = ?", (key,)).fetchone()
            except sqlite3.DatabaseError:
                return None
        if not row or time.time() - row[0] > self.max_age:
            return None
        try:
            return json.loads(row[1])
        except ValueError:
            return None

    def put(self, key: str, value: dict[str, Any]) -> None:
        if self._db is None:
            return
        with self._lock:
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (key, time.time(), json.dumps(value))
                )
            except sqlite3.DatabaseError:
                pass  # a locked or full cache costs a recheck next time, nothing more

    def close(self) -> None:
        if self._db is not None:
            with self._lock:
                self._db.close()
            self._db = None
