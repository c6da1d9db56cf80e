"""Off-platform testimonials: a freelancer asks a past client who is not on openhour for a few words, by
e-mail. The client writes them through a signed link (valid TESTIMONIAL_LINK_DAYS); only then does the
testimonial show on the profile, labelled "Off-platform, e-mail confirmed", and never in the score. Its text
passes the review checks (near-duplicate text, incentive or threat wording); one that fails is held for an
operator instead of shown. A freelancer may ask TESTIMONIALS_PER_MONTH clients per calendar month."""

from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound
from openhour.lib.i18n import read_by
from openhour.lib.ids import pk_or_none
from openhour.lib.mail import mail_build
from openhour.reviews.integrity.checks import duplicate, incentive
from openhour.reviews.integrity.models import Testimonial

LINK_DAYS = 30
SALT = "openhour.integrity.testimonial"
MAX_MESSAGE = 1000
MAX_TEXT = 3000


def per_month() -> int:
    return int(getattr(settings, "TESTIMONIALS_PER_MONTH", 3))


# ---- asking --------------------------------------------------------------------------------------------


def testimonial_request(*, freelancer: User, client_name: str, client_email: str, message: str) -> Testimonial:
    """Ask a past client for a testimonial; the e-mail with the signed link goes once this commits."""
    if not freelancer.is_freelancer:
        raise NotAllowed(_("Only freelancers ask for testimonials."))
    require_verified_email(freelancer)
    name, email, message = (client_name or "").strip(), (client_email or "").strip().lower(), (message or "").strip()
    _check_request(freelancer, name, email, message)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=freelancer.pk).first()  # one request at a time counts the month
        if requests_this_month(freelancer) >= per_month():
            raise InvalidInput(
                _("You may ask %(n)s clients per calendar month; you can ask again next month.") % {"n": per_month()},
                code="testimonial_limit",
            )
        testimonial = Testimonial.objects.create(freelancer=freelancer, client_name=name, client_email=email)
        mail = _request_mail(testimonial, message)
        transaction.on_commit(mail.send, robust=True)
    return testimonial


def _check_request(freelancer: User, name: str, email: str, message: str) -> None:
    errors: dict[str, list[str]] = {}
    if not name or len(name) > 100:
        errors["client_name"] = [_("Give your client's name (at most 100 characters).")]
    try:
        validate_email(email)
    except ValidationError:
        errors["client_email"] = [_("Give your client's e-mail address.")]
    if not message or len(message) > MAX_MESSAGE:
        errors["message"] = [_("Write a short personal message (at most %(n)s characters).") % {"n": MAX_MESSAGE}]
    if errors:
        raise InvalidInput(fields=errors)
    own = {
        freelancer.email.lower(),
        *(e.lower() for e in EmailAddress.objects.filter(user=freelancer).values_list("email", flat=True)),
    }
    if email in own:
        raise InvalidInput(
            _("That is your own e-mail address: a testimonial must come from someone else."),
            fields={"client_email": [_("Give your client's address, not yours.")]},
            code="conflict",
        )


def month_start(now: datetime | None = None) -> datetime:
    local = timezone.localtime(now or timezone.now())
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def requests_this_month(freelancer: User) -> int:
    return Testimonial.objects.filter(freelancer=freelancer, requested_at__gte=month_start()).count()


def token_for(testimonial: Testimonial) -> str:
    """Names the testimonial and the address it was sent to, signed with SECRET_KEY and timestamped."""
    payload = {"t": testimonial.pk, "e": testimonial.client_email}
    return signing.TimestampSigner(salt=SALT).sign_object(payload, compress=True)


def confirm_url(testimonial: Testimonial) -> str:
    return settings.SITE_URL + reverse("testimonial_confirm", args=[token_for(testimonial)])


def _request_mail(testimonial: Testimonial, message: str) -> EmailMultiAlternatives:
    freelancer = testimonial.freelancer
    context = {
        "testimonial": testimonial,
        "freelancer": freelancer,
        "personal_message": message,
        "confirm_url": confirm_url(testimonial),
        "days": LINK_DAYS,
    }
    # The client's own language when they have an account here, else the freelancer's, who knows them.
    known = User.objects.filter(email__iexact=testimonial.client_email, is_active=True).exclude(language="")
    reader = known.first() or freelancer
    with read_by(reader):
        subject = _("%(name)s asks you for a testimonial") % {"name": freelancer.name}
        return mail_build(
            subject=subject,
            template="integrity/testimonial_email",
            context=context,
            to=[testimonial.client_email],
            reader=reader,
        )


# ---- confirming ----------------------------------------------------------------------------------------


def testimonial_for_token(token: str) -> Testimonial:
    """The testimonial a link names; a tampered or expired link is bad input (400)."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=timedelta(days=LINK_DAYS))
    except (signing.BadSignature, ValueError):
        raise InvalidInput(_("This link is not valid or has expired. Ask for a new one.")) from None
    found = value if isinstance(value, dict) else {}
    pk = pk_or_none(found.get("t"))
    testimonial = Testimonial.objects.select_related("freelancer").filter(pk=pk).first() if pk else None
    if testimonial is None or testimonial.client_email != found.get("e"):
        raise InvalidInput(_("This link is not valid or has expired. Ask for a new one."))
    return testimonial


def testimonial_confirm(*, token: str, text: str, overall: Any = None) -> Testimonial:
    """The client writes and confirms the testimonial, once. It shows at once unless the checks hold it."""
    text = (text or "").strip()
    stars = _stars(overall)
    if not text or len(text) > MAX_TEXT:
        raise InvalidInput(fields={"text": [_("Write your testimonial (at most %(n)s characters).") % {"n": MAX_TEXT}]})
    with transaction.atomic():
        testimonial = Testimonial.objects.select_for_update().get(pk=testimonial_for_token(token).pk)
        if testimonial.status != Testimonial.Status.REQUESTED:
            raise Conflict(_("This testimonial was confirmed already. Thank you!"), code="testimonial_confirmed")
        score = risk_of(text, exclude=testimonial.pk, names=(testimonial.freelancer.name, testimonial.client_name))
        status = Testimonial.Status.HELD if score >= HOLD_AT else Testimonial.Status.CONFIRMED
        # Only a requested one moves on; the row lock makes a second confirmation wait and then refuse above.
        Testimonial.objects.filter(pk=testimonial.pk, status=Testimonial.Status.REQUESTED).update(
            status=status, text=text, overall=stars, risk_score=score, confirmed_at=timezone.now()
        )
        testimonial.refresh_from_db()
    return testimonial


def _stars(value: Any) -> int | None:
    if value in (None, ""):
        return None
    stars = pk_or_none(value)
    if stars is None or not 1 <= stars <= 5:
        raise InvalidInput(fields={"overall": [_("Choose from 1 to 5 stars, or none.")]})
    return stars


HOLD_AT = 0.7  # a copied text (Jaccard ≥ 0.8) or any incentive or threat wording


def risk_of(text: str, *, exclude: int | None = None, names: tuple[str, ...] = ()) -> float:
    """The same checks as reviews' text: near-duplicates of any review (through the similarity index, `names`
    being the freelancer's and the client's) or other testimonial, and wording that buys or forces a rating.
    The highest score of what was found, 0 when nothing."""
    others = dict(Testimonial.objects.exclude(pk=exclude or 0).exclude(text="").values_list("pk", "text"))
    found = duplicate.copies_in_reviews(text, names) + duplicate.near_duplicates(text, others)
    copied = [score for _pk, score in found]
    worded = [incentive.SCORES[kind] for kind, _phrase in incentive.matches(text)]
    return max(copied + worded, default=0.0)


# ---- operators -----------------------------------------------------------------------------------------


def testimonial_moderate(*, testimonial_id: Any, action: str, by: User) -> Testimonial:
    """An operator shows a held testimonial after all, or removes it."""
    if not by.is_staff:
        raise NotAllowed()
    targets = {"show": Testimonial.Status.CONFIRMED, "remove": Testimonial.Status.REMOVED}
    if action not in targets:
        raise InvalidInput(fields={"action": [_("Show or remove.")]})
    with transaction.atomic():
        testimonial = Testimonial.objects.select_for_update().filter(pk=pk_or_none(testimonial_id) or 0).first()
        if testimonial is None:
            raise NotFound()
        allowed = {Testimonial.Status.HELD} | ({Testimonial.Status.CONFIRMED} if action == "remove" else set())
        if testimonial.status not in allowed:
            raise Conflict(
                _("This testimonial is not waiting for a decision."), code=f"testimonial_{testimonial.status}"
            )
        Testimonial.objects.filter(pk=testimonial.pk).update(status=targets[action])
        testimonial.refresh_from_db()
    return testimonial


# ---- reads ---------------------------------------------------------------------------------------------


def shown_testimonials(user: User | OuterRef) -> QuerySet[Testimonial]:
    """What a profile shows: confirmed testimonials, newest first (never held, requested or removed ones)."""
    return Testimonial.objects.filter(freelancer=user, status=Testimonial.Status.CONFIRMED).order_by("-confirmed_at")


def testimonials_of(freelancer: User) -> QuerySet[Testimonial]:
    return Testimonial.objects.filter(freelancer=freelancer).order_by("-requested_at", "-id")


def held_testimonials() -> QuerySet[Testimonial]:
    return (
        Testimonial.objects.filter(status=Testimonial.Status.HELD).select_related("freelancer").order_by("confirmed_at")
    )
