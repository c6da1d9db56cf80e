"""`allowed_actions` reads every process's TRANSITIONS table: from each status, the actor a step names gets its
action and no other actor does; an outsider (no role) gets nothing; `statuses_allowing` is the same table
read the other way; and `transition()` refuses, before writing anything, every action it leaves out."""

from typing import Any

import pytest
from django.apps import apps

from openhour.lib.errors import Conflict, NotAllowed
from openhour.lib.process import ACTORS, allowed_actions, statuses_allowing, transition

PROCESSES = sorted(
    (model for model in apps.get_models() if hasattr(model, "TRANSITIONS")), key=lambda model: model._meta.label
)
ROLES = [role for role, _label in ACTORS]
CASES = [
    pytest.param(model, str(status), role, id=f"{model._meta.label}-{status}-{role}")
    for model in PROCESSES
    for status in model.Status
    for role in ROLES
]


def at(model: Any, status: str) -> Any:
    """An unsaved `model` in `status`: the table is all `allowed_actions` reads."""
    return model(status=status)


def test_every_process_of_the_house_is_covered():
    names = {model.__name__ for model in PROCESSES}
    assert {"Contract", "Milestone", "TimesheetWeek", "Dispute", "ChangeOrder", "Project", "Proposal"} <= names
    assert {"Payout", "Review"} <= names


STEPS = [
    pytest.param(model, str(status), action, step.actors, id=f"{model._meta.label}-{status}-{action}")
    for model in PROCESSES
    for (status, action), step in model.TRANSITIONS.items()
]


@pytest.mark.parametrize(("model", "status", "action", "actors"), STEPS)
def test_the_actor_a_step_names_gets_its_action_and_no_one_else_does(model, status, action, actors):
    for role in ROLES:
        assert (action in allowed_actions(at(model, status), role)) == (role in actors), role


@pytest.mark.parametrize(("model", "status", "role"), CASES)
def test_no_action_comes_from_outside_the_table(model, status, role):
    assert all((status, action) in model.TRANSITIONS for action in allowed_actions(at(model, status), role))


@pytest.mark.parametrize("model", PROCESSES, ids=lambda model: model._meta.label)
def test_an_outsider_gets_nothing_whatever_the_status(model):
    assert all(allowed_actions(at(model, status), None) == frozenset() for status in model.Status)


@pytest.mark.parametrize("model", PROCESSES, ids=lambda model: model._meta.label)
def test_statuses_allowing_is_the_same_table_read_the_other_way(model):
    for action in {action for _status, action in model.TRANSITIONS}:
        for role in ROLES:
            expected = sorted(str(s) for s in model.Status if action in allowed_actions(at(model, s), role))
            assert statuses_allowing(model, action, role) == expected


@pytest.mark.parametrize(("model", "status", "role"), CASES)
def test_transition_refuses_every_action_left_out_before_writing(model, status, role):
    obj = at(model, status)
    left_out = {action for _status, action in model.TRANSITIONS} - allowed_actions(obj, role)
    for action in sorted(left_out):
        with pytest.raises((Conflict, NotAllowed)):
            transition(obj=obj, action=action, actor=role, note="A written reason.")
        assert obj.status == status and obj._state.adding  # nothing saved
