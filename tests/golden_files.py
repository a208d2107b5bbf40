"""Golden JSON reports: OMNILINKS_UPDATE_GOLDEN=1 rewrites the file from this run (review the diff)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def golden_json(path: Path, data: Any) -> Any:
    """The golden file's content, after rewriting it with `data` when asked to."""
    if os.environ.get("OMNILINKS_UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8"))
