"""The cache never stops a run: damaged pages, a table of another shape, a lock held by another
process mid-run, and a failure in one thread while others are using the cache."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from hostile_servers import serve

from omnilinks.fetch.cache import ResultCache

REPO = Path(__file__).resolve().parents[2]
ROW = {"final_url": "https://toko.example/", "status": 200, "redirects": []}


def filled_cache(folder: Path, rows: int = 3000, prefix: str = "check:https://toko.example/page/") -> Path:
    ResultCache(folder).close()  # the cache's own file and table
    path = folder / "results.sqlite"
    with sqlite3.connect(path) as db:  # one transaction: thousands of single commits take a minute
        db.executemany("INSERT INTO results VALUES (?, ?, ?)",
                       [(f"{prefix}{i:06d}/{'x' * 60}", time.time(), json.dumps(ROW)) for i in range(rows)])
    db.close()
    return path


def damage_table_pages(path: Path) -> int:
    """Overwrite every other leaf page of the results table, keeping the file header and the key
    index intact: the file opens and counts its rows, and lookups then hit the damage."""
    data = bytearray(path.read_bytes())
    page = 4096
    leaves = [n for n in range(1, len(data) // page) if data[n * page] == 0x0D]  # 0x0D: a table leaf page
    for number in leaves[::2]:
        data[number * page + 8:(number + 1) * page] = bytes((i * 37 + 11) % 256 for i in range(page - 8))
    path.write_bytes(bytes(data))
    return len(leaves[::2])


def hammer(cache: ResultCache, keys: list[str], threads: int = 16) -> list[BaseException]:
    """Many threads getting and putting at once, as the link checker does; returns what they raised."""
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for key in keys[offset::threads]:
                cache.get(key)
                cache.put(key, ROW)
        except BaseException as exc:  # noqa: BLE001 - the test reports whatever escaped
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(offset,)) for offset in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    return errors


def test_a_failure_in_one_thread_never_crashes_another_thread_already_inside_get(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    cache.put("k", ROW)
    answers: list[object] = []
    escaped: list[BaseException] = []

    def reader() -> None:
        try:
            answers.append(cache.get("k"))
        except BaseException as exc:  # noqa: BLE001
            escaped.append(exc)

    # Hold the cache's lock, as a thread inside put() does; the reader starts its get() meanwhile,
    # and the holder's failure handler drops the database before letting go.
    with cache._lock:
        thread = threading.Thread(target=reader)
        thread.start()
        time.sleep(0.2)
        cache._failed(__import__("sqlite3").OperationalError("disk I/O error"))
    thread.join(5)
    assert escaped == [] and answers == [None]
    assert cache.warning and "continuing without it" in cache.warning


def test_a_file_damaged_in_the_middle_is_rebuilt_when_opened(tmp_path: Path) -> None:
    assert damage_table_pages(filled_cache(tmp_path)) > 5
    cache = ResultCache(tmp_path)
    assert cache.warning and "rebuilt" in cache.warning
    keys = [f"check:https://toko.example/page/{i:06d}/{'x' * 60}" for i in range(0, 3000, 10)]
    assert hammer(cache, keys) == []
    assert cache.get(keys[5]) == ROW  # the rebuilt cache works
    cache.close()
    assert ResultCache(tmp_path).warning is None  # and is healthy next time


def test_a_results_table_of_another_shape_is_replaced(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "results.sqlite")
    db.execute("CREATE TABLE results (key TEXT PRIMARY KEY, at REAL, value TEXT, etag TEXT)")
    db.execute("INSERT INTO results VALUES ('k', 1, '{}', 'w/1')")
    db.commit()
    db.close()
    cache = ResultCache(tmp_path)
    assert cache.warning and "another shape" in cache.warning
    assert hammer(cache, [f"k{i}" for i in range(200)]) == []
    cache.put("new", ROW)
    assert cache.get("new") == ROW


def test_a_lock_taken_by_another_process_mid_run_drops_the_cache_once(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, lock_timeout=0.3)
    cache.put("warm", ROW)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         f"db = sqlite3.connect({str(tmp_path / 'results.sqlite')!r}, isolation_level=None)\n"
         "db.execute('BEGIN EXCLUSIVE'); print('held', flush=True); time.sleep(3); db.execute('ROLLBACK')\n"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        errors = hammer(cache, [f"check:https://toko.example/{i}" for i in range(2000)])
        elapsed = time.monotonic() - started
    finally:
        holder.wait(10)
    assert errors == []
    assert elapsed < 2.5  # one wait on the lock, then the run goes on without the cache
    assert cache.warning and "continuing without it" in cache.warning


def test_the_cli_survives_a_cache_damaged_in_the_middle(tmp_path: Path) -> None:
    """A real run over a real local site, with the links' own keys in a damaged cache file."""
    with serve(fallback=lambda h: h.answer(200, b"<p>ok</p>")) as other:
        links = [other.url(f"/p{i}") for i in range(120)]
        page = "".join(f'<a href="{url}">{i}</a>' for i, url in enumerate(links))
        (tmp_path / "site").mkdir()
        (tmp_path / "site" / "index.html").write_text(f"<html><body>{page}</body></html>")
        cache_dir = tmp_path / "cache"
        path = filled_cache(cache_dir, rows=3000)
        with sqlite3.connect(path) as db:  # long values: the links' rows spread over many pages
            db.executemany("INSERT INTO results VALUES (?, ?, ?)", [
                ("check:" + url, time.time(), json.dumps({"final_url": url, "status": 200,
                                                          "redirects": [url + "?" + "r" * 400]}))
                for url in links])
        db.close()
        assert damage_table_pages(path) > 5
        env = {**os.environ, "OMNILINKS_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(REPO)}
        done = subprocess.run(
            [sys.executable, "-m", "omnilinks", "check", str(tmp_path / "site"), "--allow-private",
             "--no-progress", "--format", "json", "--output", str(tmp_path / "report.json")],
            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert "warning: cache" in done.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["complete"] is True
    assert report["summary"]["links"] >= 120
