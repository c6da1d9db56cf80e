"""The legal pages: /legal/ lists them, /legal/<document> shows the current version, /legal/<document>/versions the
earlier ones, each readable; /legal/accept asks for changed terms to be accepted."""

from django.urls import URLPattern, path

from openhour.accounts.legal import views
from openhour.accounts.legal.models import Document

urlpatterns: list[URLPattern] = [
    path("legal/", views.legal_index, name="legal"),
    path("legal/accept", views.legal_accept, name="legal_accept"),
    *(path(f"legal/{doc}", views.legal_document, {"document": doc}, name=f"legal_{doc}") for doc in Document.values),
    path("legal/<slug:document>/versions", views.legal_versions, name="legal_versions"),
    path("legal/<slug:document>/versions/<int:number>", views.legal_document, name="legal_version"),
]
