"""Page meta for search engines, link previews and installed apps: `{% load seo %}`."""

import html
from typing import Any

from django import template
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.base import NodeList
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockNode
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString

from openhour.accounts.models import User
from openhour.catalog.models import Hourlie
from openhour.jobs.models import Project, Visibility
from openhour.lib.web import absolute_url
from openhour.seo import languages, structured

register = template.Library()
PAGING = ("page", "cursor")  # a list's position, which a language switch starts again
DEFAULT_THEME = "#1d5e4a"  # the mark's green (static/favicon.svg), when operators set no primary colour


@register.simple_tag(takes_context=True)
def block_text(context: template.Context, name: str) -> str:
    """What a block of the page renders, as one line of text, so the title and description can be said again
    for link previews."""
    if context.render_context.get(BLOCK_CONTEXT_KEY) is None:
        return ""
    rendered = BlockNode(name, NodeList()).render(context)
    # Back to plain text and escaped once more: translations are rendered unescaped, people's words escaped.
    return escape(" ".join(html.unescape(strip_tags(rendered)).split()))


@register.simple_tag(takes_context=True)
def canonical_url(context: template.Context) -> str:
    """SITE_URL and the path, without a query: filters, paging and tracking parameters name the same page."""
    request = context.get("request")
    path = request.path if request is not None else "/"
    return absolute_url(iri_to_uri(path))


@register.simple_tag(takes_context=True)
def language_alternates(context: template.Context) -> list[languages.Alternate]:
    """hreflang links of a page crawlers may read: the same page under each language prefix, and unprefixed."""
    request = context.get("request")
    path = getattr(request, "path_info", None)  # unprefixed: LanguageMiddleware took any /fr/ off
    if path is None or getattr(request, "resolver_match", None) is None or not languages.indexable(path):
        return []
    return languages.alternates(path)


@register.simple_tag(takes_context=True)
def switcher_return_path(context: template.Context) -> str:
    """Where the language switcher brings the person back: this page, from the start of any list on it, as what a
    list holds and its order can change with the language (search reads each language's own words)."""
    request = context.get("request")
    if request is None:
        return ""
    query = request.GET.copy()
    for key in PAGING:
        query.pop(key, None)
    return request.path + (f"?{query.urlencode()}" if query else "")


@register.simple_tag(takes_context=True)
def share_image(context: template.Context) -> str:
    """The brand's logo when operators set one, otherwise the site's icon."""
    found = context.get("brand")
    logo = getattr(found, "logo_url", "")
    return absolute_url(logo or staticfiles_storage.url("icons/icon-512.png"))


@register.simple_tag(takes_context=True)
def theme_colour(context: template.Context) -> str:
    return getattr(context.get("brand"), "primary", "") or DEFAULT_THEME


@register.simple_tag
def person_json_ld(person: User, blocks: list[Any]) -> SafeString:
    return structured.script(structured.person(person, blocks))


@register.simple_tag
def hourlie_json_ld(hourlie: Hourlie) -> str:
    """Only a published service is offered; its freelancer sees paused ones on the same page."""
    if hourlie.status != Hourlie.Status.PUBLISHED:
        return ""
    return structured.script(structured.service(hourlie))


@register.simple_tag
def project_json_ld(project: Project) -> str:
    """Only an open project anyone may apply to is a job posting, valid until it expires."""
    if project.status != Project.Status.OPEN or project.visibility != Visibility.PUBLIC:
        return ""
    expiry = project.timers.filter(action="expire", fired_at=None, cancelled_at=None, due_at__gt=timezone.now())
    due = expiry.order_by("due_at").values_list("due_at", flat=True).first()
    return structured.script(structured.job_posting(project, valid_through=due))
