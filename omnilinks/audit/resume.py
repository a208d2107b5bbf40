"""Per-client results on disk: written atomically as each client finishes, so a
crash or Ctrl-C loses only the clients still running, and `--resume` skips
every client whose result matches its current definition.

Layout: OUTDIR/clients/<slug>/result.json (+ report.html, omnilinks.yml for an
inline config). result.json is written last: its presence means "done".
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from omnilinks.audit.clients import Client
from omnilinks.errors import OmnilinksError
from omnilinks.report.base import write_atomic

RESULT_NAME = "result.json"
AUDIT_SCHEMA = 1


class ResultStore:
    def __init__(self, outdir: str | Path):
        self.outdir = Path(outdir)
        self.clients_dir = self.outdir / "clients"

    def folder(self, client: Client | str) -> Path:
        return self.clients_dir / (client if isinstance(client, str) else client.slug)

    def save(self, result: dict[str, Any]) -> None:
        write_atomic(self.folder(result["client"]["slug"]) / RESULT_NAME,
                     json.dumps(result, indent=2, ensure_ascii=False, sort_keys=True) + "\n")

    def load(self, slug: str) -> dict[str, Any] | None:
        path = self.folder(slug) / RESULT_NAME
        if not path.is_file():
            return None
        return read_result(path)

    def done(self, client: Client) -> bool:
        """A finished result for this very definition (same config, target, version)."""
        try:
            result = self.load(client.slug)
        except OmnilinksError:
            return False  # unreadable: run the client again rather than trust it
        return result is not None and result["client"].get("fingerprint") == client.fingerprint()

    def all_results(self) -> list[dict[str, Any]]:
        if not self.clients_dir.is_dir():
            return []
        return [read_result(path) for path in sorted(self.clients_dir.glob(f"*/{RESULT_NAME}"))]


def read_result(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise OmnilinksError(f"{path}: not a readable audit result ({exc})") from None
    if not isinstance(data, dict) or data.get("audit_schema") != AUDIT_SCHEMA or "client" not in data:
        raise OmnilinksError(f"{path}: not an omnilinks audit result (audit_schema {AUDIT_SCHEMA})")
    return data
