from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path


def notifications(request: HttpRequest) -> HttpResponse:
    raise Http404


urlpatterns = [path("notifications", notifications, name="notifications")]
