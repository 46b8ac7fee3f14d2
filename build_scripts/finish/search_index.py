"""The search index: the prepared search records given to Pagefind (the binary of the pinned `pagefind-bin` wheel,
no network), which writes a static, chunked index into the site. The page script loads it only when a reader
searches, and shows the records' words with textContent.

The binary is driven through its service protocol (`pagefind --service`: base64 JSON messages, each ended by a
comma), the protocol of Pagefind's own Python package, whose client waits a tenth of a second before reading each
answer (20 s for this edition's 193 records). Here the records are written by one thread while the answers are
read as they come.
"""
from __future__ import annotations

import base64
import json
import shutil
import subprocess
import threading
from pathlib import Path

from pagefind.service import get_executable

from ..errors import EditionError

FOLDER = "pagefind"
# Pagefind's own interfaces, which the edition does not use: its script builds results with textContent.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def _message(message_id: int, payload: dict) -> bytes:
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + b","


class _Service:
    def __init__(self):
        binary = get_executable()
        if binary is None:
            raise EditionError("pagefind", None, "the Pagefind binary is not installed",
                               "install the pinned requirements (make install), which include pagefind-bin")
        self.proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.next_id = 0

    def _read(self) -> dict:
        buf = bytearray()
        while True:
            ch = self.proc.stdout.read(1)
            if not ch:
                raise EditionError("pagefind", None, "the Pagefind service stopped unexpectedly",
                                   "run the build again; if it persists, reinstall pagefind-bin")
            if ch == b",":
                break
            buf += ch
        answer = json.loads(base64.b64decode(bytes(buf)))["payload"]
        if answer.get("type") == "Error":
            raise EditionError("pagefind", None, f"Pagefind refused the index: {answer.get('message')}",
                               "report it: the search records are made by outputs/search_records.py")
        return answer

    def ask(self, payload: dict) -> dict:
        self.next_id += 1
        self.proc.stdin.write(_message(self.next_id, payload))
        self.proc.stdin.flush()
        return self._read()

    def ask_all(self, payloads: list[dict]) -> list[dict]:
        first = self.next_id + 1
        self.next_id += len(payloads)

        def write():
            for i, payload in enumerate(payloads):
                self.proc.stdin.write(_message(first + i, payload))
            self.proc.stdin.flush()
        writer = threading.Thread(target=write)
        writer.start()
        answers = [self._read() for _ in payloads]
        writer.join()
        return answers

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def write_index(records: list[dict], site: Path) -> Path:
    out = site / FOLDER
    if out.exists():
        shutil.rmtree(out)
    service = _Service()
    try:
        index = service.ask({"type": "NewIndex", "config": {}})["index_id"]
        service.ask_all([{"type": "AddRecord", "index_id": index, "url": r["url"], "content": r["content"],
                          "language": r["language"].split("-")[0], "meta": r["meta"], "filters": {},
                          "sort": {"order": f"{i:07d}"}} for i, r in enumerate(records)])
        service.ask({"type": "WriteFiles", "index_id": index, "output_path": str(out)})
    finally:
        service.close()
    for name in UNUSED:
        (out / name).unlink(missing_ok=True)
    _sort_languages(out / "pagefind-entry.json")
    return out


def _sort_languages(entry: Path) -> None:
    """Pagefind lists an index's languages in a random order (a hash map's); sorted, two builds are byte-identical."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    if isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
