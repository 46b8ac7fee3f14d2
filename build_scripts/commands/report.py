"""Editor's report: capitalised names in the text that link to no glossary entry.

Run `make report`. A single word at the start of a sentence is left out unless the text also
capitalises it mid-sentence (so "However" is not reported, "Soviet" is); names the edition deliberately leaves unlinked are listed in edition.yml under
`unlinked`, with the reason, and are reported apart.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict

from ..build import read_edition
from ..errors import EditionError
from ..load.edition import resolve_edition
from ..model import Edition

# A capitalised word in any script with case (Latin, Cyrillic, Greek, ...): a letter, then letters, apostrophes,
# hyphens, or a dot inside an abbreviation (U.S.). Scripts without case (Chinese) have no capitals to report.
WORD = r"(?=[^\W\d_])(?:[\w’'-]|\.(?=\w))+"
NAME_RUN = re.compile(rf"{WORD}(?:\s+{WORD})*")


def _capitalised_runs(text: str):
    """Runs of consecutive capitalised words."""
    for m in NAME_RUN.finditer(text):
        words = list(re.finditer(WORD, m.group()))
        run = []
        for w in words + [None]:
            if w is not None and w.group()[0].isupper():
                run.append(w)
                continue
            if run:
                yield m.start() + run[0].start(), m.start() + run[-1].end()
            run = []
def _uncovered(text: str, covered: list[tuple[int, int]]):
    """Runs of capitalised words, with the words a linked name covers taken out: "General Gallen Headquarters" with
    "Gallen" linked leaves "General" and "Headquarters"."""
    for start, end in _capitalised_runs(text):
        if not any(s < end and start < e for s, e in covered):
            yield start, end
            continue
        run: list[tuple[int, int]] = []
        for w in list(re.finditer(WORD, text[start:end])) + [None]:
            free = w is not None and not any(cs < start + w.end() and start + w.start() < ce for cs, ce in covered)
            if free:
                run.append((start + w.start(), start + w.end()))
            elif run:
                yield run[0][0], run[-1][1]
                run = []


SENTENCE_START = re.compile(r'(^|[.!?:;]\s+|["“”(]\s*)$')


def unlinked_names(ed: Edition) -> dict[str, list[int]]:
    covered: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m in ed.mentions:
        covered[m.paragraph].append((m.start, m.end))
    candidates: list[tuple[int, str, bool]] = []
    mid_sentence: set[str] = set()
    main = ed.sources[0]  # the report is of the main text; a part's texts (the record) are not the edition's to link
    for p in ed.paragraphs[main.first - 1: main.last]:
        for start, end in _uncovered(p.text, covered[p.n]):
            name = p.text[start:end].removesuffix("'s").removesuffix("’s")
            before = p.text[:start].rstrip()
            initial = bool(SENTENCE_START.search(p.text[:start])) or before.endswith(ed.gap_marker)
            if not initial:
                mid_sentence.add(name.split()[0])
            candidates.append((p.n, name, initial))
    found: dict[str, list[int]] = defaultdict(list)
    for n, name, initial in candidates:
        # A capital at the start of a sentence says nothing, unless the word is capitalised elsewhere too.
        words = name.split()
        if initial and words[0] not in mid_sentence:
            words = words[1:]
        name = " ".join(words)
        if name and name != "I":
            found[name].append(n)
    return dict(found)


def main(argv: list[str]) -> int:
    try:
        ed = read_edition(resolve_edition(argv[1] if len(argv) > 1 else None), site_url="https://example.invalid/")
    except EditionError as e:
        print(e, file=sys.stderr)
        return 1
    names = unlinked_names(ed)
    accepted = {k: v for k, v in names.items() if k in ed.unlinked}
    open_names = {k: v for k, v in names.items() if k not in ed.unlinked}
    print(f"Capitalised names that link to no entry: {len(open_names)}")
    for name, ps in sorted(open_names.items()):
        print(f"  {name}: ¶{', ¶'.join(map(str, sorted(set(ps))))}")
    print(f"\nLeft unlinked on purpose (edition.yml 'unlinked'): {len(accepted)}")
    for name, ps in sorted(accepted.items()):
        print(f"  {name} ({len(ps)}×): {ed.unlinked[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
