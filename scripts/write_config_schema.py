"""Rewrite omnilinks/config/omnilinks.schema.json from omnilinks.config.schema (run after changing the schema)."""
from __future__ import annotations

import json
from pathlib import Path

from omnilinks.config.schema import to_json_schema

target = Path(__file__).parents[1] / "omnilinks" / "config" / "omnilinks.schema.json"
document = {"$schema": "http://json-schema.org/draft-07/schema#", "title": "omnilinks.yml", **to_json_schema()}
target.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"wrote {target}")
