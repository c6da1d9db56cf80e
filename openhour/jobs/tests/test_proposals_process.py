"""Proposals as a process: who may send one, and every transition allowed or refused.

Fred and Olga (verified freelancers) propose on Clara's project. Una has not verified her address,
so she may not propose. Clara shortlists, declines and hires; the freelancers edit (until Clara has
read the proposal) and withdraw. A wrong person gets 403 when they can see the proposal but may not
take that step, 404 when they may not see it at all; a wrong state gets 409 `proposal_<status>`.
"""

import pytest

from conftest import make_user
from openhour.contracts.models import Contract, ContractEvent
from openhour.jobs.models import Invitation, Project, Proposal, ProposalEvent
from openhour.jobs.services import proposals
from openhour.jobs.services.projects import project_close
from openhour.jobs.tests.proposal_kit import post, send, terms
from openhour.lib.errors import Conflict, EmailUnverified, InvalidInput, NotAllowed, NotFound

pytestmark = pytest.mark.django_db
NEGATIVE = {"title": "Refund", "amount": -1, "due_in_days": 7}  # with the other row it still adds up


def status(proposal: Proposal) -> str:
    return Proposal.objects.get(pk=proposal.pk).status


def test_a_verified_freelancer_sends_a_proposal_with_its_milestones(clara, fred):
    project = post(clara)

    proposal = send(project, fred)

    assert (proposal.status, proposal.price, proposal.currency) == ("submitted", 60_000, "GBP")
    assert [(m.title, m.amount, m.position) for m in proposal.milestones.all()] == [
        ("Design", 30_000, 0),
        ("Build", 30_000, 1),
    ]
    event = ProposalEvent.objects.get(proposal=proposal)
    assert (event.action, event.actor, event.by, event.to_status) == ("send", "freelancer", fred, "submitted")


def test_an_unverified_freelancer_may_not_propose(clara, una):
    with pytest.raises(EmailUnverified):
        send(post(clara), una)


def test_a_client_without_the_freelancer_role_may_not_propose(clara):
    other = make_user("cora", name="Cora Client", client=True)
    with pytest.raises(NotAllowed):
        send(post(clara), other)


def test_nobody_proposes_on_their_own_project(fred):
    fred.is_client = True
    fred.save()
    with pytest.raises(NotAllowed):
        send(post(fred), fred)


def test_an_invite_only_project_is_missing_for_the_uninvited(clara, fred, olga):
    project = post(clara, visibility="invite_only")
    with pytest.raises(NotFound):
        send(project, olga)
    Invitation.objects.create(project=project, freelancer=fred, invited_by=clara)
    assert send(project, fred).status == "submitted"


def test_a_missing_project_is_404(fred):
    for bad in (999_999, "abc", 2**70):
        with pytest.raises(NotFound):
            proposals.proposal_send(project_id=bad, freelancer=fred, **terms())


def test_closed_projects_take_no_proposals(clara, fred):
    project = post(clara)
    project_close(project_id=project.pk, by=clara)
    with pytest.raises(Conflict) as refused:
        send(project, fred)
    assert refused.value.code == "project_closed"


def test_a_capped_project_refuses_proposals_past_its_cap(clara, fred, olga):
    project = post(clara, max_proposals=1)
    send(project, fred)
    with pytest.raises(Conflict) as refused:
        send(project, olga)
    assert refused.value.code == "project_full"


def test_a_withdrawn_proposal_frees_its_place_under_the_cap(clara, fred, olga):
    project = post(clara, max_proposals=1)
    proposals.proposal_withdraw(proposal_id=send(project, fred).pk, by=fred)
    assert send(project, olga).status == "submitted"


def test_one_live_proposal_per_freelancer_and_project(clara, fred):
    project = post(clara)
    first = send(project, fred)
    with pytest.raises(Conflict) as refused:
        send(project, fred)
    assert refused.value.code == "already_proposed"
    proposals.proposal_withdraw(proposal_id=first.pk, by=fred)
    assert send(project, fred).status == "submitted"  # after withdrawing, a fresh one is fine


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"milestones": []}, "milestones"),
        ({"milestones": [{"title": "All", "amount": 50_000, "due_in_days": 7}]}, "milestones"),
        ({"milestones": [NEGATIVE, {"title": "A", "amount": 60_001, "due_in_days": 7}]}, "milestones"),
        ({"milestones": [{"title": "", "amount": 60_000, "due_in_days": 7}]}, "milestones"),
        ({"price": 0}, "price"),
        ({"price": 1_000_000_01}, "price"),
        ({"delivery_days": 0}, "delivery_days"),
        ({"delivery_days": 366}, "delivery_days"),
        ({"cover_letter": "   "}, "cover_letter"),
    ],
)
def test_bad_terms_are_400_on_their_field(clara, fred, changes, field):
    project = post(clara)
    with pytest.raises(InvalidInput) as refused:
        proposals.proposal_send(project_id=project.pk, freelancer=fred, **(terms() | changes))
    assert field in refused.value.fields
    assert not Proposal.objects.exists()


def test_the_freelancer_edits_until_the_client_has_read_it(clara, fred):
    proposal = send(post(clara), fred)

    proposals.proposal_edit(
        proposal_id=proposal.pk,
        by=fred,
        price=70_000,
        milestones=[{"title": "Everything", "amount": 70_000, "due_in_days": 10}],
    )
    assert [(m.title, m.amount) for m in proposal.milestones.all()] == [("Everything", 70_000)]
    with pytest.raises(InvalidInput) as refused:  # the old milestones no longer add up
        proposals.proposal_edit(proposal_id=proposal.pk, by=fred, price=80_000)
    assert "milestones" in refused.value.fields

    proposals.proposal_mark_viewed(proposal=Proposal.objects.get(pk=proposal.pk), by=clara)
    with pytest.raises(Conflict) as refused_after:
        proposals.proposal_edit(proposal_id=proposal.pk, by=fred, cover_letter="Changed my mind.")
    assert refused_after.value.code == "proposal_viewed"


def test_only_the_freelancer_edits(clara, fred, olga):
    proposal = send(post(clara), fred)
    with pytest.raises(NotAllowed):
        proposals.proposal_edit(proposal_id=proposal.pk, by=clara, cover_letter="Clara writes this.")
    with pytest.raises(NotFound):
        proposals.proposal_edit(proposal_id=proposal.pk, by=olga, cover_letter="Olga writes this.")


def test_the_freelancer_opening_it_does_not_mark_it_read(clara, fred, operator):
    proposal = send(post(clara), fred)
    proposals.proposal_mark_viewed(proposal=proposal, by=fred)
    proposals.proposal_mark_viewed(proposal=proposal, by=operator)
    assert Proposal.objects.get(pk=proposal.pk).viewed_at is None


def test_shortlist_then_decline_with_a_reason(clara, fred):
    proposal = send(post(clara), fred)
    proposals.proposal_shortlist(proposal_id=proposal.pk, by=clara)
    assert status(proposal) == "shortlisted"
    with pytest.raises(Conflict) as twice:
        proposals.proposal_shortlist(proposal_id=proposal.pk, by=clara)
    assert twice.value.code == "proposal_shortlisted"

    proposals.proposal_decline(proposal_id=proposal.pk, by=clara, reason="Over our budget.")

    declined = Proposal.objects.get(pk=proposal.pk)
    assert (declined.status, declined.decline_reason) == ("declined", "Over our budget.")
    assert declined.events.last().note == "Over our budget."
    with pytest.raises(Conflict) as again:
        proposals.proposal_withdraw(proposal_id=proposal.pk, by=fred)
    assert again.value.code == "proposal_declined"


def test_the_wrong_side_gets_403_and_outsiders_404(clara, fred, olga):
    proposal = send(post(clara), fred)
    with pytest.raises(NotAllowed):
        proposals.proposal_shortlist(proposal_id=proposal.pk, by=fred)
    with pytest.raises(NotAllowed):
        proposals.proposal_decline(proposal_id=proposal.pk, by=fred)
    with pytest.raises(NotAllowed):
        proposals.proposal_withdraw(proposal_id=proposal.pk, by=clara)
    with pytest.raises(NotAllowed):
        proposals.proposal_accept(proposal_id=proposal.pk, by=fred)
    for act in (proposals.proposal_shortlist, proposals.proposal_withdraw, proposals.proposal_accept):
        with pytest.raises(NotFound):
            act(proposal_id=proposal.pk, by=olga)
    assert status(proposal) == "submitted"


def test_operators_withdraw_or_decline_only_with_a_reason(clara, fred, operator):
    proposal = send(post(clara), fred)
    with pytest.raises(NotAllowed):
        proposals.proposal_shortlist(proposal_id=proposal.pk, by=operator)
    with pytest.raises(InvalidInput):
        proposals.proposal_withdraw(proposal_id=proposal.pk, by=operator)
    proposals.proposal_withdraw(proposal_id=proposal.pk, by=operator, note="Spam.")
    assert status(proposal) == "withdrawn"


def test_accepting_hires_creates_one_contract_and_closes_the_others(clara, fred, olga):
    project = post(clara)
    chosen = send(project, fred)
    other = send(project, olga, price=50_000)

    contract = proposals.proposal_accept(proposal_id=chosen.pk, by=clara)

    assert Contract.objects.count() == 1
    assert (contract.client, contract.freelancer, contract.project, contract.proposal) == (clara, fred, project, chosen)
    assert (contract.title, contract.currency, contract.fee_schedule_version) == ("Django shop", "GBP", "2026-11")
    assert [(m.title, m.amount, m.status) for m in contract.milestones.all()] == [
        ("Design", 30_000, "awaiting_funding"),
        ("Build", 30_000, "awaiting_funding"),
    ]
    assert ContractEvent.objects.get(contract=contract).action == "start"
    assert (status(chosen), status(other)) == ("accepted", "closed")
    assert Project.objects.get(pk=project.pk).status == "hired"
    closing = Proposal.objects.get(pk=other.pk).events.last()
    assert (closing.actor, closing.action) == ("system", "close")
    assert Proposal.objects.get(pk=other.pk).refunded_at is None  # a hire is not a refund
    assert all(timer.cancelled_at for timer in project.timers.all())  # a hired project no longer expires


def test_accepting_twice_or_another_after_a_hire_is_409(clara, fred, olga):
    project = post(clara)
    chosen, other = send(project, fred), send(project, olga)
    proposals.proposal_accept(proposal_id=chosen.pk, by=clara)

    with pytest.raises(Conflict) as twice:
        proposals.proposal_accept(proposal_id=chosen.pk, by=clara)
    assert twice.value.code == "proposal_accepted"
    with pytest.raises(Conflict) as other_refused:
        proposals.proposal_accept(proposal_id=other.pk, by=clara)
    assert other_refused.value.code == "proposal_closed"
    assert Contract.objects.count() == 1


def test_a_withdrawn_or_declined_proposal_cannot_be_accepted(clara, fred, olga):
    project = post(clara)
    withdrawn, declined = send(project, fred), send(project, olga)
    proposals.proposal_withdraw(proposal_id=withdrawn.pk, by=fred)
    proposals.proposal_decline(proposal_id=declined.pk, by=clara)
    for proposal, code in ((withdrawn, "proposal_withdrawn"), (declined, "proposal_declined")):
        with pytest.raises(Conflict) as refused:
            proposals.proposal_accept(proposal_id=proposal.pk, by=clara)
        assert refused.value.code == code
    assert not Contract.objects.exists()


def test_a_client_cannot_accept_a_proposal_on_someone_elses_project(clara, fred):
    other_client = make_user("cora", name="Cora Client", client=True)
    proposal = send(post(clara), fred)
    with pytest.raises(NotFound):
        proposals.proposal_accept(proposal_id=proposal.pk, by=other_client)
    assert not Contract.objects.exists()
