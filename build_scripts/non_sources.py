"""Places that are never a source: shadow libraries, scraped mirrors and clones, content farms, bare IP
addresses. The list is editorial data (seeds/non_sources.yml); every web address in the editorial data
and the edition's pages is checked against it, and the first one found stops the build."""
from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from urllib.parse import urlsplit

from . import schema
from .errors import EditionError
from .validation import validated
from .yaml_lines import YamlDoc

URL = re.compile(r"https?://[^\s<>\"'`)\]]+")


class NonSources:
    def __init__(self, hosts: dict[str, str], refuse_bare_ip: bool):
        self.hosts = hosts  # host (or .suffix) -> why it is never a source
        self.refuse_bare_ip = refuse_bare_ip

    def why(self, url: str) -> str | None:
        """Why the address may not be cited, or None if it may."""
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
        if self.refuse_bare_ip:
            try:
                ipaddress.ip_address(host)
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
                for m in URL.finditer(value):
                    self._refuse(m[0], lambda why, url: doc.error(loc, f"'{url}' is {why}, never a source",
                                                                   _FIX))
            elif isinstance(value, dict):
                for k, v in value.items():
                    walk(v, loc + (k,))
            elif isinstance(value, list):
                for i, v in enumerate(value):
                    walk(v, loc + (i,))
        walk(doc.data, ())

    def check_text(self, path: Path, label: str) -> None:
        """Every web address in a page of the edition (Markdown), with its line."""
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for m in URL.finditer(line):
                self._refuse(m[0], lambda why, url: EditionError(label, n, f"'{url}' is {why}, never a source", _FIX))

    def _refuse(self, url: str, error) -> None:
        why = self.why(url)
        if why:
            raise error(why, url)


_FIX = ("cite the original publisher, a document collection or a work of scholarship instead, or leave the "
        "fact out (see seeds/non_sources.yml)")


def load_non_sources(doc: YamlDoc) -> NonSources:
    data = validated(doc, schema.NonSourcesIn)
    hosts = {h.lower(): why for why, items in data.hosts.items() for h in items}
    return NonSources(hosts, data.refuse_bare_ip)
