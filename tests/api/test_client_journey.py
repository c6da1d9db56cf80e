"""A whole marketplace journey, driven only through a Python client generated from the served schema.

Carla (a client) and Fiona (a freelancer) sign up, verify their e-mail and take personal access tokens. Carla posts
a project that anyone can find; Fiona fills in a profile, finds it in her feed and proposes two milestones. Carla
reads and accepts, funds one milestone by card and the other from a wallet deposit (sent twice with one
Idempotency-Key, charged once). Fiona delivers an upload, revises on request and is paid; they message each other,
the contract ends, both review (published once both are in), and Fiona withdraws. Receipts, statements, an invoice
PDF and the badge SVG come through the same client, and the ledger balances at the end.

The client is generated from /api/v1/openapi.json on every run and generation must print no warning; every call
raises on a status the schema does not document, and every answer must parse into the model its operation
declares and match its schema key for key. So a schema that lies about a path, a status or a shape fails here.
"""

import importlib
import json
import pkgutil
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from django.core import mail
from django.core.wsgi import get_wsgi_application

from tests.api.answers import mismatches

CONFIG = Path(__file__).with_name("client_config.yaml")
BASE_URL = "http://testserver"
PASSWORD = "a-long-and-unguessable-passphrase"
M: Any = None  # the generated package's models, bound when the package is generated


@pytest.fixture(scope="module")
def generated(schema: dict, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The client package, generated from the served schema for this run, under a package name of its own."""
    global M
    name = f"openhour_client_{uuid.uuid4().hex[:12]}"
    where = tmp_path_factory.mktemp("generated")
    (where / "openapi.json").write_text(json.dumps(schema))
    (where / "config.yaml").write_text(f"{CONFIG.read_text()}package_name_override: {name}\n")
    generate(where, name)
    import_unset(where / name)
    sys.path.insert(0, str(where))
    package = importlib.import_module(name)
    for part in ("api", "models", "types"):
        importlib.import_module(f"{name}.{part}")
    M = package.models
    yield package
    sys.path.remove(str(where))


def generate(where: Path, name: str) -> None:
    """Runs the generator on where/openapi.json; a warning fails, since a schema the generator cannot read lies."""
    command = [sys.executable, "-m", "openapi_python_client", "generate", "--meta", "none", "--fail-on-warning"]
    command += ["--path", str(where / "openapi.json"), "--config", str(where / "config.yaml")]
    command += ["--output-path", str(where / name)]
    run = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 -- our own interpreter
    printed = run.stdout + run.stderr
    assert run.returncode == 0 and "warning" not in printed.lower(), printed


def import_unset(package: Path) -> None:
    """openapi-python-client 0.29 types a body offered in two shapes (JSON, and the deprecated multipart form) as
    `... | Unset` without importing `Unset` (openapi-generators/openapi-python-client#1451): import it there."""
    for module in package.glob("api/*/*.py"):
        code = module.read_text()
        if "| Unset" in code and "import UNSET, Unset" not in code:
            module.write_text(code.replace("import Response, UNSET\n", "import Response, UNSET, Unset\n", 1))


class Api:
    """The generated package, its operations named the way docs/api.md names them: "POST /auth/signup"."""

    def __init__(self, package: ModuleType, schema: dict) -> None:
        self.package = package
        self.components = schema["components"]["schemas"]
        self.transport = httpx.WSGITransport(app=get_wsgi_application())
        self.operations = {
            f"{method.upper()} {path.removeprefix('/api/v1')}": operation
            for path, operations in schema["paths"].items()
            for method, operation in operations.items()
        }
        found = pkgutil.walk_packages(package.api.__path__, f"{package.__name__}.api.")
        self.modules = {module.name.rsplit(".", 1)[1]: module.name for module in found if not module.ispkg}

    def operation(self, route: str) -> ModuleType:
        return importlib.import_module(self.modules[self.operations[route]["operationId"]])

    def declared(self, route: str, status: int) -> dict:
        return self.operations[route]["responses"][str(status)]["content"]["application/json"]["schema"]

    def party(self, token: str = "") -> "Party":
        """Someone talking to the app in-process: anonymous, or with a personal access token."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        http = httpx.Client(transport=self.transport, base_url=BASE_URL, headers=headers)
        if token:
            client = self.package.AuthenticatedClient(base_url=BASE_URL, token=token, raise_on_unexpected_status=True)
        else:
            client = self.package.Client(base_url=BASE_URL, raise_on_unexpected_status=True)
        return Party(api=self, client=client.set_httpx_client(http))


@dataclass
class Party:
    api: Api
    client: Any
    username: str = ""

    def __call__(self, route: str, answer: type, *path: str, status: int = 200, **arguments: Any) -> Any:
        """The typed answer to `route`: it must come with `status`, parse into `answer` and match its schema."""
        response = self.api.operation(route).sync_detailed(*path, client=self.client, **arguments)
        assert response.status_code == status, (route, response.status_code, response.content)
        assert isinstance(response.parsed, answer), (route, type(response.parsed), response.content)
        if response.headers["Content-Type"].startswith("application/json"):
            body = json.loads(response.content)
            problems = mismatches(body, self.api.declared(route, status), self.api.components)
            assert problems == [], (route, problems)
        return response.parsed


@pytest.fixture
def api(generated: ModuleType, schema: dict) -> Api:
    return Api(generated, schema)


def gbp(amount: int) -> Any:
    return M.Money(amount=amount, currency="GBP")


# --- people ---------------------------------------------------------------------------------------------------


def key_from_mail(address: str) -> str:
    """The verification key, read out of the link in the e-mail the way a person would follow it."""
    letter = next(letter for letter in reversed(mail.outbox) if address in letter.to)
    link = re.findall(r"https?://\S+", letter.body)[0]
    return link.rstrip("/").rsplit("/", 1)[-1]


def sign_up(api: Api, *, name: str, role: str) -> Party:
    email = f"{name.split()[0].lower()}@example.com"
    anonymous = api.party()
    body = M.SignupIn(email=email, password=PASSWORD, name=name, role=role)
    me = anonymous("POST /auth/signup", M.MeOut, status=201, body=body)
    assert (me.email_verified, me.roles) == (False, [role])
    verified = anonymous("POST /auth/verify-email", M.MeOut, body=M.VerifyIn(key=key_from_mail(email)))
    assert verified.email_verified
    token = anonymous("POST /auth/tokens", M.TokenCreatedOut, status=201, body=M.TokenIn(email, PASSWORD, "journey"))
    person = api.party(token.token)
    person.username = person("GET /me", M.MeOut).username
    return person


def balance(person: Party) -> dict[str, int]:
    """The wallet's GBP figures a person sees: available, in escrow and pending payout."""
    found = [held for held in person("GET /wallet", M.WalletOut).balances if held.currency == "GBP"]
    return {key: getattr(found[0], key).amount if found else 0 for key in ("available", "in_escrow", "pending_payout")}


# --- hiring ---------------------------------------------------------------------------------------------------


def post_project(client: Party) -> tuple[Any, str]:
    category = client("GET /categories", M.PageCategoryOut).items[0]
    skill = category.skills[0].slug
    body = M.ProjectIn(
        title="A booking site for a yoga studio",
        description="Classes, teachers and a weekly timetable, with online booking and card payments.",
        category=category.slug,
        skills=[skill],
        budget_min=gbp(40_000),
        budget_max=gbp(60_000),
    )
    project = client("POST /projects", M.ProjectDetailOut, status=201, body=body)
    assert (project.status, project.budget_max.amount) == ("open", 60_000)
    found = client.api.party()("GET /projects", M.PageProjectOut, q="yoga booking").items  # public: no token
    assert [(p.id, p.client.username) for p in found] == [(project.id, client.username)]
    return project, skill


def fill_in_profile(freelancer: Party, skill: str) -> None:
    body = M.ProfileIn(
        headline="Web developer",
        bio="Small studios.",
        skills=[skill],
        country="GB",
        languages=["en"],
    )
    profile = freelancer("PATCH /me/profile", M.OwnProfileOut, body=body)
    assert (profile.headline, [s.slug for s in profile.skills]) == ("Web developer", [skill])


def propose(freelancer: Party, project_id: str) -> Any:
    feed = freelancer("GET /feed", M.PageFeedItemOut).items
    assert [item.id for item in feed] == [project_id] and feed[0].reasons
    milestones = [
        M.MilestoneIn(title="Design and timetable", amount=gbp(20_000), due_in_days=7),
        M.MilestoneIn(title="Booking and payments", amount=gbp(30_000), due_in_days=14),
    ]
    body = M.ProposalIn("I have built three studio sites.", price=gbp(50_000), delivery_days=14, milestones=milestones)
    proposal = freelancer("POST /projects/{project_id}/proposals", M.ProposalOut, project_id, status=201, body=body)
    assert (proposal.status, proposal.price.amount) == ("submitted", 50_000)
    assert proposal.fee_preview.receive.amount == 50_000 - proposal.fee_preview.fee.amount > 0
    return proposal


def hire(client: Party, project_id: str) -> Any:
    listed = client("GET /projects/{project_id}/proposals", M.PageProposalOut, project_id).items
    proposal = client("GET /proposals/{proposal_id}", M.ProposalOut, listed[0].id)
    assert proposal.viewed_at is not None
    contract = client("POST /proposals/{proposal_id}/accept", M.HireOut, proposal.id, status=201).contract
    assert (contract.status, contract.proposal) == ("active", proposal.id)
    assert [(m.amount.amount, m.status) for m in contract.milestones] == [
        (20_000, "awaiting_funding"),
        (30_000, "awaiting_funding"),
    ]
    return contract


# --- money in -------------------------------------------------------------------------------------------------


def fund(client: Party, milestone_id: str, payment: Any) -> Any:
    body = M.FundIn(payment=payment)
    funded = client("POST /milestones/{milestone_id}/fund", M.FundedMilestoneOut, milestone_id, body=body)
    assert funded.status == "funded" and funded.client_fee.amount > 0
    return funded


def fund_by_card(client: Party, milestone_id: str) -> Any:
    funded = fund(client, milestone_id, M.PaymentIn(method="card", card_token="tok_visa"))
    charged = funded.amount.amount + funded.client_fee.amount
    assert (funded.payment.status, funded.payment.amount.amount) == ("succeeded", charged)
    return funded


def deposit_what_funding_costs(client: Party, freelancer: Party, amount: int) -> None:
    """The breakdown before committing: the fee preview says what funding costs, and that much goes in, once
    however often the request is sent again with its Idempotency-Key."""
    quote = client(
        "GET /fees/preview", M.FeeQuoteOut, amount=amount, client_query=client.username, freelancer=freelancer.username
    )
    body = M.DepositIn(amount=gbp(quote.client_pays.amount), card_token="tok_visa")

    def deposit() -> Any:
        return client("POST /wallet/deposits", M.PaymentOut, status=201, body=body, idempotency_key="deposit-1")

    sent, again = deposit(), deposit()  # sent again, as after an answer lost on the way
    assert (sent.status, sent.purpose, sent.amount.amount) == ("succeeded", "deposit", quote.client_pays.amount)
    assert again.id == sent.id
    assert balance(client)["available"] == quote.client_pays.amount


# --- the work -------------------------------------------------------------------------------------------------


def upload(freelancer: Party) -> str:
    file = freelancer.api.package.types.File(payload=b"%PDF-1.4 the design", file_name="design.pdf")
    body = M.OpenhourMessagingUploadsApiUploadCreateFileParams(file=file)
    uploaded = freelancer("POST /uploads", M.UploadOut, status=201, body=body)
    assert uploaded.name == "design.pdf"
    return uploaded.id


def deliver(freelancer: Party, milestone_id: str, message: str, attachments: list[str]) -> Any:
    body = M.DeliveryIn(message=message, attachments=attachments)
    delivered = freelancer("POST /milestones/{milestone_id}/submit", M.MilestoneOut, milestone_id, body=body)
    assert (delivered.status, delivered.deliveries[-1].message) == ("submitted", message)
    return delivered


def ask_for_changes(client: Party, milestone_id: str) -> None:
    body = M.MessageIn("Bigger type, please.")
    asked = client("POST /milestones/{milestone_id}/request-changes", M.MilestoneOut, milestone_id, body=body)
    assert (asked.status, asked.revisions.used) == ("changes_requested", 1)


def release(client: Party, milestone_id: str, note: str | None) -> Any:
    """The body is optional: `None` leaves it out (the generator's own default, UNSET, cannot be sent as JSON:
    openapi-generators/openapi-python-client#1354)."""
    body = None if note is None else M.ContractNoteIn(note=note)
    released = client("POST /milestones/{milestone_id}/release", M.MilestoneOut, milestone_id, body=body)
    assert (released.status, released.released.amount) == ("released", released.amount.amount)
    assert released.freelancer_fee.amount > 0
    return released


def talk(client: Party, freelancer: Party) -> None:
    body = M.ConversationIn(to=freelancer.username, text="The timetable looks lovely, thank you.")
    started = client("POST /conversations", M.ConversationStartedOut, status=201, body=body)
    theirs = freelancer("GET /conversations", M.PageConversationOut).items
    assert [(c.id, c.with_.username, c.unread) for c in theirs] == [(started.id, client.username, 1)]
    reply = M.NewMessageIn(text="Glad you like it: booking comes next.")
    freelancer("POST /conversations/{conversation_id}/messages", M.MessageOut, started.id, status=201, body=reply)
    read = client("GET /conversations/{conversation_id}/messages", M.PageMessageOut, started.id).items
    assert sorted(message.text for message in read) == sorted([body.text, reply.text])


# --- afterwards -----------------------------------------------------------------------------------------------


def end(client: Party, contract_id: str) -> None:
    before = client("GET /contracts/{contract_id}", M.ContractOut, contract_id)
    assert (before.status, before.reviewable) == ("active", False)
    body = M.ContractNoteIn(note="All done.")
    ended = client("POST /contracts/{contract_id}/end", M.ContractOut, contract_id, body=body)
    assert (ended.status, ended.outcome, ended.reviewable) == ("ended", "completed", True)


def review(author: Party, contract_id: str, criteria: list[str]) -> Any:
    stars = M.ReviewInRatings.from_dict(dict.fromkeys(criteria, 5))
    body = M.ReviewIn(overall=5, ratings=stars, would_work_again=True, went_well="Clear, quick and kind.")
    return author("POST /contracts/{contract_id}/reviews", M.OwnReviewOut, contract_id, status=201, body=body)


def review_each_other(client: Party, freelancer: Party, contract_id: str) -> None:
    first = review(client, contract_id, ["quality", "communication", "expertise", "timeliness", "value"])
    assert first.status == "sealed"
    waiting = freelancer("GET /contracts/{contract_id}/reviews", M.ContractReviewsOut, contract_id)
    assert isinstance(waiting.theirs, M.SealedReviewOut) and waiting.may_review
    review(freelancer, contract_id, ["clarity", "communication", "payment_promptness", "scope_stability"])
    both = freelancer("GET /contracts/{contract_id}/reviews", M.ContractReviewsOut, contract_id)
    assert isinstance(both.theirs, M.TheirReviewOut) and both.theirs.overall == 5
    for person, author in ((freelancer, ("Carla C.", "client")), (client, ("Fiona F.", "freelancer"))):
        shown = person.api.party()("GET /users/{username}/reviews", M.PagePublicReviewOut, person.username).items
        assert [(r.reviewer, r.author_role, r.overall) for r in shown] == [(*author, 5)]


def withdraw(freelancer: Party, amount: int) -> None:
    details = {"account_holder": "Fiona Freelance", "sort_code": "200000", "account_number": "55779911"}
    body = M.MethodIn("bank_transfer", M.MethodInDetails.from_dict(details))
    method = freelancer("POST /payout-methods", M.PayoutMethodOut, status=201, body=body)
    body = M.PayoutIn(amount=M.Withdrawal(amount=amount, currency="GBP"), method=method.id)
    payout = freelancer("POST /payouts", M.PayoutOut, status=201, body=body)
    assert (payout.status, payout.method.id) == ("held", method.id)
    listed = freelancer("GET /payouts", M.PagePayoutOut).items
    assert [(p.id, p.amount.amount) for p in listed] == [(payout.id, amount)]
    assert balance(freelancer) == {"available": 0, "in_escrow": 0, "pending_payout": amount}


def documents(client: Party, freelancer: Party, paid: list[Any]) -> None:
    """Receipts for what the client paid, statements for what the freelancer got; a PDF of one; the badge."""
    receipts = client("GET /invoices", M.PageInvoiceOut).items
    assert sorted(r.total.amount for r in receipts) == sorted(m.amount.amount + m.client_fee.amount for m in paid)
    statements = freelancer("GET /invoices", M.PageInvoiceOut).items
    assert sorted(s.total.amount for s in statements) == sorted(m.amount.amount - m.freelancer_fee.amount for m in paid)
    pdf = client("GET /invoices/{invoice_id}.pdf", client.api.package.types.File, receipts[0].id)
    assert pdf.payload.read().startswith(b"%PDF")
    badge = client.api.party()("GET /users/{username}/badge.svg", str, freelancer.username)
    assert badge.lstrip().startswith("<svg")


# --- the journey ----------------------------------------------------------------------------------------------


# Each request commits, as in production, so what runs after commit (e-mail, publishing) happens; the seeded
# categories come back even when a transactional test before this one emptied the tables.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_client_and_a_freelancer_go_the_whole_way_through_the_generated_client(api, ledger_ok):
    client = sign_up(api, name="Carla Client", role="client")
    freelancer = sign_up(api, name="Fiona Freelance", role="freelancer")
    project, skill = post_project(client)
    fill_in_profile(freelancer, skill)
    propose(freelancer, project.id)
    contract = hire(client, project.id)
    first, second = (milestone.id for milestone in contract.milestones)

    fund_by_card(client, first)
    deposit_what_funding_costs(client, freelancer, 30_000)
    fund(client, second, M.PaymentIn(method="wallet"))
    assert balance(client) == {"available": 0, "in_escrow": 50_000, "pending_payout": 0}

    delivered = deliver(freelancer, first, "The design and the timetable.", [upload(freelancer)])
    assert [file.name for file in delivered.deliveries[-1].files] == ["design.pdf"]
    ask_for_changes(client, first)
    deliver(freelancer, first, "Bigger type throughout.", [])
    paid = [release(client, first, "Lovely work.")]
    assert balance(freelancer)["available"] == 20_000 - paid[0].freelancer_fee.amount  # the fee is taken
    assert balance(client) == {"available": 0, "in_escrow": 30_000, "pending_payout": 0}

    talk(client, freelancer)
    deliver(freelancer, second, "Booking and card payments are live.", [])
    paid.append(release(client, second, None))
    earned = 50_000 - sum(milestone.freelancer_fee.amount for milestone in paid)
    assert balance(freelancer)["available"] == earned
    assert balance(client)["in_escrow"] == 0

    end(client, contract.id)
    review_each_other(client, freelancer, contract.id)
    withdraw(freelancer, earned)
    documents(client, freelancer, paid)
    ledger_ok()
