"""Web addresses in the editorial data: read as a browser reads them (the WHATWG URL standard, by ada), and
checked against the places that are never a source: shadow libraries, scraped mirrors and clones, content farms,
bare IP addresses. The list is data (the engine's defaults, plus the edition's own); the first address refused
stops the build, with its file, line and key.

A host is compared as a browser would reach it: lower case, percent-decoded, ideographic full stops as dots, a
trailing dot dropped, IPv4 written in decimal, octal or hex read as the address it is, and a protocol-relative or
backslashed address read with its scheme.
"""
from __future__ import annotations

import ipaddress
import re
from pathlib import Path

from . import schema
from ..errors import EditionError
from ..web import web_host
from .validation import validated
from .yaml_doc import YamlDoc, read_text

# Anything a browser may take for a web address in text: the scheme with any slashes or backslashes (a browser
# reads "https:\\host" and "https:host" as https://host), or two slashes that open a protocol-relative address.
CANDIDATE = re.compile(r"(?i)(?:\bhttps?:[\\/]*(?=[\w\[%])|(?<![\w:/\\])//(?=[\w\[%]))"
                       r"(?:\[[^\]\s]*\])?[^\s<>\"'`)\]]*")  # an IPv6 host is written in brackets


class NonSources:
    def __init__(self, hosts: dict[str, str], refuse_bare_ip: bool):
        self.hosts = hosts  # host (or .suffix) -> why it is never a source
        self.refuse_bare_ip = refuse_bare_ip

    def why(self, url: str) -> str | None:
        """Why the address may not be cited, or None if it may."""
        host = web_host(url)
        if host is None:
            return None
        if self.refuse_bare_ip:
            try:
                ipaddress.ip_address(host.strip("[]"))
                return "a bare IP address"
            except ValueError:
                pass
        parts = host.split(".")
        for i in range(len(parts)):
            suffix = ".".join(parts[i:])
            why = self.hosts.get(suffix) or (self.hosts.get("." + suffix) if i else None)
            if why:
                return why
        return None

    def check_doc(self, doc: YamlDoc) -> None:
        """Every web address anywhere in a YAML file, with the key it stands under."""
        def walk(value, loc):
            if isinstance(value, str):
                self.check_string(value, lambda why, url: doc.error(loc, f"'{url}' is {why}, never a source", FIX))
            elif isinstance(value, dict):
                for k, v in value.items():
                    walk(v, loc + (k,))
            elif isinstance(value, list):
                for i, v in enumerate(value):
                    walk(v, loc + (i,))
        walk(doc.data, ())

    def check_text(self, path: Path, label: str) -> None:
        """Every web address in a page of the edition (Markdown), with its line."""
        for n, line in enumerate(read_text(path, label).splitlines(), start=1):
            self.check_string(line, lambda why, url, n=n: EditionError(label, n, f"'{url}' is {why}, never a source",
                                                                        FIX))

    def check_string(self, text: str, error) -> None:
        for m in CANDIDATE.finditer(text):
            why = self.why(m[0])
            if why:
                raise error(why, m[0])


FIX = ("cite the original publisher, a document collection or a work of scholarship instead, or leave the "
       "fact out (the list of non-sources: build_scripts/load/defaults/non_sources.yml and the edition's own)")


def load_non_sources(docs: list[YamlDoc]) -> NonSources:
    """The engine's list and the edition's, merged: an edition adds hosts, and may switch the bare-IP rule off."""
    hosts: dict[str, str] = {}
    refuse_bare_ip = True
    for doc in docs:
        data = validated(doc, schema.NonSourcesIn)
        hosts.update({h.lower(): why for why, items in data.hosts.items() for h in items})
        refuse_bare_ip = data.refuse_bare_ip
    return NonSources(hosts, refuse_bare_ip)
