"""Entity types a reader can trust: a one-word "person" that the article writes as a company is an ORG."""
from newsledger.model import Article, Entity, Span
from newsledger.resolve.entity_types import correct_entity_types


def _entity(text, local_id, name, kind, *at):
    return Entity(local_id, name, kind, mentions=[Span.of(text, i, i + len(name)) for i in at])


def _types(text, *entities):
    kept = correct_entity_types(list(entities), Article(id="a1", source_path="a1.txt", text=text))
    return [(e.name, e.type) for e in kept]


def _at(text, name, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return start


def test_a_name_with_a_company_trait_after_it_is_a_company():
    text = ("Chirpa said it had closed 90,000 Chirpa accounts since March. The social network company said "
            "Chirpa's shares rose 4 percent.")
    assert _types(text, _entity(text, "e1", "Chirpa", "PERSON", 0, _at(text, "Chirpa", 1), _at(text, "Chirpa", 2))) \
        == [("Chirpa", "ORG")]


def test_a_name_with_a_company_word_or_a_company_apposition_is_a_company():
    text = "Vantor Corp. said sales rose. Teck, the Canadian mining company, said output fell 12%."
    assert _types(text, _entity(text, "e1", "Vantor", "PERSON", 0),
                  _entity(text, "e2", "Teck", "PERSON", _at(text, "Teck"))) == [("Vantor", "ORG"), ("Teck", "ORG")]


def test_people_stay_people():
    # A first name, a surname of a fuller person, a politician's staff and a person's apposition are no company.
    text = ("Harlan's staff said 300 people came. Patty Okafor said 20 employees left; Okafor's employees agreed. "
            "Mercer, the state senator, said 12. David Inc. is no name anyone writes.")
    assert _types(text, _entity(text, "e1", "Harlan", "PERSON", 0),
                  _entity(text, "e2", "Patty Okafor", "PERSON", _at(text, "Patty")),
                  _entity(text, "e3", "Okafor", "PERSON", _at(text, "Okafor's")),
                  _entity(text, "e4", "Mercer", "PERSON", _at(text, "Mercer")),
                  _entity(text, "e5", "David", "PERSON", _at(text, "David"))) \
        == [("Harlan", "PERSON"), ("Patty Okafor", "PERSON"), ("Mercer", "PERSON"), ("David", "PERSON")]


def test_without_the_article_only_the_name_is_read():
    text = "Chirpa accounts were closed."
    assert [e.type for e in correct_entity_types([_entity(text, "e1", "Chirpa", "PERSON", 0)])] == ["PERSON"]


def test_a_name_headed_by_an_organisation_word_is_an_organisation():
    # spaCy's small model tags both PERSON in a story on extremist accounts; "George" is a first name.
    text = ("Researchers at George Washington University counted 1,200 accounts, and the Brennan Center said 40 "
            "were closed. The Center for Digital Trust agreed.")
    assert _types(text, _entity(text, "e1", "George Washington University", "PERSON", _at(text, "George")),
                  _entity(text, "e2", "Brennan Center", "PERSON", _at(text, "Brennan")),
                  _entity(text, "e3", "Center for Digital Trust", "PERSON", _at(text, "Center for"))) \
        == [("George Washington University", "ORG"), ("Brennan Center", "ORG"), ("Center for Digital Trust", "ORG")]


def test_a_first_name_does_not_make_an_organisation_a_person():
    text = ("George Washington University said 300 students left; Maria Eugenia Landaeta said 20 stayed. Charles "
            "Keller Corp. said 12 more.")
    assert _types(text, _entity(text, "e1", "George Washington University", "ORG", 0),
                  _entity(text, "e2", "Maria Eugenia Landaeta", "ORG", _at(text, "Maria")),
                  _entity(text, "e3", "Charles Keller Corp.", "ORG", _at(text, "Charles"))) \
        == [("George Washington University", "ORG"), ("Maria Eugenia Landaeta", "PERSON"),
            ("Charles Keller Corp.", "ORG")]


def test_a_registered_body_is_an_organisation_unless_it_is_a_person_or_a_place():
    # "Hamas" (PERSON) and the pollster "Quinnipiac" (GPE) are registered; "Wagner" here is Dmitri Wagner's surname;
    # "Gallup" is also a town in New Mexico, so a GPE "Gallup" is left to the place engine.
    text = ("Hamas said 40 were killed. Quinnipiac found 47 percent. Dmitri Wagner said 12; Wagner added two. "
            "Gallup counted 9.")
    assert _types(text, _entity(text, "e1", "Hamas", "PERSON", 0),
                  _entity(text, "e2", "Quinnipiac", "GPE", _at(text, "Quinnipiac")),
                  _entity(text, "e3", "Dmitri Wagner", "PERSON", _at(text, "Dmitri")),
                  _entity(text, "e4", "Wagner", "PERSON", _at(text, "Wagner", 1)),
                  _entity(text, "e5", "Gallup", "GPE", _at(text, "Gallup"))) \
        == [("Hamas", "ORG"), ("Quinnipiac", "ORG"), ("Dmitri Wagner", "PERSON"), ("Gallup", "GPE")]
