"""Any text, any language: the engine's words from a catalogue per language, names found in scripts without
spaces between words, capitals found in any script with case."""
import json

import yaml

from build_scripts.annotate.mentions import find_mentions
from build_scripts.commands.report import unlinked_names
from conftest import ROOT, build_site, edit_yaml
from html_reading import parse
from test_edges import bare_edition
from test_mentions import ent, para

CATALOGUE = ROOT / "build_scripts" / "load" / "catalogue"


def test_every_catalogue_has_every_word_of_the_english_one():
    english = set(yaml.safe_load((CATALOGUE / "en.yml").read_text(encoding="utf-8")))
    assert {"en.yml", "fr.yml"} <= {p.name for p in CATALOGUE.glob("*.yml")}
    for path in CATALOGUE.glob("*.yml"):
        assert set(yaml.safe_load(path.read_text(encoding="utf-8"))) == english, path.name


def test_a_french_edition_speaks_french(tmp_path):
    edition = bare_edition(tmp_path / "fr", ["Première ligne.", "Deuxième ligne."], [("un", "Un", 1)])
    edit_yaml(edition, lambda d: d.update(
        language="fr", colours={"primary": "teal", "accent": "lime"},
        licence={"name": "Licence <Ouverte>", "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}))
    site = tmp_path / "site"
    build_site(site, edition)
    doc = parse(site / "text" / "un" / "index.html")
    assert doc.getroottree().getroot().get("lang") == "fr"
    nav = [a.text_content().strip() for a in doc.xpath("//nav[contains(@class, 'md-nav--primary')]//label | "
                                                       "//nav[contains(@class, 'md-nav--primary')]//a")]
    assert "Le texte" in nav and "À propos de l'édition" in nav
    words = json.loads(doc.xpath("//div[@id='ed-words']/@data-words")[0])
    assert words["cite"] == "Citer" and words["search_open"] == "Rechercher (/)"
    assert doc.xpath("//*[@id='p1']//a[contains(@class, 'ed-permalink')]/@aria-label") == [
        "Lien permanent vers le paragraphe 1"]
    assert "Version 1.0, construite le" in doc.xpath("string(//*[contains(@class, 'ed-version')])")
    # The colours and the licence are the edition's, the toggle's and the licence line's words French.
    body = doc.xpath("//body")[0]
    assert (body.get("data-md-color-primary"), body.get("data-md-color-accent")) == ("teal", "lime")
    assert doc.xpath("//label[@for='__palette_1']/@title") == ["Passer au mode sombre"]
    licence = doc.xpath("//*[contains(@class, 'ed-licence')]")[0]
    assert licence.text_content().strip() == "Publiée sous licence Licence <Ouverte>"
    assert licence.xpath("a/@href") == ["https://www.etalab.gouv.fr/licence-ouverte-open-licence/"]
    tei = (site / "downloads" / "bare.tei.xml").read_text(encoding="utf-8")
    assert '<language ident="fr">français</language>' in tei
    assert ('<availability><licence target="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">'
            'Licence &lt;Ouverte&gt;</licence></availability>') in tei


def test_names_are_found_in_a_script_without_spaces_between_words():
    text = "致蘇俄遺書：中國國民黨與蘇聯合作，蘇聯是自由的共和國。"
    found = [(m.entity, m.text) for m in find_mentions((para(1, text),), (ent("ussr", "蘇聯", "蘇俄"),
                                                                            ent("kmt", "中國國民黨")))]
    assert found == [("ussr", "蘇俄"), ("kmt", "中國國民黨"), ("ussr", "蘇聯"), ("ussr", "蘇聯")]
    # Where the script has spaces, a name inside a longer word is still no mention.
    found = find_mentions((para(1, "Sovietology, Soviets, the Soviet view"),), (ent("s", "Soviet"),))
    assert [(m.start, m.text) for m in found] == [(26, "Soviet")]


def test_the_report_of_unlinked_names_reads_capitals_in_any_script_with_case(tmp_path):
    class Ed:  # what unlinked_names reads
        mentions = ()
        gap_marker = "**"
        paragraphs = (para(1, "Он встретил Литвинова в Москве, и Ivan Ivanov тоже."),)
        sources = (type("Text", (), {"first": 1, "last": 1})(),)  # the main text: the report reads it only
    found = unlinked_names(Ed())
    assert found == {"Литвинова": [1], "Москве": [1], "Ivan Ivanov": [1]}
