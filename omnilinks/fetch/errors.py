"""One place that turns network exceptions into an error kind and a short message."""
from __future__ import annotations

from omnilinks.fetch.types import ErrorKind


def translate_error(exc: BaseException) -> tuple[ErrorKind, str]:
    # Here, not at the top: an exception to translate means requests is already loaded, and a run
    # that never connects (offline) does not pay for importing it.
    import requests
    from urllib3.exceptions import NameResolutionError

    from omnilinks.fetch.guard import BlockedAddress

    chain = _causes(exc)
    text = " ".join(str(e) for e in chain)
    if any(isinstance(e, BlockedAddress) for e in chain) or "private or reserved address" in text:
        detail = next((str(e) for e in chain if "refused to connect" in str(e)), text)
        end = detail.find("private or reserved address")
        # Wrapping exceptions quote the guard's message and add their own '"))' after it.
        detail = detail[:end + len("private or reserved address")] if end >= 0 else detail
        return "private", detail[detail.find("refused"):] if "refused" in detail else detail
    if any(isinstance(e, NameResolutionError) for e in chain) or "Name or service not known" in text \
            or "getaddrinfo failed" in text or "nodename nor servname" in text or "Failed to resolve" in text:
        return "dns", "DNS lookup failed"
    if isinstance(exc, requests.exceptions.SSLError) or "CERTIFICATE_VERIFY_FAILED" in text or "SSL" in text:
        return "tls", "TLS error: " + _tls_reason(chain, text)
    if isinstance(exc, requests.exceptions.Timeout) or "timed out" in text.lower():
        return "timeout", "timed out"
    if "not recorded" in text:
        return "not_recorded", short(str(exc))
    if any(isinstance(e, ConnectionResetError) for e in chain) or "Connection reset" in text:
        return "connection", "connection reset by the server"
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return "connection", "connection refused"
    if isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError)):
        return "connection", "connection failed: " + short(text)
    return "connection", short(text) or exc.__class__.__name__


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and everything it wraps (cause, context, reason, exception args), each once."""
    found: list[BaseException] = []
    todo: list[BaseException] = [exc]
    while todo and len(found) < 32:
        node = todo.pop(0)
        if any(node is seen for seen in found):
            continue
        found.append(node)
        linked = [node.__cause__, node.__context__, getattr(node, "reason", None), *node.args]
        todo.extend(e for e in linked if isinstance(e, BaseException))
    return found


def _tls_reason(chain: list[BaseException], text: str) -> str:
    """The certificate's problem in words ("self-signed certificate"), not urllib3's wrapper text."""
    import ssl  # loaded already by the connection that failed

    for error in chain:
        if isinstance(error, ssl.SSLCertVerificationError):
            return f"certificate verify failed: {error.verify_message}"
        if isinstance(error, ssl.SSLError) and error.reason:
            return short(str(error.reason).replace("_", " ").lower())
    return short(text)


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 160 else text[:157] + "..."
