"""Results of link checks kept between runs in SQLite; only successes are kept,
so failures are always rechecked. A cache never stops a run: a damaged file or a
table of another shape is rebuilt when opened, a locked file is left alone, and a
cache that fails mid-run is dropped for the rest of the run with one warning."""
from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from omnilinks.codecache import user_cache_folder

DAY = 86_400.0
COLUMNS = ["key", "at", "value"]
# The CLI has no logging set-up, so Python's last-resort handler prints these
# warnings on stderr; a library caller can route them like any other log.
LOGGER = "omnilinks.cache"


def default_cache_dir() -> Path:
    if os.environ.get("OMNILINKS_CACHE_DIR"):
        return Path(os.environ["OMNILINKS_CACHE_DIR"])
    return Path(user_cache_folder())


class ResultCache:
    def __init__(self, folder: Path | None = None, max_age: float = DAY, lock_timeout: float = 2.0):
        self.max_age = max_age
        self.lock_timeout = lock_timeout  # how long to wait for another run holding the file
        self.warning: str | None = None
        self._lock = threading.Lock()
        self.path = (folder or default_cache_dir()) / "results.sqlite"
        self._db = self._open()

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._connect()
        except (sqlite3.DatabaseError, OSError) as exc:
            if _is_locked(exc):
                # Another run holds the file: leave it alone and run without a cache.
                self._give_up(f"cache {self.path} is locked by another run; running without a cache")
                return None
            first = exc
        try:
            self.path.unlink(missing_ok=True)
            db = self._connect()
        except (sqlite3.DatabaseError, OSError) as exc:
            self._give_up(f"cache {self.path} is unusable ({exc}); running without a cache")
            return None
        self._warn(f"cache {self.path} was unusable ({first}); rebuilt it")
        return db

    def _warn(self, message: str) -> None:
        self.warning = message
        import logging  # a cache that works never logs: the import waits for the first warning

        logging.getLogger(LOGGER).warning("omnilinks: warning: %s", message)

    def _give_up(self, message: str) -> None:
        self._warn(message)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self.lock_timeout, check_same_thread=False, isolation_level=None)
        try:
            # quick_check reads every page, so a file damaged in the middle is found now and
            # rebuilt, not half-way through a run.
            verdict = db.execute("PRAGMA quick_check").fetchall()
            if verdict != [("ok",)]:
                raise sqlite3.DatabaseError(f"damaged file: {verdict[0][0] if verdict else 'no answer'}")
            columns = [row[1] for row in db.execute("PRAGMA table_info(results)")]
            if columns and columns != COLUMNS:  # another version's table: replace it, keep the file
                db.execute("DROP TABLE results")
                self._warn(f"cache {self.path} had a results table of another shape; replaced it")
            db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, at REAL, value TEXT)")
            db.execute("SELECT count(*) FROM results").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:  # tested under the lock: another thread's failure may have dropped the cache
            if self._db is None:
                return None
            try:
                row = self._db.execute("SELECT at, value FROM results WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error as exc:
                self._failed(exc)
                return None
        if not row or not isinstance(row[0], (int, float)) or time.time() - row[0] > self.max_age:
            return None
        try:
            value = json.loads(row[1])
        except (TypeError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        with self._lock:
            if self._db is None:
                return
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (key, time.time(), json.dumps(value))
                )
            except sqlite3.Error as exc:
                self._failed(exc)  # a locked, full or damaged cache costs a recheck, nothing more

    def _failed(self, exc: sqlite3.Error) -> None:
        """Stop using a cache that fails mid-run (called under the lock): each further call would
        wait on the lock again. A damaged file is found by quick_check and rebuilt next time."""
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
            self._warn(f"cache {self.path} failed during the run ({exc}); continuing without it")

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
            self._db = None


def _is_locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower()
