"""What each figure means, in one line: the page prints these beside the figures, and the CSV and the API use the
same names, so a figure means one thing wherever it is read."""

from django.utils.translation import gettext_lazy as _

# name -> (label, one-line definition); names are the CSV's `figure` column and the API's field names.
DEFINITIONS = {
    "gmv": (
        _("Paid into work (GMV)"),
        _(
            "Money clients paid into escrow in the period, per currency: milestone fundings, approved hours and "
            "Hourlie orders, at their price before the client service fee, not reduced by later refunds."
        ),
    ),
    "take_rate": (_("Take rate"), _("Fees the platform kept in the period ÷ GMV of the period, same currency.")),
    "client_fee": (
        _("Client service fee"),
        _("Charged to clients on fundings, less the client fee returned with refunds; its share of GMV."),
    ),
    "freelancer_fee": (
        _("Freelancer service fee"),
        _("Kept from releases to freelancers (tiered per client); its share of GMV."),
    ),
    "conversion_fee": (
        _("Conversion fee"),
        _("Kept on wallet currency conversions, in the currency converted into; its share of GMV."),
    ),
    "refund_rate": (
        _("Refund rate"),
        _("Money returned from escrow to clients in the period (refunds and refunded parts of splits) ÷ GMV."),
    ),
    "milestones_funded": (_("Milestones funded"), _("Fundings into escrow in the period, in any currency.")),
    "dispute_rate": (_("Dispute rate"), _("Disputes opened in the period ÷ milestones funded in the period.")),
    "projects_posted": (_("Projects posted"), _("Projects clients posted in the period.")),
    "fill_rate": (
        _("Fill rate"),
        _("Of the projects posted in the period, the share hired so far (recent periods are still filling)."),
    ),
    "first_proposal_hours": (
        _("Time to first proposal"),
        _("Mean hours from posting to the first proposal, over projects posted in the period that got one."),
    ),
    "hire_hours": (
        _("Time to hire"),
        _("Mean hours from posting to the hire, over projects posted in the period and hired."),
    ),
    "active_clients": (_("Active clients"), _("Distinct clients who paid into escrow in the period.")),
    "active_freelancers": (
        _("Active freelancers"),
        _("Distinct freelancers paid from escrow (a release) in the period."),
    ),
    "hires": (_("Hires"), _("Contracts whose work started in the period: hires, orders and accepted offers.")),
    "repeat_hire_rate": (
        _("Repeat-hire rate"),
        _("Share of the period's hires whose client had started a contract with anyone before."),
    ),
    "repeat_same_rate": (
        _("Rehire of the same freelancer"),
        _("Share of the period's hires whose client had started a contract with this same freelancer before."),
    ),
    "payouts_waiting": (
        _("Payouts waiting"),
        _("Withdrawals requested and not yet paid or failed (requested, held or sent), per currency, right now."),
    ),
}


def label(name: str) -> str:
    return str(DEFINITIONS[name][0])


def meaning(name: str) -> str:
    return str(DEFINITIONS[name][1])
