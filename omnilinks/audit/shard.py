"""`--shard K/N`: which clients this run takes, so a CI matrix or a batch
scheduler splits an audit without a scheduler of our own.

The assignment hashes the client's results folder name, not its position, so
adding or removing a client never moves the others to another shard.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from omnilinks.errors import OmnilinksError


@dataclass(frozen=True)
class Shard:
    """The share of an audit's clients one run takes (`--shard K/N`)."""

    index: int  # 1-based, as written on the command line
    count: int

    def takes(self, slug: str) -> bool:
        digest = int.from_bytes(hashlib.sha256(slug.encode("utf-8")).digest()[:8], "big")
        return digest % self.count == self.index - 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    index, sep, count = text.partition("/")
    try:
        shard = Shard(int(index), int(count))
    except ValueError:
        raise OmnilinksError(f"--shard {text!r}: expected K/N, e.g. 2/4") from None
    if not sep or shard.count < 1 or not 1 <= shard.index <= shard.count:
        raise OmnilinksError(f"--shard {text!r}: K must be between 1 and N, e.g. 2/4")
    return shard
