"""Pages for sanctions: operators impose one (citing moderation cases) and decide appeals; the sanctioned
person reads the notice and appeals once, signed in or, when suspended, through the signed link e-mailed to
them. Anyone else gets a 404, so these pages never tell whether someone was sanctioned."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from openhour.accounts.models import User
from openhour.lib.errors import DomainError, NotFound
from openhour.lib.ids import pk_or_none
from openhour.lib.web import add_domain_error
from openhour.reviews.integrity.models import Sanction
from openhour.reviews.integrity.services import sanctions


class CaseIds(forms.MultipleChoiceField):
    def valid_value(self, value: Any) -> bool:
        return True  # the service checks cited cases itself, so ids typed in by hand get its clear error


class ImposeForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Sanction"), choices=Sanction.Kind.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=gettext_lazy("Reason (the person reads it)"),
        max_length=sanctions.MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence = CaseIds(
        label=gettext_lazy("Evidence: moderation cases"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, cases: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        evidence = self.fields["evidence"]
        assert isinstance(evidence, CaseIds)
        evidence.choices = [(str(c.pk), _case_label(c)) for c in cases]


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        widget=forms.RadioSelect,
        choices=[("confirm", gettext_lazy("Confirm the sanction")), ("lift", gettext_lazy("Lift the sanction"))],
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the person)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Why the sanction is wrong"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=sanctions.MAX_REASON,
    )


def _case_label(case: Any) -> str:
    """How a case reads in the evidence list: Case #3: Clara Client about Fred Freelancer (decision: Remove, rule:
    Spam; status: Closed). Whole sentences per case, so each language orders its own words."""
    names = {
        "case": case.pk,
        "author": case.review.author.name,
        "subject": case.review.subject.name,
        "status": case.get_status_display(),
        "outcome": case.get_outcome_display(),
        "rule": case.get_rule_display(),
    }
    if case.outcome and case.rule:
        label = _(
            "Case #%(case)s: %(author)s about %(subject)s (decision: %(outcome)s, rule: %(rule)s; status: %(status)s)"
        )
    elif case.outcome:
        label = _("Case #%(case)s: %(author)s about %(subject)s (decision: %(outcome)s; status: %(status)s)")
    else:
        label = _("Case #%(case)s: %(author)s about %(subject)s (status: %(status)s)")
    return label % names


def _operator(request: HttpRequest) -> User:
    """Operators only; everyone else, signed in or not, finds nothing here."""
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        raise NotFound()
    return user


@require_http_methods(["GET", "POST"])
def sanction_new(request: HttpRequest) -> HttpResponse:
    operator = _operator(request)
    username = (request.GET.get("user") or "").strip()
    person = User.objects.filter(username=username).first() if username else None
    if person is None:
        raise NotFound(_("There is nobody by that name."))
    cases = list(sanctions.cases_about(person))
    form = ImposeForm(request.POST or None, cases=cases)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sanction = sanctions.sanction_impose(
                user=person, kind=data["kind"], reason=data["reason"], evidence_case_ids=data["evidence"], by=operator
            )
        except DomainError as error:
            if error.status in (403, 404):
                raise
            add_domain_error(form, error)
        else:
            messages.success(request, _("The sanction is imposed and %(name)s was told.") % {"name": person.name})
            return redirect("sanction_operator", sanction.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "person": person,
        "form": form,
        "cases": cases,
        "prior": person.sanctions.all()[:10],
        "warning_days": sanctions.warning_days(),
        "suspension_days": sanctions.suspension_days(),
    }
    return render(request, "integrity/sanction_new.html", context, status=status)


def sanction_appeals(request: HttpRequest) -> HttpResponse:
    _operator(request)
    return render(request, "integrity/sanction_appeals.html", {"waiting": sanctions.appeals_waiting()[:100]})


@require_http_methods(["GET", "POST"])
def sanction_operator(request: HttpRequest, sanction_id: int) -> HttpResponse:
    """One sanction for operators, with the appeal decision form once it is appealed."""
    operator = _operator(request)
    sanction = Sanction.objects.select_related("user", "created_by").filter(pk=pk_or_none(sanction_id) or 0).first()
    if sanction is None:
        raise NotFound(sanctions.NO_SANCTION)
    form = DecideForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                sanctions.sanction_decide_appeal(sanction_id=sanction.pk, by=operator, **form.cleaned_data)
            except DomainError as error:
                if error.status == 404:
                    raise
                status = error.status
                add_domain_error(form, error)
            else:
                messages.success(request, _("The appeal is decided and the person was told."))
                return redirect("sanction_operator", sanction.pk)
    may_decide = (
        sanction.appealed_at is not None and not sanction.appeal_decision and sanction.created_by_id != operator.pk
    )
    context = {"sanction": sanction, "form": form, "may_decide": may_decide, **_facts(sanction)}
    return render(request, "integrity/sanction_operator.html", context, status=status)


@require_http_methods(["GET", "POST"])
def sanction_mine(request: HttpRequest, sanction_id: int) -> HttpResponse:
    """The notice for the sanctioned person, with the appeal form while an appeal is possible."""
    token = (request.POST.get("token") or request.GET.get("token") or "")[:1000]
    sanction = sanctions.sanction_for(sanction_id=sanction_id, viewer=request.user, token=token)
    form = AppealForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                sanctions.sanction_appeal(
                    sanction_id=sanction.pk, viewer=request.user, token=token, text=form.cleaned_data["text"]
                )
            except DomainError as error:
                if error.status == 404:
                    raise
                status = error.status
                add_domain_error(form, error)
            else:
                messages.success(request, _("Your appeal is sent. A different operator will decide it."))
                return redirect(sanctions.appeal_path(sanction) if token else request.path)
        sanction.refresh_from_db()
    context = {
        "sanction": sanction,
        "form": form,
        "token": token,
        "may_appeal": _may_appeal(sanction),
        **_facts(sanction),
    }
    return render(request, "integrity/sanction_mine.html", context, status=status)


def _may_appeal(sanction: Sanction) -> bool:
    from django.utils import timezone

    return sanction.appealed_at is None and sanction.lifted_at is None and timezone.now() <= sanction.appeal_until


def _facts(sanction: Sanction) -> dict[str, Any]:
    suspended = sanction.kind == Sanction.Kind.SUSPENSION
    return {"held_funds": sanctions.held_funds(sanction.user) if suspended else [], "suspended": suspended}
