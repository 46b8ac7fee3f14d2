"""Forms marked `inflect: true` match the inflected forms of a name in the text's language, and no other word.

The expected case forms below are Russian and Greek grammar, written out by hand (not asked of the libraries the
engine uses): a test fails if the engine misses one, or links a word that is not a form of the name.
"""
import re

import pytest

from build_scripts.annotate.mentions import find_mentions
from build_scripts.errors import EditionError
from build_scripts.model import Form
from test_mentions import ent, para


def inflected(text, *forms, language="ru", entity="e"):
    return [m.text for m in find_mentions((para(1, text),), (ent(entity, *[
        Form(text=f, inflect=True, line=4) for f in forms]),), language)]


# Богомолов, a surname: the six cases of the singular, as a grammar gives them (genitive = accusative, animate).
BOGOMOLOV = {"nominative": "Богомолов", "genitive": "Богомолова", "dative": "Богомолову",
             "accusative": "Богомолова", "instrumental": "Богомоловым", "prepositional": "Богомолове"}


def test_a_russian_surname_is_found_in_every_case():
    text = ("Посол Богомолов приехал. Письмо Богомолова лежало. Писали Богомолову. Видели Богомолова. "
            "Говорили с Богомоловым. Думали о Богомолове.")
    found = inflected(text, "Богомолов")
    assert found == ["Богомолов", "Богомолова", "Богомолову", "Богомолова", "Богомоловым", "Богомолове"]
    assert set(found) == set(BOGOMOLOV.values())


@pytest.mark.parametrize("word", ["Богомоловский", "Богомоловская", "Богомоловы", "Богомоловой", "Богомол", "Богомолы",
                                  "богомолов", "Богомоловым-старшим"])
def test_a_word_that_is_not_a_case_form_of_the_name_is_not_linked(word):
    # A derived adjective, the plural (the family), the feminine (another person), the insect (богомол, whose
    # genitive plural is spelt like the name), a lower-case word, a hyphenated compound: none is this name.
    assert inflected(f"Богомолов и {word}.", "Богомолов") == ["Богомолов"]


def test_a_derived_word_is_linked_when_the_editor_declares_it():
    text = "Богомоловский доклад и Богомолов."
    found = find_mentions((para(1, text),), (ent("b", Form(text="Богомолов", inflect=True), "Богомоловский"),), "ru")
    assert [m.text for m in found] == ["Богомоловский", "Богомолов"]


def test_without_inflect_only_the_form_as_written_is_linked():
    found = find_mentions((para(1, "Богомолов и Богомолова"),), (ent("b", "Богомолов"),), "ru")
    assert [m.text for m in found] == ["Богомолов"]


def test_the_words_of_a_name_agree_in_every_case():
    text = ("Дмитрий Богомолов; у Дмитрия Богомолова; к Дмитрию Богомолову; с Дмитрием Богомоловым; "
            "о Дмитрии Богомолове; Дмитрия Богомолову (no agreement).")
    assert inflected(text, "Дмитрий Богомолов") == [
        "Дмитрий Богомолов", "Дмитрия Богомолова", "Дмитрию Богомолову", "Дмитрием Богомоловым",
        "Дмитрии Богомолове"]


def test_an_adjective_agrees_with_its_noun_and_a_genitive_stays_as_written():
    text = ("Советский Союз, Советского Союза, Советскому Союзу, Советским Союзом, о Советском Союзе; "
            "Народному комиссариату иностранных дел, в Народном комиссариате иностранных дел; Советского Союз.")
    found = find_mentions((para(1, text),), (
        ent("ussr", Form(text="Советский Союз", inflect=True)),
        ent("nkid", Form(text="Народный комиссариат иностранных дел", inflect=True))), "ru")
    assert [(m.entity, m.text) for m in found] == [
        ("ussr", "Советский Союз"), ("ussr", "Советского Союза"), ("ussr", "Советскому Союзу"),
        ("ussr", "Советским Союзом"), ("ussr", "Советском Союзе"),
        ("nkid", "Народному комиссариату иностранных дел"), ("nkid", "Народном комиссариате иностранных дел")]


def test_a_womans_name_is_declined_as_hers():
    text = "Надежда Крупская; Надежды Крупской; Надежду Крупскую; с Надеждой Крупской; Александре Коллонтай."
    found = find_mentions((para(1, text),), (ent("k", Form(text="Надежда Крупская", inflect=True)),
                                             ent("a", Form(text="Александра Коллонтай", inflect=True))), "ru")
    # A woman's surname ending in a consonant is not declined: Александре Коллонтай, never Коллонтаю.
    assert [m.text for m in found] == ["Надежда Крупская", "Надежды Крупской", "Надежду Крупскую",
                                       "Надеждой Крупской", "Александре Коллонтай"]


def test_a_place_and_its_second_locative():
    text = "Москва, из Москвы, к Москве, в Москву, над Москвой; Крым, в Крыму, о Крыме."
    found = find_mentions((para(1, text),), (ent("m", Form(text="Москва", inflect=True)),
                                             ent("c", Form(text="Крым", inflect=True))), "ru")
    assert [m.text for m in found] == ["Москва", "Москвы", "Москве", "Москву", "Москвой", "Крым", "Крыму", "Крыме"]


def test_a_declared_form_wins_over_an_inflected_one():
    # Богомолова is Bogomolov's genitive and also his wife's name: in ¶2 the editor gives it to her.
    paragraphs = (para(1, "Письмо Богомолова."), para(2, "Богомолова приехала."))
    found = find_mentions(paragraphs, (ent("bogomolov", Form(text="Богомолов", inflect=True)),
                                       ent("wife", Form(text="Богомолова", paragraphs=[2]))), "ru")
    assert [(m.paragraph, m.entity) for m in found] == [(1, "bogomolov"), (2, "wife")]


def test_two_inflected_forms_that_meet_are_refused_with_the_line():
    # Богомолову: his dative, and her accusative (Богомолова): the editor must say whose it is.
    with pytest.raises(EditionError, match=r"^b\.yml:4: the form 'Богомолову' is claimed by both 'a' \(a\.yml\) and "
                                           r"'b' in ¶1\. Fix: scope the form with 'paragraphs:'"):
        find_mentions((para(1, "Богомолову."),), (ent("a", Form(text="Богомолов", inflect=True, line=4)),
                                                  ent("b", Form(text="Богомолова", inflect=True, line=4))), "ru")


def test_a_form_is_inflected_in_the_language_of_the_text_it_stands_in():
    # ¶1 is of a Russian text, ¶2 of a Georgian one (which the engine cannot inflect): there only the form as
    # written is a mention.
    paragraphs = (para(1, "Письмо Богомолова."), para(2, "Богомолов, Богомолова."))
    paragraphs = (paragraphs[0], type(paragraphs[1])(n=2, line=2, kind="prose", text=paragraphs[1].text, source="ka"))
    found = find_mentions(paragraphs, (ent("b", Form(text="Богомолов", inflect=True)),), {"": "ru", "ka": "ka"})
    assert [(m.paragraph, m.text) for m in found] == [(1, "Богомолова"), (2, "Богомолов")]


def test_inflect_in_a_language_the_engine_cannot_inflect_is_refused_with_the_line():
    with pytest.raises(EditionError, match=r"^e\.yml:4: entity 'e': the form 'ბათუმი' is marked inflect, but the "
                                           r"engine cannot inflect the language of the text it stands in \('ka'\)\. "
                                           r"Fix: list each inflected form as a form of its own and remove inflect"):
        inflected("ბათუმი, ბათუმში.", "ბათუმი", language="ka")


def test_a_russian_form_with_no_nominative_is_refused_with_the_line():
    # "Тинфу" reads only as a dative (of тинф): the dictionary has no nominative to decline.
    with pytest.raises(EditionError, match=r"^e\.yml:4: entity 'e': the form 'Тинфу' is marked inflect, but no word "
                                           r"of it is a nominative"):
        inflected("Тинфу.", "Тинфу")


def test_an_inflected_form_that_never_occurs_is_reported():
    with pytest.raises(EditionError, match=re.escape("e.yml:4: entity 'e': neither the form 'Литвинов' nor any "
                                                     "inflected form of it occurs in the text")):
        inflected("Богомолов.", "Литвинов")


# Greek (Snowball's stemmer): Βενιζέλος, a surname of the second declension: -ος, -ου, -ο, -ε.
def test_a_greek_surname_is_found_in_every_case_of_the_singular():
    text = "Ο Βενιζέλος μίλησε. Η πολιτική του Βενιζέλου. Είδαν τον Βενιζέλο. Βενιζέλε, άκουσε!"
    assert inflected(text, "Βενιζέλος", language="el") == ["Βενιζέλος", "Βενιζέλου", "Βενιζέλο", "Βενιζέλε"]


@pytest.mark.parametrize("word", ["Βενιζελισμός", "Βενιζελικού", "Βενιζελικός", "βενιζέλου", "Βενιζελάκης"])
def test_a_greek_word_derived_from_the_name_is_not_linked(word):
    # Venizelism, the Venizelist (adjective), a lower-case word, a diminutive surname.
    assert inflected(f"Ο Βενιζέλος και {word}.", "Βενιζέλος", language="el") == ["Βενιζέλος"]


def test_a_greek_place_name_in_its_cases_and_not_its_inhabitant():
    text = "Η Αθήνα, της Αθήνας, στην Αθήνα· ένας Αθηναίος."
    assert inflected(text, "Αθήνα", language="el") == ["Αθήνα", "Αθήνας", "Αθήνα"]


def test_a_case_form_the_stemmer_reads_otherwise_is_declared_beside_the_inflected_form():
    # Snowball reduces Ελευθέριος to ελευθερι- but Ελευθερίου to ελευθερ- (as it does Ελευθερία, freedom): the
    # genitive is not found by the stemmer, and the editor declares it as a form of its own.
    text = "Ο Ελευθέριος Βενιζέλος· του Ελευθερίου Βενιζέλου· τον Ελευθέριο Βενιζέλο· η Ελευθερία."
    assert inflected(text, "Ελευθέριος Βενιζέλος", language="el") == ["Ελευθέριος Βενιζέλος", "Ελευθέριο Βενιζέλο"]
    found = find_mentions((para(1, text),), (ent("v", Form(text="Ελευθέριος Βενιζέλος", inflect=True),
                                                 "Ελευθερίου Βενιζέλου"),), "el")
    assert [m.text for m in found] == ["Ελευθέριος Βενιζέλος", "Ελευθερίου Βενιζέλου", "Ελευθέριο Βενιζέλο"]
