"""Forms for the Hourlie pages: they parse what a browser sends; the services judge it."""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from openhour.catalog.forms.taxonomy import TaxonomyFilterForm, category_choices, skill_choices
from openhour.catalog.models import Category, Hourlie
from openhour.contracts.forms.contracts import PaymentForm
from openhour.jobs.forms.projects import to_major, to_minor
from openhour.lib.errors import DomainError
from openhour.lib.money import Currency, format_money
from openhour.money.fees import client_fee

PACKAGE_ROWS = 3
EXTRA_ROWS = 3
PACKAGE_NAMES = [_("Basic"), _("Standard"), _("Premium")]
PRICE = {"min_value": Decimal("0.01"), "max_digits": 12, "decimal_places": 2}


class HourlieForm(forms.Form):
    """The service, three package rows (empty ones are ignored) and a few rows for extras."""

    title = forms.CharField(
        label=_("Title"), max_length=120, help_text=_("What you will do, e.g. “I will fix one bug in your Django app”.")
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=10000,
        widget=forms.Textarea({"rows": 6}),
        help_text=_("How you work, what you need from the client, and what they get at the end."),
    )
    category = forms.ChoiceField(label=_("Category"))
    skills = forms.MultipleChoiceField(label=_("Skills"), required=False)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial=Currency.GBP)

    def __init__(self, *args: Any, extra_rows: int = EXTRA_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.categories = list(Category.objects.prefetch_related("skills"))
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", _("Choose a category")),
            *category_choices(self.categories),
        ]
        cast(forms.ChoiceField, self.fields["skills"]).choices = [
            choice for c in self.categories for choice in skill_choices(c)
        ]
        for n in range(1, PACKAGE_ROWS + 1):
            self.fields[f"p{n}_name"] = forms.CharField(label=_("Package name"), max_length=40, required=False)
            self.fields[f"p{n}_price"] = forms.DecimalField(label=_("Price"), required=False, **PRICE)  # type: ignore[arg-type]
            self.fields[f"p{n}_delivery_days"] = forms.IntegerField(
                label=_("Delivery (days)"), required=False, min_value=1, max_value=365
            )
            self.fields[f"p{n}_revisions"] = forms.IntegerField(
                label=_("Revisions"), required=False, min_value=0, max_value=100
            )
            self.fields[f"p{n}_description"] = forms.CharField(
                label=_("What is included"), max_length=2000, required=False, widget=forms.Textarea({"rows": 3})
            )
        self.extra_rows = extra_rows
        for n in range(1, extra_rows + 1):
            self.fields[f"e{n}_title"] = forms.CharField(label=_("Extra"), max_length=120, required=False)
            self.fields[f"e{n}_price"] = forms.DecimalField(label=_("Price"), required=False, **PRICE)  # type: ignore[arg-type]
            self.fields[f"e{n}_extra_days"] = forms.IntegerField(
                label=_("Extra days"), required=False, min_value=0, max_value=365
            )
        self.package_rows_used: list[int] = []
        self.extra_rows_used: list[int] = []

    @staticmethod
    def initial_for(hourlie: Hourlie) -> dict[str, Any]:
        currency = hourlie.currency
        initial: dict[str, Any] = {
            "title": hourlie.title,
            "description": hourlie.description,
            "category": hourlie.category.slug,
            "skills": [s.slug for s in hourlie.skills.all()],
            "currency": currency,
        }
        for n, p in enumerate(hourlie.packages.all(), start=1):
            initial |= {
                f"p{n}_name": p.name,
                f"p{n}_price": to_major(p.price, currency),
                f"p{n}_delivery_days": p.delivery_days,
                f"p{n}_revisions": p.revisions,
                f"p{n}_description": p.description,
            }
        for n, e in enumerate(hourlie.extras.all(), start=1):
            initial |= {
                f"e{n}_title": e.title,
                f"e{n}_price": to_major(e.price, currency),
                f"e{n}_extra_days": e.extra_days,
            }
        return initial

    def package_rows(self) -> list[list[forms.BoundField]]:
        names = ("name", "price", "delivery_days", "revisions", "description")
        return [[self[f"p{n}_{name}"] for name in names] for n in range(1, PACKAGE_ROWS + 1)]

    def extra_rows_fields(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"e{n}_{name}"] for name in ("title", "price", "extra_days")] for n in range(1, self.extra_rows + 1)
        ]

    def selected_skills(self) -> set[str]:
        return set(self["skills"].value() or [])

    def changes(self) -> dict[str, Any]:
        """The cleaned data as `hourlie_publish`/`hourlie_update` keywords; empty rows are left out."""
        data = self.cleaned_data
        currency = data["currency"]
        packages, extras = [], []
        for n in range(1, PACKAGE_ROWS + 1):
            row = {
                name: data.get(f"p{n}_{name}")
                for name in ("name", "price", "delivery_days", "revisions", "description")
            }
            if not any(value not in (None, "") for value in row.values()):
                continue
            self.package_rows_used.append(n)
            row["price"] = to_minor(row["price"], currency)
            row["revisions"] = 1 if row["revisions"] is None else row["revisions"]
            packages.append(row)
        for n in range(1, self.extra_rows + 1):
            row = {name: data.get(f"e{n}_{name}") for name in ("title", "price", "extra_days")}
            if not any(value not in (None, "") for value in row.values()):
                continue
            self.extra_rows_used.append(n)
            row["price"] = to_minor(row["price"], currency)
            row["extra_days"] = row["extra_days"] or 0
            extras.append(row)
        return {
            "title": data["title"],
            "description": data["description"],
            "category": data["category"],
            "skills": data["skills"],
            "currency": currency,
            "packages": packages,
            "extras": extras,
        }

    def add_service_error(self, error: DomainError) -> None:
        """Put `packages.1.price` on the form row it came from (empty rows were skipped)."""
        for key, messages in error.fields.items():
            parts = key.split(".")
            name: str | None = key if key in self.fields else None
            if len(parts) == 3 and parts[0] in ("packages", "extras") and parts[1].isdigit():
                used = self.package_rows_used if parts[0] == "packages" else self.extra_rows_used
                index = int(parts[1])
                candidate = f"{parts[0][0]}{used[index]}_{parts[2]}" if index < len(used) else ""
                name = candidate if candidate in self.fields else None
            self.add_error(name, messages)
        if not error.fields:
            self.add_error(None, error.message)


SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("relevance", _("Best match")),
    ("price", _("Price: low to high")),
    ("-price", _("Price: high to low")),
]


class HourlieFilterForm(TaxonomyFilterForm):
    max_price = forms.DecimalField(
        label=_("Price at most"), required=False, min_value=Decimal("0"), max_digits=12, decimal_places=2
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=[("", _("Any currency")), *Currency.choices], required=False
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def search_args(self) -> dict[str, Any]:
        data = self.cleaned_data
        currency = data.get("currency") or ""
        return {
            "q": data.get("q") or "",
            "category": data.get("category") or "",
            "skill": data.get("skill") or "",
            "max_price": to_minor(data.get("max_price"), currency or Currency.GBP),
            "currency": currency,
            "sort": data.get("sort") or "newest",
        }


class OrderForm(PaymentForm):
    """Choose one package, any extras, say what you need, and pay into escrow: each choice shows its price
    and the client service fee on it, so the total is known before the click."""

    package = forms.ChoiceField(label=_("Package"), widget=forms.RadioSelect)
    extras = forms.MultipleChoiceField(label=_("Extras"), required=False, widget=forms.CheckboxSelectMultiple)
    requirements = forms.CharField(
        label=_("Your requirements"),
        max_length=5000,
        widget=forms.Textarea({"rows": 5}),
        help_text=_("What the freelancer needs to start: links, files you will share, deadlines, examples you like."),
    )

    def __init__(self, *args: Any, hourlie: Hourlie, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        currency = hourlie.currency
        packages = list(hourlie.packages.all())
        cast(forms.ChoiceField, self.fields["package"]).choices = [
            (str(p.pk), f"{p.name} · {_with_fee(p.price, currency)}") for p in packages
        ]
        if packages and not self.is_bound:
            self.initial.setdefault("package", str(packages[0].pk))
        cast(forms.ChoiceField, self.fields["extras"]).choices = [
            (str(e.pk), f"{e.title} · +{_with_fee(e.price, currency)}") for e in hourlie.extras.all()
        ]


def _with_fee(price: int, currency: str) -> str:
    fee = client_fee(amount=price, currency=currency)
    return _("%(price)s + %(fee)s fee") % {"price": format_money(price, currency), "fee": format_money(fee, currency)}
