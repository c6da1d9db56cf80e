"""Every model that points at a user is in a section of the archive, or listed as not personal with a reason:
a model added tomorrow cannot be forgotten."""

from django.apps import apps
from django.contrib.auth import get_user_model

from openhour.accounts.privacy.sections import NOT_PERSONAL, covered_models, modules


def models_pointing_at_the_user() -> set[str]:
    user = get_user_model()
    return {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is user
    }


def test_every_model_about_a_person_is_archived_or_explained():
    forgotten = models_pointing_at_the_user() - covered_models() - set(NOT_PERSONAL)

    assert not forgotten, f"Add these to a section of the archive, or to NOT_PERSONAL with why: {sorted(forgotten)}"


def test_the_lists_name_real_models_once():
    named = [label for module in modules() for label in module.MODELS] + list(NOT_PERSONAL)

    assert len(named) == len(set(named))
    for label in named:
        apps.get_model(label)  # a typo or a removed model fails here
    assert all(reason.strip() for reason in NOT_PERSONAL.values())


def test_sections_have_distinct_keys():
    keys = [module.KEY for module in modules()]

    assert len(keys) == len(set(keys)) and not {"format", "generated_at", "missing_files"} & set(keys)
