"""schema.org structured data (JSON-LD) for the public pages: a Person with their published rating, a Service
with its packages as Offers, a JobPosting for a public project. Built here so templates only place it."""

import json
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from openhour.accounts.models import User
from openhour.catalog.models import Hourlie
from openhour.jobs.models import BudgetType, Project
from openhour.lib.money import MINOR_UNITS
from openhour.lib.process import CLIENT, FREELANCER
from openhour.lib.web import absolute_url
from openhour.operations.branding import brand

# What could end a <script> element or start markup inside one: JSON allows these as \u escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
DESCRIPTION_CHARS = 5000


def amount(minor: int, currency: str) -> str:
    """Minor units as the decimal string schema.org prices take: 25000 GBP -> "250.00"."""
    places = len(str(MINOR_UNITS[currency])) - 1
    return str(Decimal(minor).scaleb(-places))


def script(data: dict[str, Any]) -> SafeString:
    """A JSON-LD element that no text in `data` can break out of."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    # Safe: nothing in `text` can close the element or open markup (see _SCRIPT_ESCAPES).
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308  # nosec B703, B308


def _text(value: str) -> str:
    """People's own words, as they typed them (pages show them as text, never as markup)."""
    return value.strip()[:DESCRIPTION_CHARS]


def _person_ref(person: User) -> dict[str, Any]:
    url = absolute_url(reverse("public_profile", args=[person.username]))
    return {"@type": "Person", "name": person.name or person.username, "url": url}


def person(person: User, blocks: list[Any]) -> dict[str, Any]:
    """The profile's Person; AggregateRating only from published reviews, in the role the profile leads with."""
    profile = person.profile
    data: dict[str, Any] = {"@context": "https://schema.org", **_person_ref(person)}
    if profile.headline:
        data["jobTitle"] = profile.headline
    if profile.bio:
        data["description"] = _text(profile.bio)
    if profile.photo:
        data["image"] = absolute_url(profile.photo.url)
    skills = [skill.label for skill in profile.skills.all()]
    if skills:
        data["knowsAbout"] = skills
    rating = _rating(person, blocks)
    if rating:
        data["aggregateRating"] = rating
    return data


def _rating(person: User, blocks: list[Any]) -> dict[str, Any] | None:
    role = FREELANCER if person.is_freelancer else CLIENT
    summary = next((block.summary for block in blocks if block.role == role), None)
    if summary is None or not summary.reviews or summary.score is None:
        return None
    # The plain average the profile shows ("5.0 from 1 review"): structured data must match what people read.
    value = summary.average if summary.average is not None else summary.score
    return {
        "@type": "AggregateRating",
        "ratingValue": round(float(value), 2),
        "reviewCount": summary.reviews,
        "bestRating": 5,
        "worstRating": 1,
    }


def service(hourlie: Hourlie) -> dict[str, Any]:
    """A Hourlie as a Service sold in packages, each an Offer at its price."""
    url = absolute_url(reverse("hourlie_detail", args=[hourlie.pk]))
    offers = [
        {
            "@type": "Offer",
            "name": package.name,
            "price": amount(package.price, hourlie.currency),
            "priceCurrency": hourlie.currency,
            "url": url,
            "availability": "https://schema.org/InStock",
        }
        for package in hourlie.packages.all()
    ]
    return {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": hourlie.title,
        "description": _text(hourlie.description),
        "url": url,
        "category": hourlie.category.label,
        "provider": _person_ref(hourlie.freelancer),
        "offers": offers,
    }


def job_posting(project: Project, *, valid_through: datetime | None = None) -> dict[str, Any]:
    """A public project as a remote contract job. Freelancers may work from anywhere, so no applicant location
    is claimed."""
    posted = project.created_at
    until = valid_through or posted + timedelta(days=settings.PROJECT_EXPIRY_DAYS)
    return {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": project.title,
        "description": _text(project.description),
        "url": absolute_url(reverse("project_detail", args=[project.pk])),
        "identifier": {"@type": "PropertyValue", "name": brand().name, "value": str(project.pk)},
        "datePosted": posted.isoformat(),
        "validThrough": until.isoformat(),
        "employmentType": "CONTRACTOR",
        "jobLocationType": "TELECOMMUTE",
        "hiringOrganization": {"@type": "Organization", "name": _hiring_name(project)},
        "baseSalary": _budget(project),
        "industry": project.category.label,
    }


def _hiring_name(project: Project) -> str:
    client = project.client
    return client.profile.company_name or client.name or brand().name


def _budget(project: Project) -> dict[str, Any]:
    value: dict[str, Any] = {
        "@type": "QuantitativeValue",
        "minValue": amount(project.budget_min, project.currency),
        "maxValue": amount(project.budget_max, project.currency),
    }
    if project.budget_type == BudgetType.HOURLY:
        value["unitText"] = "HOUR"
    return {"@type": "MonetaryAmount", "currency": project.currency, "value": value}
