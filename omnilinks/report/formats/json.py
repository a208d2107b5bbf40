"""`json`: the stable machine contract (schema_version 1), as report/json_format.py builds it."""
from __future__ import annotations

import json

from omnilinks.models import Report
from omnilinks.report.base import Format, RenderOptions
from omnilinks.report.json_format import to_dict


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"


FORMAT = Format("json", ".json", "The stable JSON report (schema_version 1)", render)
