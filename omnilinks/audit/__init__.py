"""Agency audits: many clients, each checked with its own identity and channels,
into one portfolio page, a CSV of all findings and one HTML report per client."""
from __future__ import annotations

from omnilinks.audit.clients import Client, load_clients
from omnilinks.audit.merge import merge, write_outputs
from omnilinks.audit.runner import AuditOptions, AuditOutcome, run_audit
from omnilinks.audit.shard import Shard, parse_shard

__all__ = ["AuditOptions", "AuditOutcome", "Client", "Shard", "load_clients", "merge", "parse_shard", "run_audit",
           "write_outputs"]
