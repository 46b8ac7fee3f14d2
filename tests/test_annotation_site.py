"""The annotation layer in the built site: names linked, entity pages, notes as footnotes."""
import re
from collections import Counter

import yaml

from conftest import EDITION_FILE
from html_reading import declared_texts, parse, paragraphs_in


def entity_href_id(href: str) -> str:
    return href.rstrip("/").split("/")[-1]


def summary_words(markdown: str) -> str:
    """An entry's summary as a tooltip shows it: its words, without the Markdown of emphasis and links."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"(\*\*|\*|__|\b_)(\S(?:.*?\S)?)\1", r"\2", text)


def test_each_name_is_linked_where_the_method_says_with_who_it_is(edition, built_site):
    # The linking policy the editorial method states (seeds/pages/method.md, "Which names are linked"), each kind's
    # read here from the edition file: a kind linked per paragraph (people) at its first mention in each paragraph;
    # per section (places, states, the rest) at its first mention in the section (a page: a section of the memoir,
    # a document of the record); a garbled form at its first occurrence in each paragraph, whatever it names. A
    # mention not linked is marked only.
    kinds = yaml.safe_load(EDITION_FILE.read_text(encoding="utf-8"))["entity_kinds"]
    policy = {e.id: kinds[e.kind]["link"] for e in edition.entities}
    assert set(policy.values()) == {"paragraph", "section"}
    found = paragraphs_in(built_site)
    entities = {e.id: e for e in edition.entities}
    linked_in_section, page_of_section = set(), None
    for p in edition.paragraphs:
        (page, el), = found[f"p{p.n}"]
        if page != page_of_section:
            linked_in_section, page_of_section = set(), page
        marks = [(a.tag, a.text_content(), entity_href_id(a.get("href")) if a.tag == "a" else None)
                 for a in el.xpath('.//*[contains(@class, "ed-name")]')]
        expected, here, forms_here = [], set(), set()
        for m in sorted((m for m in edition.mentions if m.paragraph == p.n), key=lambda m: m.start):
            if m.garbled:
                link = (m.entity, m.text) not in forms_here
            elif policy[m.entity] == "paragraph":
                link = m.entity not in here
            else:
                link = m.entity not in here and m.entity not in linked_in_section
            expected.append(("a", m.text, m.entity) if link else ("span", m.text, None))
            if link:
                here.add(m.entity)
                forms_here.add((m.entity, m.text))
                if policy[m.entity] == "section":
                    linked_in_section.add(m.entity)
        assert marks == expected, f"¶{p.n}"
        for a in el.xpath('.//a[contains(@class, "ed-name")]'):
            e = entities[entity_href_id(a.get("href"))]
            # The page's own tooltips (edition.js) show the title as text, as the browser does without JavaScript:
            # the attribute's value is what the reader reads.
            tip = a.get("title")
            assert tip.startswith(e.short_name) and tip.endswith(summary_words(e.summary)), tip
            if "ed-garbled" in a.get("class"):
                assert f"The text garbles the name as “{a.text_content()}”." in tip


def test_a_garbled_name_says_who_it_is_first(edition, built_site, expected):
    tip = {}
    for page in (built_site / "text").rglob("index.html"):
        for a in parse(page).xpath('//a[contains(@class, "ed-garbled")]'):
            tip[a.text_content()] = a.get("title")
    assert expected["garbled_tooltips"]
    for form, start in expected["garbled_tooltips"].items():
        assert tip[form].startswith(start), (form, tip[form])
    repeated = {(m.paragraph, m.text) for m in edition.mentions
                if any(o.entity == m.entity and o.paragraph == m.paragraph and o.start < m.start for o in edition.mentions)}
    for n, form, entity in expected["garbled"]:
        assert form in tip or (n, form) in repeated, (n, form)


def test_garbled_forms_carry_the_standard_name(edition, built_site):
    found = paragraphs_in(built_site)
    entities = {e.id: e for e in edition.entities}
    garbled = [m for m in edition.mentions if m.garbled]
    assert garbled
    for m in garbled:
        (_, el), = found[f"p{m.paragraph}"]
        regs = [a.get("data-reg") for a in el.xpath('.//*[contains(@class, "ed-garbled")]') if a.text_content() == m.text]
        assert entities[m.entity].short_name in regs


def test_each_entity_page_lists_every_mention_and_its_facts(edition, built_site):
    for e in edition.entities:
        doc = parse(built_site / "entities" / e.id / "index.html")
        assert doc.xpath("//h1")[0].text_content() == e.name
        text = doc.text_content()
        assert e.summary in text
        mentions = [m for m in edition.mentions if m.entity == e.id]
        links = doc.xpath('//article//li/a[starts-with(normalize-space(.), "¶")]')
        assert [(a.text_content(), a.get("href").split("#")[1]) for a in links] == \
            [(f"¶ {m.paragraph}", f"p{m.paragraph}") for m in mentions]
        for f in e.forms:
            assert f.text in text
        if e.wikidata:
            assert doc.xpath(f'//a[@href="https://www.wikidata.org/wiki/{e.wikidata}"]')
        cited = {a.split("#")[1] for a in doc.xpath('//a[contains(@href, "bibliography/#")]/@href')}
        assert cited == {f"bib-{c.work}" for c in e.sources}, e.id
        if e.certainty != "certain":
            assert "Identification " + e.certainty in text


def test_related_entries_link_both_ways(edition, built_site):
    for e in edition.entities:
        for r in e.related:
            for a, b in ((e.id, r), (r, e.id)):
                doc = parse(built_site / "entities" / a / "index.html")
                assert doc.xpath(f'//a[contains(@href, "/entities/{b}/") or contains(@href, "../{b}/")]'), (a, b)


def test_kind_indexes_list_all_entities(edition, built_site):
    for kind, k in edition.entity_kinds.items():
        members = [e for e in edition.entities if e.kind == kind]
        if not members:
            continue
        doc = parse(built_site / "glossary" / k.page / "index.html")
        names = [a.text_content() for a in doc.xpath("//article//li/strong/a")]
        assert sorted(names) == sorted(e.index_as for e in members)


def test_the_people_index_sorts_by_surname_and_sends_each_garbled_form_to_its_entry(built_site, expected):
    doc = parse(built_site / "glossary" / "people" / "index.html")
    items = [li.text_content() for li in doc.xpath("//article//li")]
    entries = [li.xpath("string(strong/a)") for li in doc.xpath("//article//li[strong]")]
    assert entries.index("Bogomolov, Dmitri") < entries.index("Chiang Kai-shek") < entries.index("Litvinov, Maxim")
    assert "Chesston, see Chilston, Aretas Akers-Douglas, 2nd Viscount" in items
    assert "the chairman, see Chiang Kai-shek" in items
    # Under C, as a reader looks it up: the article "the" is the catalogue's, not the name's.
    at = items.index("the chairman, see Chiang Kai-shek")
    assert items[at - 1][0] in "BC" and items[at + 1][0] == "C", items[at - 1: at + 2]


def test_notes_are_numbered_footnotes_after_their_anchor(edition, built_site):
    found = paragraphs_in(built_site)
    per_para = Counter(n.paragraph for n in edition.notes)
    for p in edition.paragraphs:
        (page, el), = found[f"p{p.n}"]
        refs = el.xpath('.//sup[starts-with(@id, "fnref")]/a')
        assert len(refs) == per_para[p.n], f"¶{p.n}"
    for note in edition.notes:
        (page, el), = found[f"p{note.paragraph}"]
        doc = parse(page)
        fn = doc.xpath(f'//li[@id="fn:{note.id}"]')
        assert fn, note.id
        label = edition.note_types[note.type].label
        assert fn[0].text_content().strip().startswith(label + ".")
        assert doc.xpath(f'//a[@href="#fnref:{note.id}"]'), "a back-link to the text"


def test_every_gap_has_a_lacuna_note(edition, expected):
    # The memoir's gaps: each explained by a lacuna note on its paragraph; the other lacunae are the photographs
    # the captions describe and the text no longer carries.
    gaps = Counter()
    for p in edition.paragraphs:
        if p.source == edition.sources[0].id and p.n not in expected["marker_as_text"]:
            gaps[p.n] = p.text.count(edition.gap_marker)
    assert +gaps == Counter({int(k): v for k, v in expected["gaps"].items()})
    lacunae = Counter(n.paragraph for n in edition.notes if n.type == "lacuna")
    assert lacunae == +gaps + Counter(expected["captions"])


def test_every_gap_of_the_record_is_explained_on_its_page(built_site):
    # A record document breaks off where the copy read breaks off: what could not be read is said in its provenance
    # (record.yml, unread) and shown on its page ("Not read whole"), each statement as written.
    record = {t["id"]: t for t in yaml.safe_load((EDITION_FILE.parent / "record" / "record.yml").read_text(
        encoding="utf-8"))["texts"]}
    with_gaps = [t for t in declared_texts(EDITION_FILE)
                 if t["part"] and any("**" in line for _, line in t["paragraphs"])]
    assert with_gaps
    for t in with_gaps:
        unread = record[t["id"]].get("unread") or []
        assert unread, t["id"]
        box = parse(built_site / t["page"] / "index.html").xpath('//div[contains(@class, "ed-unread")]')
        assert len(box) == 1, t["id"]
        assert [" ".join(li.text_content().split()) for li in box[0].xpath(".//li")] == \
            [" ".join(u.split()) for u in unread], t["id"]
