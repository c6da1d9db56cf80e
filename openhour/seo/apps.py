from django.apps import AppConfig


class SeoConfig(AppConfig):
    """What search engines and installed web apps read: the sitemap, robots.txt, page meta and structured data,
    the manifest, the service worker and the offline page. No models."""

    name = "openhour.seo"
    label = "seo"
