"""Fetch stage: the hardened HTTP client, its cache and recorded transports."""
from omnilinks.fetch.cache import ResultCache
from omnilinks.fetch.client import HttpClient, HttpOptions, Response

__all__ = ["HttpClient", "HttpOptions", "Response", "ResultCache"]
