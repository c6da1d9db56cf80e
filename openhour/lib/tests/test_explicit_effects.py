"""Effects are explicit: the service that causes a notification, a review round or a profile says so in its
body, so no code of ours listens for our own models being saved, deleted or linked. A third-party library's
receivers (and our receivers of its own signals, such as allauth's) are not model signals and stay allowed."""

from collections.abc import Callable, Iterator
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_init,
    post_save,
    pre_delete,
    pre_init,
    pre_save,
)
from django.dispatch import Signal

MODEL_SIGNALS = {
    "pre_init": pre_init,
    "post_init": post_init,
    "pre_save": pre_save,
    "post_save": post_save,
    "pre_delete": pre_delete,
    "post_delete": post_delete,
    "m2m_changed": m2m_changed,
}


def _module(receiver: Callable[..., Any]) -> str:
    return getattr(receiver, "__module__", None) or type(receiver).__module__


def _ours(receiver: Callable[..., Any]) -> bool:
    module = _module(receiver)
    return module.startswith("openhour.")


def _senders() -> Iterator[type[Model]]:
    for model in apps.get_models(include_auto_created=True):  # m2m_changed is sent by the through models
        if model.__module__.startswith("openhour."):
            yield model


def our_model_receivers() -> list[str]:
    """Every receiver from our code that a model signal of one of our models would call, as text."""
    found = set()
    for name, signal in MODEL_SIGNALS.items():
        for model in _senders():
            sync, asynchronous = signal._live_receivers(model)
            for receiver in [*sync, *asynchronous]:
                if _ours(receiver):
                    found.add(f"{name} of {model._meta.label}: {_module(receiver)}.{receiver.__qualname__}")
    return sorted(found)


def test_no_code_of_ours_listens_to_our_models_being_saved_deleted_or_linked():
    assert our_model_receivers() == []


def test_the_check_sees_a_receiver_on_one_of_our_models():
    from openhour.accounts.models import Profile

    def on_profile_saved(sender: type[Model], **kwargs: Any) -> None:
        pass

    signal: Signal = post_save
    signal.connect(on_profile_saved, sender=Profile, weak=False, dispatch_uid="explicit-effects-probe")
    try:
        found = our_model_receivers()
    finally:
        signal.disconnect(sender=Profile, dispatch_uid="explicit-effects-probe")
    assert found == [
        "post_save of accounts.Profile: openhour.lib.tests.test_explicit_effects."
        "test_the_check_sees_a_receiver_on_one_of_our_models.<locals>.on_profile_saved"
    ]
