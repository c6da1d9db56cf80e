"""What each side rates. A client rates the freelancer's work; a freelancer rates the client as someone to
work for. Both give an overall rating, "would again", what went well and what could be better."""

from django.utils.translation import gettext_lazy as _

from openhour.lib.process import CLIENT, FREELANCER

# The field on Review, and its label, per author role (the role of the person writing).
CRITERIA = {
    CLIENT: [
        ("quality", _("Quality of work")),
        ("communication", _("Communication")),
        ("expertise", _("Expertise")),
        ("timeliness", _("Timeliness")),
        ("value", _("Value for money")),
    ],
    FREELANCER: [
        ("clarity", _("Clarity of the brief")),
        ("communication", _("Communication")),
        ("payment_promptness", _("Payment promptness")),
        ("scope_stability", _("Scope stability")),
    ],
}
ALL_CRITERIA = sorted({field for rows in CRITERIA.values() for field, _label in rows})
WOULD_AGAIN = {CLIENT: _("Would hire again"), FREELANCER: _("Would work for again")}
POSITIVE = 4  # an overall rating of at least this is a positive review


def other_role(role: str) -> str:
    """The other party's role: of the person a review is about, given its author's, and the other way."""
    return FREELANCER if role == CLIENT else CLIENT


subject_role = other_role  # read as: the role of the person a review by `author_role` is about
