"""The annotation layer in the built site: names linked, entity pages, notes as footnotes."""
from collections import Counter

from html_reading import parse, paragraphs_in


def entity_href_id(href: str) -> str:
    return href.rstrip("/").split("/")[-1]


def test_each_name_is_linked_at_its_first_mention_in_a_paragraph_with_who_it_is(edition, built_site):
    found = paragraphs_in(built_site)
    entities = {e.id: e for e in edition.entities}
    for p in edition.paragraphs:
        (_, el), = found[f"p{p.n}"]
        marks = [(a.tag, a.text_content(), entity_href_id(a.get("href")) if a.tag == "a" else None)
                 for a in el.xpath('.//*[contains(@class, "ed-name")]')]
        expected, seen = [], set()
        for m in sorted((m for m in edition.mentions if m.paragraph == p.n), key=lambda m: m.start):
            expected.append(("a", m.text, m.entity) if m.entity not in seen else ("span", m.text, None))
            seen.add(m.entity)
        assert marks == expected, f"¶{p.n}"
        for a in el.xpath('.//a[contains(@class, "ed-name")]'):
            e = entities[entity_href_id(a.get("href"))]
            # The page's own tooltips (edition.js) show the title as text, as the browser does without JavaScript:
            # the attribute's value is what the reader reads.
            tip = a.get("title")
            assert tip.startswith(e.short_name) and tip.endswith(e.summary), tip
            if "ed-garbled" in a.get("class"):
                assert f"The text garbles the name as “{a.text_content()}”." in tip


def test_a_garbled_name_says_who_it_is_first(edition, built_site, expected):
    tip = {}
    for page in (built_site / "text").rglob("index.html"):
        for a in parse(page).xpath('//a[contains(@class, "ed-garbled")]'):
            tip[a.text_content()] = a.get("title")
    assert tip["Colande"].startswith("Robert Coulondre (1885–1959). The text garbles the name as “Colande”.")
    assert tip["Chesston"].startswith("Lord Chilston (1876–1947). The text garbles the name as “Chesston”.")
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
