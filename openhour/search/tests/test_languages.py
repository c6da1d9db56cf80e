"""Search in every language: each document is in its author's language, accents never matter, and the feed still
matches across languages by skill. Camille (a client who writes in French) and Dieter (in German) post next to Clara
(in English). These run on SQLite (FTS5, accents folded, Porter's stemmer for every language) here and on
PostgreSQL (each language's own stemmer) in `test_languages_postgres`, which adds what only PostgreSQL stems."""

import pytest
from django.test import override_settings

from conftest import make_user
from openhour.accounts.models import User
from openhour.accounts.services import profile_update
from openhour.catalog.models import Skill
from openhour.jobs.feed import job_feed
from openhour.search.languages import configuration, configurations
from openhour.search.models import SearchDocument
from openhour.search.tests.test_search import found, offer, people, post, services

pytestmark = pytest.mark.django_db

BOUTIQUE = "Développeur Django pour une boutique en ligne"
HANDBUCH = "Übersetzung technischer Handbücher"


@pytest.fixture
def camille() -> User:
    return make_user("camille", name="Camille Cliente", client=True, language="fr")


@pytest.fixture
def dieter() -> User:
    return make_user("dieter", name="Dieter Kunde", client=True, language="de")


@pytest.fixture
def shelves(clara: User, camille: User, dieter: User) -> None:
    post(camille, BOUTIQUE, description="Nous vendons des céramiques faites à la main.", skills=["django"])
    post(dieter, HANDBUCH, description="Drei Handbücher für Werkzeugmaschinen, aus dem Deutschen ins Englische.")
    post(clara, "Brand designer wanted", description="A new look for our bakery.")


@pytest.mark.usefixtures("shelves")
@pytest.mark.parametrize("q", ["developpeur", "développeur", "DÉVELOPPEUR", "boutique", "Développeurs", "dévelop"])
def test_a_french_project_is_found_with_or_without_accents(q):
    assert found(q) == [BOUTIQUE]


@pytest.mark.usefixtures("shelves")
@pytest.mark.parametrize("q", ["boutiques en ligne", "ceramique", "céramiques faites"])
def test_a_french_project_is_found_by_plurals_and_its_description(q):
    assert found(q) == [BOUTIQUE]


@pytest.mark.usefixtures("shelves")
@pytest.mark.parametrize("q", ["ubersetzung", "Übersetzung", "handbucher", "Handbuch", "ubersetzung handbucher"])
def test_a_german_project_is_found_with_or_without_umlauts(q):
    assert found(q) == [HANDBUCH]


@pytest.mark.usefixtures("shelves")
@pytest.mark.parametrize("q", ["designer", "designers", "bakery", "desig"])
def test_english_projects_are_found_as_before_beside_french_and_german_ones(q):
    assert found(q) == ["Brand designer wanted"]


@pytest.mark.usefixtures("shelves")
def test_every_word_must_match_in_every_language():
    assert found("boutique handbucher") == []
    assert found("django boutique") == [BOUTIQUE]


def test_a_document_is_in_the_language_of_who_wrote_it(clara, camille, dieter):
    post(camille, BOUTIQUE)
    post(dieter, HANDBUCH)
    post(clara, "Brand designer wanted")
    marie = make_user("marie", name="Marie Dupont", freelancer=True, language="fr-CA")
    offer(marie, "Retouche de photos de mariage")

    projects = SearchDocument.objects.filter(kind="project").order_by("object_id")
    assert [(d.title, d.language) for d in projects] == [(BOUTIQUE, "fr"), (HANDBUCH, "de"), (projects[2].title, "en")]
    assert SearchDocument.objects.get(kind="person", object_id=marie.pk).language == "fr"  # served by the site's fr
    assert SearchDocument.objects.get(kind="hourlie").language == "fr"
    assert SearchDocument.objects.get(kind="person", object_id=clara.pk).language == "en"  # not chosen: the site's


def test_french_and_german_people_and_hourlies_are_found_without_accents(camille):
    helene = make_user("helene", name="Hélène Lefèvre", freelancer=True, language="fr")
    profile_update(user=helene, headline="Rédactrice et traductrice", skills=["copywriting"])
    jurgen = make_user("jurgen", name="Jürgen Weiß", freelancer=True, language="de")
    offer(jurgen, "Präsentationen für Vorträge")

    assert people("helene lefevre") == ["Hélène Lefèvre"]
    assert people("redactrice") == ["Hélène Lefèvre"]
    assert people("jurgen") == ["Jürgen Weiß"]
    assert services("prasentationen vortrage") == ["Präsentationen für Vorträge"]


def test_a_skill_is_found_by_its_english_name_and_by_its_name_in_the_document_language(clara, camille):
    Skill.objects.filter(slug="logo-design").update(names={"fr": "Création de logo", "de": "Logo-Gestaltung"})
    post(camille, "Logo pour une boulangerie", category="design", skills=["logo-design"])
    post(clara, "Bakery logo", category="design", skills=["logo-design"])

    assert found("creation") == found("création de logo") == ["Logo pour une boulangerie"]
    assert sorted(found("logo design")) == ["Bakery logo", "Logo pour une boulangerie"]
    assert found("gestaltung") == []  # not the language either was written in
    assert SearchDocument.objects.get(title="Bakery logo").skills == "Logo Design"


def test_the_feed_matches_a_french_project_to_an_english_freelancer_by_skill(camille, fred):
    boutique = post(camille, BOUTIQUE, skills=["django", "python"])
    post(camille, "Logo pour une boulangerie", category="design", skills=["logo-design"])

    items = job_feed(freelancer=fred)

    assert items[0].project == boutique
    assert items[0].reasons[0] == "Matches 2 of your skills: Django, Python"


@override_settings(SEARCH_CONFIGURATIONS={"en": "english", "pt": "portuguese"}, LANGUAGES=[("en", "English")])
def test_each_language_is_read_with_its_configuration_and_others_with_simple():
    assert configuration("en") == "english"
    assert configuration("pt-br") == "portuguese"  # a regional variant falls back to its language
    assert configuration("ja") == "simple"
    assert configurations() == ["english", "simple"]  # queries are read with every one documents may be in
