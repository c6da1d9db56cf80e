"""The privacy tests' cast at work: Fred with one of every kind of data the site keeps, built through the
services, beside Clara (his client) and Olga (an outsider), whose e-mails and secrets must stay out of his archive."""

import io
import json
import zipfile
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import image_bytes
from openhour.accounts import services as accounts
from openhour.accounts.privacy.models import Export
from openhour.accounts.privacy.services import export_request
from openhour.catalog.services import hourlies
from openhour.contracts.change_orders import rules
from openhour.contracts.change_orders import services as change_orders
from openhour.contracts.disputes.services import dispute_open, dispute_statement_add
from openhour.contracts.hourly.tests.kit import hourly_contract_between, log
from openhour.contracts.services import contracts, delivery
from openhour.jobs.services.projects import invitation_send
from openhour.jobs.services.proposals import proposal_accept
from openhour.jobs.tests.proposal_kit import post, send
from openhour.messaging.conversations.services import message_send
from openhour.messaging.safety.services import block_add, report_create
from openhour.messaging.uploads.services import upload_create
from openhour.money.payouts.methods import payout_method_add
from openhour.money.payouts.services import payout_request
from openhour.money.tests.kit import top_up
from openhour.reviews.integrity.services.testimonials import testimonial_request
from openhour.reviews.services.reviews import reply_post, review_submit
from openhour.reviews.tests.kit import body, finished
from openhour.search.saved.services import saved_search_create
from openhour.webhooks.services.endpoints import endpoint_create

CLIENT_SECRET_EMAIL = "carol@shop.example"  # a testimonial's client: Fred typed it, but it is Carol's
CLARA_PRIVATE_NOTE = "Between us: Fred was late twice."  # Clara's note to the platform about Fred


def pdf(name: str, marker: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, f"%PDF-1.4 {marker}".encode(), content_type="application/pdf")


def jpeg(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(), content_type="image/jpeg")


@pytest.fixture
def fred_everywhere(clara: Any, fred: Any, olga: Any, client_for: Any, bearer: Any, settings: Any) -> dict[str, Any]:
    """Fred (a freelancer who also hires) with data of every kind; returns what a test checks against."""
    secrets = {"token": bearer(fred)["Authorization"].removeprefix("Bearer ")}
    client_for(fred).get("/me/security")  # a signed-in session and its access record
    TOTP.activate(fred, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    _profile(fred)
    _work(clara, fred)
    _reviewed(clara, fred)
    _messages(clara, fred, olga)
    _hourly(clara, fred, client_for)
    _money(fred)
    saved_search_create(owner=fred, kind="projects", query={"q": "django"}, name="Django work")
    settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS = ["127.0.0.0/8"]  # no name to resolve: the test stays offline
    secrets["webhook"] = endpoint_create(owner=fred, url="http://127.0.0.1:9/in", events=["review.published"]).secret
    testimonial_request(freelancer=fred, client_name="Carol Shop", client_email=CLIENT_SECRET_EMAIL, message="Hi!")
    mail.outbox.clear()
    return secrets


def _profile(fred: Any) -> None:
    accounts.profile_photo_set(user=fred, upload=jpeg("fred-face.jpg"))
    accounts.portfolio_item_create(
        user=fred, title="Bakery shop", link="https://bakery.example", image=jpeg("bakery.jpg")
    )


def _work(clara: Any, fred: Any) -> None:
    accounts.role_add(user=fred, role="client")
    post(fred, title="Fred needs a logo", files=[pdf("logo-brief.pdf", "fred-brief")])
    project = post(clara, title="Clara's shop")
    invitation_send(project_id=project.pk, freelancer_username="fred", by=clara)
    proposal = send(project, fred, files=[pdf("plan.pdf", "fred-plan")])
    contract = proposal_accept(proposal_id=proposal.pk, by=clara)
    milestone = contract.milestones.order_by("position").first()
    top_up(clara, 200_000)
    contracts.milestone_fund(milestone_id=milestone.pk, by=clara, method="wallet")
    delivery.milestone_submit(
        milestone_id=milestone.pk, by=fred, message="Designs", files=[pdf("design.pdf", "fred-design")]
    )
    dispute = dispute_open(milestone_id=milestone.pk, by=clara, reason="Not what we agreed.")
    dispute_statement_add(dispute_id=dispute.pk, by=fred, text="It is.", files=[pdf("proof.pdf", "fred-proof")])
    later = contract.milestones.order_by("position").last()
    change_orders.change_order_propose(
        contract_id=contract.pk, by=fred, changes=[rules.Change(action="remove", milestone_id=later.pk)], note="Less"
    )
    hourlie = hourlies.hourlie_publish(
        freelancer=fred,
        title="A Django bug fixed",
        description="I find and fix one bug in your Django app.",
        category="web-software",
        packages=[{"name": "Basic", "price": 5000, "delivery_days": 2, "revisions": 1, "description": "One bug."}],
    )
    hourlies.order_place(hourlie_id=hourlie.pk, client=clara, package="Basic", requirements="Fix the cart.")


def _reviewed(clara: Any, fred: Any) -> None:
    contract = finished(clara, fred)
    clara_review = review_submit(
        contract_id=contract.pk, by=clara, data=body("client", private_note=CLARA_PRIVATE_NOTE)
    )
    review_submit(contract_id=contract.pk, by=fred, data=body("freelancer", went_well="Clara pays on time."))
    reply_post(review_id=clara_review.pk, by=fred, text="Thank you, Clara!")


def _messages(clara: Any, fred: Any, olga: Any) -> None:
    message_send(to=clara, by=fred, text="Here is the plan.", files=[pdf("plan-v2.pdf", "fred-attachment")])
    message_send(to=fred, by=clara, text="Thanks Fred.", files=[pdf("clara-notes.pdf", "clara-attachment")])
    upload_create(by=fred, file=pdf("spare.pdf", "fred-upload"))
    message_send(to=fred, by=olga, text="Want cheap work off-site?")
    report_create(by=fred, username="olga", reason="off_platform", text="Asked me to leave the site.")
    block_add(by=fred, username="olga")


def _hourly(clara: Any, fred: Any, client_for: Any) -> None:
    contract = hourly_contract_between(clara, fred)
    assert (
        log(client_for(fred), contract, timezone.localdate().isoformat(), memo="Fixed the checkout").status_code == 201
    )


def _money(fred: Any) -> None:
    method = payout_method_add(
        owner=fred,
        kind="bank_transfer",
        details={"account_holder": "Fred Freelancer", "iban": "DE89370400440532013000", "bic": "COBADEFFXXX"},
    )
    payout_request(owner=fred, amount=5_000, currency="GBP", method_id=method.pk)
    top_up(fred, 1_000)


@pytest.fixture
def requested(django_capture_on_commit_callbacks: Any) -> Any:
    """Ask for an archive as `person` and let the worker prepare it (the tests' task backend runs it at commit)."""

    def request(person: Any) -> Export:
        with django_capture_on_commit_callbacks(execute=True):
            return export_request(by=person)

    return request


def archive_of(export: Any) -> tuple[dict[str, Any], zipfile.ZipFile, bytes]:
    """An export's data.json, its ZIP, and the raw bytes of every member (to search for what must not be there)."""
    export.refresh_from_db()
    with export.file.open("rb") as handle:
        raw = handle.read()
    archive = zipfile.ZipFile(io.BytesIO(raw))
    everything = b"".join(archive.read(name) for name in archive.namelist())
    return json.loads(archive.read("data.json")), archive, everything
