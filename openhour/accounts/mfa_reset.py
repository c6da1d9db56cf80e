"""Operators reset a person's second factor (a lost phone and no recovery codes) with a written reason: the
admin log records who, whom, why and when, and the person is told."""

from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from openhour.accounts.models import User
from openhour.lib.errors import DomainError, InvalidInput, NotAllowed, NotFound
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error

LOG_PREFIX = "Second factor reset: "


@transaction.atomic
def second_factor_reset(*, person: User, by: User, reason: str) -> int:
    """Remove every authenticator of `person` (they sign in with their password again and may set up a new one).
    Returns how many were removed."""
    if not (by.is_authenticated and by.is_staff):
        raise NotAllowed(_("Only operators may reset someone's two-factor sign-in."))
    if person.pk == by.pk:
        raise NotAllowed(_("Ask another operator to reset your own two-factor sign-in."))
    reason = reason.strip()
    if len(reason) < 10:
        raise InvalidInput(fields={"reason": [_("Write why (at least 10 characters): it is kept in the log.")]})
    removed, _rows = Authenticator.objects.filter(user=person).delete()
    if not removed:
        raise InvalidInput(fields={"person": [_("This person has no two-factor sign-in to reset.")]})
    LogEntry.objects.create(
        user_id=by.pk,
        content_type_id=ContentType.objects.get_for_model(User).pk,
        object_id=str(person.pk),
        object_repr=str(person)[:200],
        action_flag=CHANGE,
        change_message=f"{LOG_PREFIX}{reason}",
    )
    _tell(person=person, reason=reason)
    return int(removed)


def _tell(*, person: User, reason: str) -> None:
    from openhour.messaging.notifications.said import said
    from openhour.messaging.notifications.services import notification_send

    notification_send(
        user=person,
        kind="second_factor_reset",
        url=reverse("mfa_index"),
        source=f"second_factor_reset:{LogEntry.objects.latest('pk').pk}",
        title=said(gettext_noop("An operator turned off two-factor sign-in on your account")),
        body=said(
            gettext_noop(
                "Reason given: %(reason)s. Sign in with your password and set up an authenticator app again. If "
                "you did not ask for this, change your password and contact us."
            ),
            reason=reason,
        ),
    )


def second_factor_resets() -> QuerySet[LogEntry]:
    return LogEntry.objects.filter(change_message__startswith=LOG_PREFIX).select_related("user")[:50]


def person_find(*, who: str) -> User:
    found = User.objects.filter(Q(username__iexact=who.strip()) | Q(email__iexact=who.strip())).first()
    if found is None:
        raise NotFound(_("Nobody has that username or e-mail address."), fields={"person": [_("Nobody found.")]})
    return found


class ResetForm(forms.Form):
    person = forms.CharField(label=gettext_lazy("Username or e-mail address"), max_length=254)
    reason = forms.CharField(
        label=gettext_lazy("Why (kept in the log and sent to the person)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For example: how you checked it is really them, and what they lost."),
    )


@login_required
def second_factor_reset_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """/operations/second-factor: reset someone's second factor, and the log of earlier resets."""
    me = request.user
    if not me.is_staff:
        raise NotFound()
    form = ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = person_find(who=form.cleaned_data["person"])
            second_factor_reset(person=person, by=me, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Two-factor sign-in of %(name)s was reset; they were told.") % {"name": person})
            return redirect("second_factor_reset")
    resets = [(entry, entry.change_message.removeprefix(LOG_PREFIX)) for entry in second_factor_resets()]
    context = {"form": form, "resets": resets}
    return render(request, "accounts/second_factor_reset.html", context, status=400 if form.errors else 200)
