"""The search index: the prepared search records given to Pagefind (the binary of the pinned `pagefind-bin` wheel,
no network), which makes a static, chunked index; its files are written into the site here. The page script loads it only when a reader
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
ENTRY = "pagefind-entry.json"  # what the page's script reads first: the index's languages
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
        self.buffer = bytearray()

    def _read(self) -> dict:
        # Answers are base64 (never a comma) each ended by a comma, read in chunks: the index's files come whole.
        while (end := self.buffer.find(b",")) < 0:
            chunk = self.proc.stdout.read1(1 << 16)
            if not chunk:
                raise EditionError("pagefind", None, "the Pagefind service stopped unexpectedly",
                                   "run the build again; if it persists, reinstall pagefind-bin")
            self.buffer += chunk
        buf, self.buffer = self.buffer[:end], self.buffer[end + 1:]
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
        # The files are taken from the service and written here, not by its WriteFiles: Pagefind 1.5 writes them
        # with Tokio without a flush, and a file (pagefind-entry.json) could be left empty when the service ends.
        files = service.ask({"type": "GetFiles", "index_id": index})["files"]
    finally:
        service.close()
    for file in files:
        name = Path(file["path"])
        if name.is_absolute() or ".." in name.parts:
            raise EditionError("pagefind", None, f"Pagefind named a file outside its folder: {file['path']!r}",
                               "report it: the index is written by finish/search_index.py")
        if name.as_posix() in UNUSED:
            continue
        content = base64.b64decode(file["content"])
        if name.as_posix() == ENTRY:
            content = _sorted_languages(content)
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(content)
    return out


def _sorted_languages(entry: bytes) -> bytes:
    """Pagefind lists an index's languages in a random order (a hash map's); sorted, two builds are byte-identical."""
    data = json.loads(entry)
    if isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
