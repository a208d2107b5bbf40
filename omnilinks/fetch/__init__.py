"""Fetch stage: the hardened HTTP client, its cache and recorded transports."""
from omnilinks.fetch.cache import ResultCache
from omnilinks.fetch.client import HttpClient, HttpOptions
from omnilinks.fetch.types import ErrorKind, Response

__all__ = ["ErrorKind", "HttpClient", "HttpOptions", "Response", "ResultCache"]
