"""Saving the brand the way an operator does: the admin's one brand page, submitted with its footer links."""

from typing import Any

from django.test import Client

BRAND_PAGE = "/admin/operations/brand/1/change/"
GOOD_PRIMARY = "#1d5e4a"  # 7.6:1 with white
GOOD_ACCENT = "#5b3f8c"  # 8.4:1 with white


def brand_form(*, links: list[tuple[str, str]] | None = None, **fields: Any) -> dict[str, Any]:
    """The admin form's fields: the brand's own, then the footer links' inline forms."""
    data: dict[str, Any] = {"name": "", "primary_colour": "", "accent_colour": "", "support_email": "", "_save": "Save"}
    data.update(fields)
    links = links or []
    data.update(
        {
            "links-TOTAL_FORMS": str(len(links)),
            "links-INITIAL_FORMS": "0",
            "links-MIN_NUM_FORMS": "0",
            "links-MAX_NUM_FORMS": "8",
        }
    )
    for index, (label, url) in enumerate(links):
        data.update({f"links-{index}-label": label, f"links-{index}-url": url, f"links-{index}-position": str(index)})
    return data


def save_brand(browser: Client, **fields: Any) -> Any:
    """Open the brand page (the row is made on first read), then submit it."""
    browser.get("/admin/operations/brand/")
    return browser.post(BRAND_PAGE, brand_form(**fields))
