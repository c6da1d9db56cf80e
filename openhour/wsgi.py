import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openhour.settings")
application = get_wsgi_application()
# Build the URLs (and the API's schemas) now rather than on the first request: under gunicorn --preload the master
# does it once and every worker forks ready, instead of each spending seconds on it while a visitor waits.
get_resolver().url_patterns  # noqa: B018
