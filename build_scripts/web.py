"""Web addresses read as a browser reads them (the WHATWG URL standard, by ada): the one parser that the schema,
the list of non-sources and the final check of the built site share."""
from __future__ import annotations

import ada_url


def web_host(url: str) -> str | None:
    """The host a browser reaches for an http(s) address (a protocol-relative one read as https), lower case,
    percent-decoded, IPv4 in dotted form, without a trailing dot; None when the text is not such an address."""
    text = url.strip()
    if text.startswith(("//", "\\\\")):
        text = "https:" + text
    try:
        parsed = ada_url.URL(text)
    except ValueError:
        return None
    if parsed.protocol not in ("http:", "https:"):
        return None
    return parsed.hostname.rstrip(".").lower() or None


def web_address(url: str) -> bool:
    """Whether the text is an absolute http(s) address with a host."""
    return url.lower().startswith(("http://", "https://")) and web_host(url) is not None
