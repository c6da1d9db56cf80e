"""Pages: the legal documents (current version, earlier versions) for everyone, and /legal/accept where a signed-in
person accepts changed terms before going on."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from openhour.accounts.legal import selectors, services, texts
from openhour.accounts.legal.forms import AcceptForm
from openhour.accounts.legal.models import Acceptance, Document
from openhour.lib.errors import Conflict
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error


def _language() -> str:
    return translation.get_language() or "en"


def legal_index(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/index.html", {"documents": selectors.overview()})


def legal_document(request: HttpRequest, document: str, number: int | None = None) -> HttpResponse:
    page = selectors.page_of(document=document, language=_language(), number=number)
    return render(request, "legal/document.html", {"page": page})


def legal_versions(request: HttpRequest, document: str) -> HttpResponse:
    versions = selectors.history(document)
    current = versions[0].number if versions else 0
    context = {
        "document": document,
        "title": Document(document).label,
        "versions": versions,
        "current": current,
        "default_date": texts.DEFAULTS_DATE,
    }
    return render(request, "legal/versions.html", context)


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if safe and not target.startswith("/legal/accept") else "/"


@never_cache
@login_required
def legal_accept(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not selectors.needs_acceptance(request.user) and request.method != "POST":
        return redirect(_next(request))
    page = selectors.page_of(document=Document.TERMS, language=_language())
    form = AcceptForm(request.POST or None, initial={"version": page.number})
    if request.method == "POST" and form.is_valid():
        try:
            services.terms_accept(
                user=request.user,
                version=form.cleaned_data["version"],
                how=Acceptance.How.SIGNIN,
                address=services.request_address(request),
            )
        except Conflict as error:
            add_domain_error(form, error)
        else:
            return redirect(_next(request))
    context = {"page": page, "form": form, "next": _next(request)}
    return render(request, "legal/accept.html", context, status=400 if form.errors else 200)
