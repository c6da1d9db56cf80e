"""Off-platform testimonials: a freelancer asks a past client by e-mail; the client confirms through a signed
link; it shows labelled "Off-platform, e-mail confirmed", never in the score; a monthly limit; the review
text checks hold copied or bought ones. Clients, outsiders and anonymous visitors cannot ask; nobody but the
link's holder confirms; only operators see held ones."""

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from openhour.lib.errors import Conflict, InvalidInput, NotAllowed
from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews.integrity.models import Testimonial as Row  # "Test..." would look like a test class
from openhour.reviews.integrity.services import testimonials
from openhour.reviews.scoring import reputation_of
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db

OWN_WORDS = "Fred rebuilt our booking system in three weeks and explained every choice he made along the way."


@pytest.fixture
def oncommit(django_capture_on_commit_callbacks: Any) -> Any:
    return django_capture_on_commit_callbacks


def ask(fred: Any, email: str = "carol@shop.example") -> Row:
    return testimonials.testimonial_request(
        freelancer=fred,
        client_name="Carol Shop",
        client_email=email,
        message="Would you say a few words about the booking system?",
    )


def link_in(mail: Any) -> str:
    found = re.search(r"http://[^\s]+/testimonials/confirm/(\S+)", mail.body)
    assert found, mail.body
    return found.group(1)


def test_the_client_gets_a_signed_link_and_the_testimonial_shows_once_confirmed(
    fred: Any, mailoutbox: list[Any], oncommit: Any
) -> None:
    with oncommit(execute=True):
        testimonial = ask(fred)
    mail = mailoutbox[0]
    assert mail.to == ["carol@shop.example"] and "Fred Freelancer" in mail.subject
    assert "a few words about the booking system" in mail.body
    assert mail.alternatives and "/testimonials/confirm/" in mail.alternatives[0][0]
    token = link_in(mail)
    assert not testimonials.shown_testimonials(fred).exists()  # requested is not shown
    done = testimonials.testimonial_confirm(token=token, text=OWN_WORDS, overall="5")
    assert done.pk == testimonial.pk and done.status == "confirmed" and done.overall == 5
    assert list(testimonials.shown_testimonials(fred)) == [done]


def test_the_profile_fragment_labels_it(fred: Any) -> None:
    from django.template.loader import render_to_string

    testimonial = ask(fred)
    testimonials.testimonial_confirm(token=testimonials.token_for(testimonial), text=OWN_WORDS)
    html = render_to_string("integrity/_testimonials.html", {"testimonials": testimonials.shown_testimonials(fred)})
    assert "Off-platform, e-mail confirmed" in html and "Carol Shop" in html and "booking system" in html
    assert render_to_string("integrity/_testimonials.html", {"testimonials": []}).strip() == ""


def test_a_testimonial_never_counts_in_the_score(clara: Any, fred: Any) -> None:
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body(CLIENT, 3))
    review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER, 5))
    before = reputation_of(user=fred, role=FREELANCER)
    testimonial = ask(fred)
    testimonials.testimonial_confirm(token=testimonials.token_for(testimonial), text=OWN_WORDS, overall=5)
    after = reputation_of(user=fred, role=FREELANCER)
    assert (after.score, after.reviews, after.distribution) == (before.score, before.reviews, before.distribution)


def test_at_most_the_monthly_limit(fred: Any, settings: Any) -> None:
    settings.TESTIMONIALS_PER_MONTH = 2
    ask(fred, "a@one.example")
    ask(fred, "b@two.example")
    with pytest.raises(InvalidInput) as refused:
        ask(fred, "c@three.example")
    assert refused.value.code == "testimonial_limit" and "2 clients per calendar month" in refused.value.message
    with time_machine.travel(testimonials.month_start() + timedelta(days=32)):
        ask(fred, "c@three.example")  # a new calendar month
    assert Row.objects.count() == 3


def test_bad_requests(fred: Any, clara: Any, una: Any) -> None:
    with pytest.raises(InvalidInput) as own:
        ask(fred, "FRED@example.com")
    assert own.value.code == "conflict" and "client_email" in own.value.fields
    for name, email, message, field in [
        ("", "a@b.example", "Hi", "client_name"),
        ("A", "nope", "Hi", "client_email"),
        ("A", "a@b.example", " ", "message"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            testimonials.testimonial_request(freelancer=fred, client_name=name, client_email=email, message=message)
        assert field in refused.value.fields
    with pytest.raises(NotAllowed):  # a client has no freelance profile to show it on
        ask(clara)
    with pytest.raises(NotAllowed):  # e-mail not verified
        ask(una)
    assert not Row.objects.exists()


def test_tampered_expired_and_repeated_links(fred: Any) -> None:
    testimonial = ask(fred)
    token = testimonials.token_for(testimonial)
    with pytest.raises(InvalidInput):
        testimonials.testimonial_confirm(token=token[:-2] + "xx", text=OWN_WORDS)
    with time_machine.travel(timezone.now() + timedelta(days=31)), pytest.raises(InvalidInput):
        testimonials.testimonial_confirm(token=token, text=OWN_WORDS)
    with pytest.raises(InvalidInput):
        testimonials.testimonial_confirm(token=token, text="  ")
    with pytest.raises(InvalidInput):
        testimonials.testimonial_confirm(token=token, text=OWN_WORDS, overall=6)
    testimonials.testimonial_confirm(token=token, text=OWN_WORDS)
    with pytest.raises(Conflict) as twice:
        testimonials.testimonial_confirm(token=token, text="Something else entirely, said a second time here.")
    assert twice.value.code == "testimonial_confirmed"
    testimonial.refresh_from_db()
    assert testimonial.text == OWN_WORDS


def test_copied_text_is_held_not_shown(clara: Any, fred: Any) -> None:
    contract = finished(clara, fred)
    copied = "An outstanding developer who delivered the whole shop on time and answered every question quickly."
    review_submit(contract_id=contract.pk, by=clara, data=body(CLIENT, 5, went_well=copied))
    testimonial = ask(fred)
    held = testimonials.testimonial_confirm(token=testimonials.token_for(testimonial), text=copied)
    assert held.status == "held" and held.risk_score >= 0.8
    assert not testimonials.shown_testimonials(fred).exists()


def test_a_review_of_someone_else_copied_with_the_name_swapped_is_held(clara: Any, fred: Any, olga: Any) -> None:
    contract = finished(clara, olga)
    written = (
        "Olga rebuilt the booking calendar of our physiotherapy practice in eleven days, moved every patient "
        "record across without a single loss and trained our receptionists herself."
    )
    review_submit(contract_id=contract.pk, by=clara, data=body(CLIENT, 5, went_well=written))
    testimonial = ask(fred)
    copied = written.replace("Olga", "Fred")
    held = testimonials.testimonial_confirm(token=testimonials.token_for(testimonial), text=copied)
    assert held.status == "held"


def test_bought_wording_is_held(fred: Any) -> None:
    testimonial = ask(fred)
    text = "Great work. He said 5 stars and I'll refund you half, so here it is."
    held = testimonials.testimonial_confirm(token=testimonials.token_for(testimonial), text=text)
    assert held.status == "held"
    assert not testimonials.shown_testimonials(fred).exists()


def test_operators_show_or_remove_held_ones(fred: Any, olga: Any, operator: Any) -> None:
    testimonial = ask(fred)
    testimonials.testimonial_confirm(token=testimonials.token_for(testimonial), text="5 stars and I'll refund you.")
    with pytest.raises(NotAllowed):
        testimonials.testimonial_moderate(testimonial_id=testimonial.pk, action="show", by=fred)
    testimonials.testimonial_moderate(testimonial_id=testimonial.pk, action="remove", by=operator)
    with pytest.raises(Conflict):
        testimonials.testimonial_moderate(testimonial_id=testimonial.pk, action="show", by=operator)
    assert not testimonials.shown_testimonials(fred).exists()


# ---- pages ---------------------------------------------------------------------------------------------


def test_the_freelancer_asks_on_the_page(client_for: Any, fred: Any, mailoutbox: list[Any], settings: Any) -> None:
    settings.TESTIMONIALS_PER_MONTH = 1
    browser = client_for(fred)
    assert browser.get("/me/testimonials").status_code == 200
    data = {"client_name": "Carol Shop", "client_email": "carol@shop.example", "message": "A few words?"}
    assert browser.post("/me/testimonials", data).status_code == 302
    assert Row.objects.get().client_email == "carol@shop.example"
    beyond = browser.post("/me/testimonials", data | {"client_email": "dan@shop.example"})
    assert beyond.status_code == 400 and "per calendar month" in beyond.text
    own = browser.post("/me/testimonials", data | {"client_email": "fred@example.com"})
    assert own.status_code == 400 and "not yours" in own.text


def test_others_cannot_ask(client_for: Any, clara: Any) -> None:
    assert Client().get("/me/testimonials").status_code == 302  # to sign in
    assert client_for(clara).get("/me/testimonials").status_code == 404
    data = {"client_name": "X", "client_email": "x@y.example", "message": "Hi"}
    assert client_for(clara).post("/me/testimonials", data).status_code == 404
    assert not Row.objects.exists()


def test_the_client_confirms_on_the_page_without_an_account(fred: Any) -> None:
    testimonial = ask(fred)
    path = f"/testimonials/confirm/{testimonials.token_for(testimonial)}"
    browser = Client()
    page = browser.get(path)
    assert page.status_code == 200 and "Fred Freelancer" in page.text and "Carol Shop" in page.text
    assert browser.post(path, {"text": "", "overall": ""}).status_code == 400
    assert browser.post(path, {"text": OWN_WORDS, "overall": "4"}).status_code == 200
    assert Row.objects.get().status == "confirmed"
    assert browser.post(path, {"text": OWN_WORDS, "overall": "4"}).status_code == 409
    assert browser.get(path).status_code == 409
    assert browser.get("/testimonials/confirm/not-a-token").status_code == 400
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert browser.get(path).status_code == 400


def test_the_held_queue_is_for_operators_only(client_for: Any, fred: Any, olga: Any, operator: Any) -> None:
    testimonial = ask(fred)
    testimonials.testimonial_confirm(token=testimonials.token_for(testimonial), text="5 stars and I'll refund you.")
    for browser in (Client(), client_for(fred), client_for(olga)):
        assert browser.get("/operations/testimonials").status_code == 404
        assert browser.post(f"/operations/testimonials/{testimonial.pk}", {"action": "show"}).status_code == 404
    staff = client_for(operator)
    assert "refund you" in staff.get("/operations/testimonials").text
    assert staff.post(f"/operations/testimonials/{testimonial.pk}", {"action": "show"}).status_code == 302
    assert testimonials.shown_testimonials(fred).count() == 1


def test_the_held_queue_costs_the_same_for_many(
    client_for: Any, fred: Any, operator: Any, settings: Any, django_assert_max_num_queries: Any
) -> None:
    settings.TESTIMONIALS_PER_MONTH = 5
    for n in range(4):
        testimonial = ask(fred, f"c{n}@shop.example")
        testimonials.testimonial_confirm(
            token=testimonials.token_for(testimonial), text=f"{n}: 5 stars and I'll refund you."
        )
    browser = client_for(operator)
    with django_assert_max_num_queries(8):
        page = browser.get("/operations/testimonials")
    assert page.text.count("refund you") == 4
