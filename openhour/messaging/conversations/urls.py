from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path


def inbox(request: HttpRequest) -> HttpResponse:
    raise Http404


urlpatterns = [path("messages", inbox, name="inbox")]
