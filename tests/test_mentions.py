"""Finding mentions: word boundaries, longest form first, case rules, scoping; on the real data too."""
import pytest

from build_scripts.annotate.mentions import find_mentions
from build_scripts.errors import EditionError
from build_scripts.model import Cite, Entity, Form, Paragraph


# Shared with test_languages.py (candidates for conftest.py).
def para(n, text):
    """A paragraph of prose, numbered n."""
    return Paragraph(n=n, line=n, kind="prose", text=text)


def ent(id, *forms, kind="person"):
    """An entity with the given forms (text, or a Form); the model is the schema's, so lists, not tuples."""
    return Entity(id=id, kind=kind, name=id, summary="s", entry="e", file=f"{id}.yml",
                  forms=[f if isinstance(f, Form) else Form(text=f) for f in forms],
                  sources=[Cite(work="w")])


def found(paragraphs, entities):
    return [(m.entity, m.paragraph, m.text) for m in find_mentions(tuple(paragraphs), tuple(entities))]


def test_possessive_is_a_mention():
    assert found([para(1, "Carmen's music is French.")], [ent("carmen", "Carmen")]) == [("carmen", 1, "Carmen")]


def test_hyphenated_compound_takes_the_longest_form_and_no_part_of_it():
    ents = [ent("ussr", "Soviet Union", "Soviet"), ent("treaty", "Franco-Soviet treaty", "Soviet-French Covenant"),
            ent("france", "France")]
    text = "the Franco-Soviet treaty and the Soviet-French Covenant; France and the Soviet Union; Franco-Soviet ties; a Soviet view"
    assert found([para(1, text)], ents) == [
        ("treaty", 1, "Franco-Soviet treaty"), ("treaty", 1, "Soviet-French Covenant"),
        ("france", 1, "France"), ("ussr", 1, "Soviet Union"), ("ussr", 1, "Soviet")]


def test_form_inside_a_longer_word_is_not_a_mention():
    assert found([para(1, "Litvinovsky and Bao-an and Baozi; Bao agrees.")], [ent("bao", "Bao")]) == [("bao", 1, "Bao")]


def test_sentence_initial_capital_matches_a_lowercase_form_unless_exact():
    paragraphs = [para(1, "The chairman said no. Then the chairman left.")]
    assert found(paragraphs, [ent("chiang", "the chairman")]) == [("chiang", 1, "The chairman"), ("chiang", 1, "the chairman")]
    exact = ent("chiang", Form(text="the chairman", case="exact"))
    assert found(paragraphs, [exact]) == [("chiang", 1, "the chairman")]


def test_scoped_forms_share_a_surface_across_paragraphs():
    a = ent("kalinin", Form(text="Jia", paragraphs=[1]))
    b = ent("other", Form(text="Jia", paragraphs=[2]))
    assert found([para(1, "Jia spoke."), para(2, "Jia left.")], [a, b]) == [("kalinin", 1, "Jia"), ("other", 2, "Jia")]


def test_a_form_claimed_by_two_entities_in_one_paragraph_is_an_error():
    with pytest.raises(EditionError, match=r"'Jia' is claimed by both 'a' .* and 'b' in ¶1"):
        found([para(1, "Jia spoke.")], [ent("a", "Jia"), ent("b", "Jia")])


def test_a_form_that_never_occurs_is_an_error():
    with pytest.raises(EditionError, match=r"b\.yml.*'Gallen' never occurs"):
        found([para(1, "Jia spoke.")], [ent("a", "Jia"), ent("b", "Gallen")])


def test_real_data_every_form_is_found_and_mentions_do_not_overlap(edition):
    for e in edition.entities:
        texts = {m.text for m in edition.mentions if m.entity == e.id}
        for f in e.forms:
            assert any(t in (f.text, f.text[0].upper() + f.text[1:]) for t in texts), (e.id, f.text)
    by_para = {}
    for m in edition.mentions:
        assert edition.paragraphs[m.paragraph - 1].text[m.start:m.end] == m.text
        by_para.setdefault(m.paragraph, []).append((m.start, m.end))
    for spans in by_para.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_the_garbled_forms_name_the_entries_the_edition_expects(edition, expected):
    found = {(m.paragraph, m.text): (m.entity, m.garbled) for m in edition.mentions}
    for n, form, entity in expected["garbled"]:
        assert found.get((n, form)) == (entity, True), (n, form)
    chairman = expected["the_chairman"]
    assert sorted(m.paragraph for m in edition.mentions if m.text.lower() == "the chairman") == chairman["paragraphs"]
    assert {m.entity for m in edition.mentions if m.text.lower() == "the chairman"} == {chairman["entity"]}
