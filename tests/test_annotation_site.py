"""The annotation layer in the built site: names linked, entity pages, notes as footnotes."""
import html
from collections import Counter

from html_reading import parse, paragraphs_in


def entity_href_id(href: str) -> str:
    return href.rstrip("/").split("/")[-1]


def test_every_mention_is_linked_to_its_entry_with_its_identification(edition, built_site):
    found = paragraphs_in(built_site)
    entities = {e.id: e for e in edition.entities}
    for p in edition.paragraphs:
        (_, el), = found[f"p{p.n}"]
        links = [(a.text_content(), entity_href_id(a.get("href")), a.get("title"))
                 for a in el.xpath('.//a[contains(@class, "ed-name")]')]
        # Material shows a title attribute as HTML: the identification is escaped once for it.
        expected = [(m.text, m.entity, html.escape(entities[m.entity].summary, quote=False))
                    for m in edition.mentions if m.paragraph == p.n]
        assert links == expected, f"¶{p.n}"


def test_garbled_forms_carry_the_standard_name(edition, built_site):
    found = paragraphs_in(built_site)
    entities = {e.id: e for e in edition.entities}
    garbled = [m for m in edition.mentions if m.garbled]
    assert garbled
    for m in garbled:
        (_, el), = found[f"p{m.paragraph}"]
        regs = [a.get("data-reg") for a in el.xpath('.//a[contains(@class, "ed-garbled")]') if a.text_content() == m.text]
        assert entities[m.entity].name.replace('"', "\u201d") in regs


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
        names = [a.text_content() for a in doc.xpath("//article//table//a")]
        assert sorted(names) == sorted(e.name for e in members)


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


def test_every_gap_has_a_lacuna_note(edition):
    gaps = Counter()
    for p in edition.paragraphs:
        gaps[p.n] = p.text.count(edition.gap_marker)
    lacunae = Counter(n.paragraph for n in edition.notes if n.type == "lacuna")
    assert +gaps == lacunae
