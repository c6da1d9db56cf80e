"""openhour settings: every knob comes from the environment, read by the typed helpers below.

With no environment at all, openhour runs embedded: SQLite in WAL mode, local media, locmem cache,
e-mail written as files, the database task backend. The README's configuration table lists every knob.
"""

import ipaddress
import os
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in _TRUE:
        return True
    if raw.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_decimal(name: str, default: str) -> Decimal:
    raw = os.environ.get(name) or default
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from None
    if not value.is_finite() or not 0 <= value < 100:
        raise ImproperlyConfigured(f"{name} must be a percentage from 0 to below 100, not {raw!r}")
    return value


def env_fraction(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number from 0 to 1, not {raw!r}") from None
    if not 0 <= value <= 1:
        raise ImproperlyConfigured(f"{name} must be a number from 0 to 1, not {raw!r}")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
DEV_SECRET_KEY = "insecure-development-key-change-me-in-production-0123456789"  # noqa: S105 -- refused below
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value when DEBUG is off.")

SITE_NAME = env_str("SITE_NAME", "openhour")
SITE_URL = (env_str("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")  # empty counts as unset, as in `make run`
SITE_ID = 1  # the Site row allauth names in its mails; kept in step with SITE_URL (operations/site_address.py)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost," + (urlsplit(SITE_URL).hostname or ""))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "allauth",
    "openhour.accounts.apps.SignInAddressesConfig",  # allauth.account, named apart from our Accounts in the admin
    "allauth.mfa",  # second factor: TOTP, recovery codes, passkeys (openhour/accounts/mfa.py)
    "allauth.usersessions",  # each signed-in session as a row: listed on /me/security, ended on credential changes
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "openhour.lib",
    "openhour.accounts",
    "openhour.accounts.privacy",
    "openhour.accounts.closing",
    "openhour.accounts.identity",
    "openhour.accounts.legal",
    "openhour.catalog",
    "openhour.jobs",
    "openhour.contracts",
    "openhour.contracts.change_orders",
    "openhour.contracts.hourly",
    "openhour.contracts.disputes",
    "openhour.money",
    "openhour.money.vat",
    "openhour.money.reporting",
    "openhour.messaging",
    "openhour.reviews",
    "openhour.reviews.integrity",
    "openhour.reviews.levels",
    "openhour.search",
    "openhour.operations",
    "openhour.operations.health",
    "openhour.webhooks",
    "openhour.seo",  # sitemap, robots.txt, page meta and structured data, the installable app
    "openhour.demo",  # the demo and red-team data and their commands; no models, nothing in the product imports it
]

MIDDLEWARE = [
    "openhour.lib.request_id.RequestIdMiddleware",  # first: every later middleware's log lines carry the id
    "openhour.operations.metrics.middleware.RequestMetricsMiddleware",  # times everything below it
    # Pages and API answers compressed for browsers that accept it (with Django's BREACH mitigation); static
    # files come precompressed from WhiteNoise or the proxy and pass through untouched.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "openhour.api.middleware.ApiErrorsAsJsonMiddleware",
    "openhour.lib.middleware.RequestHygieneMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The page's language and time zone, from a /fr/ prefix or the person (so after AuthenticationMiddleware;
    # nothing above reads the language before the view, and CSRF refuses in process_view, after this).
    "openhour.accounts.language.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "openhour.accounts.mfa_guard.OperatorSecondFactorMiddleware",
    "openhour.accounts.access.SessionActivityMiddleware",
    "openhour.reviews.integrity.access.DeviceCookieMiddleware",
    # Signed-in people wait at /legal/accept while changed terms they must accept are not (after the language).
    "openhour.accounts.legal.middleware.TermsAcceptanceMiddleware",
    "openhour.lib.web.DomainErrorMiddleware",
]

ROOT_URLCONF = "openhour.urls"
WSGI_APPLICATION = "openhour.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "openhour" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",  # LANGUAGE_CODE and LANGUAGE_BIDI on every page
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "openhour.operations.branding.context",  # the brand operators set; SITE_NAME by default
                "openhour.messaging.context.badges",
            ],
            "builtins": ["openhour.lib.templatetags"],
        },
    },
]
FORM_RENDERER = "openhour.lib.forms.FormRenderer"

# Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'openhour.sqlite3'}")
# Connections are kept a minute (a new one per request cost about 40% of a cheap page's throughput) and checked
# before reuse, so a restarted database costs one failed check, not a failed request.
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)  # a fresh clone has no var/
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside the one writer; IMMEDIATE avoids upgrade deadlocks.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Which demo reviews `seed_manipulation` planted for which scenario, read by `review_audit` (a file, not a table).
DEMO_LABELS_FILE = Path(env_str("DEMO_LABELS_FILE", str(VAR_DIR / "demo-labels.json")))

# Cache and sessions: Redis when REDIS_URL is set, otherwise a SQLite file of its own that every process on the
# machine shares: rate-limit counters must add up across workers without queueing behind the main database.
REDIS_URL = env_str("REDIS_URL")
CACHE_FILE = Path(env_str("CACHE_FILE", str(VAR_DIR / "cache.sqlite3")))
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "openhour.lib.sqlite_cache.SQLiteCache", "LOCATION": str(CACHE_FILE)}}

# Background work runs from the database queue (`manage.py run_worker`) on every deployment. The status check
# (/operations/status) calls the queue, the worker and the timers stale after HEALTH_STALE_SECONDS; the timers
# delete finished task results after TASK_RESULTS_KEEP_DAYS.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
HEALTH_STALE_SECONDS = env_int("HEALTH_STALE_SECONDS", 300)
TASK_RESULTS_KEEP_DAYS = env_int("TASK_RESULTS_KEEP_DAYS", 14)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
# The username is the public page's address (/u/<username>): chosen at sign-up, or made from the name when left empty.
ACCOUNT_SIGNUP_FIELDS = ["email*", "username", "password1*"]
ACCOUNT_FORMS = {"signup": "openhour.accounts.signup.SignupForm", "login": "openhour.accounts.signup.LoginForm"}
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_BLACKLIST = ["admin", "api", "me", "operations", "support", "help", "openhour", "staff", "root"]
ACCOUNT_SIGNUP_FORM_CLASS = "openhour.accounts.forms.SignupDetailsForm"
ACCOUNT_ADAPTER = "openhour.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "optional"  # people may look around before verifying
ACCOUNT_CONFIRM_EMAIL_ON_GET = True  # the link in the e-mail verifies by itself
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = False  # sign-up says plainly that an e-mail is taken
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(SITE_URL).scheme or "https"
# Rate limits, as "how many/period" (s, m, h, d: "20/m", "5/5m"), counted in the shared cache per client address
# (openhour/lib/client_address.py) and per account; a refusal is a 429 naming when to retry. Failed sign-ins
# count per address, per account and address, and per account, except from a device the account signed in on.
RATE_LOGIN_FAILURES_PER_ADDRESS = env_str("RATE_LOGIN_FAILURES_PER_ADDRESS", "10/m")
RATE_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS = env_str("RATE_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS", "5/5m")
RATE_LOGIN_FAILURES_PER_ACCOUNT = env_str("RATE_LOGIN_FAILURES_PER_ACCOUNT", "20/h")
RATE_SIGNUPS_PER_ADDRESS = env_str("RATE_SIGNUPS_PER_ADDRESS", "10/h")
RATE_EMAIL_VERIFY_PER_ADDRESS = env_str("RATE_EMAIL_VERIFY_PER_ADDRESS", "20/h")  # verification keys tried
RATE_VERIFICATION_MAILS_PER_ACCOUNT = env_str("RATE_VERIFICATION_MAILS_PER_ACCOUNT", "3/h")
RATE_VERIFICATION_MAILS_PER_ADDRESS = env_str("RATE_VERIFICATION_MAILS_PER_ADDRESS", "10/h")
RATE_PASSWORD_RESETS = env_str("RATE_PASSWORD_RESETS", "10/h/ip,3/h/key")  # allauth's form: per address, per e-mail
RATE_MESSAGES = env_str("RATE_MESSAGES", "20/m")  # messages one person sends
RATE_NEW_CONVERSATIONS_YOUNG = env_str("RATE_NEW_CONVERSATIONS_YOUNG", "5/d")  # conversations a young account opens
YOUNG_ACCOUNT_DAYS = env_int("YOUNG_ACCOUNT_DAYS", 7)
RATE_PROPOSALS = env_str("RATE_PROPOSALS", "10/h")  # besides the monthly allowance
RATE_FLAGS = env_str("RATE_FLAGS", "10/h")  # review flags one person sends
RATE_REPORTS = env_str("RATE_REPORTS", "10/h")  # message and person reports one person sends
RATE_UPLOADS = env_str("RATE_UPLOADS", "60/h")  # files one person sends ahead with POST /api/v1/uploads
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")  # a count ("1") or the proxies' addresses/CIDRs; empty: none
for _name, _value in list(globals().items()):
    if (
        _name.startswith("RATE_")
        and _name != "RATE_PASSWORD_RESETS"
        and not re.fullmatch(r"[1-9]\d*/\d*[smhd]", _value)
    ):
        raise ImproperlyConfigured(f"{_name} reads like '20/m' or '5/5m' (how many per period), not {_value!r}")
if TRUSTED_PROXIES and not (len(TRUSTED_PROXIES) == 1 and TRUSTED_PROXIES[0].isdigit()):
    try:
        [ipaddress.ip_network(_proxy, strict=False) for _proxy in TRUSTED_PROXIES]
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES is a count or addresses/CIDRs, not {TRUSTED_PROXIES!r}") from None
ACCOUNT_RATE_LIMITS = {
    "login_failed": "",  # counted by openhour.accounts.adapter with the RATE_LOGIN_FAILURES_* limits above
    "signup": "",  # counted in the sign-up service with RATE_SIGNUPS_PER_ADDRESS
    "reset_password": RATE_PASSWORD_RESETS,
}
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
# Second factor (django-allauth MFA): an authenticator app with recovery codes for everyone, passkeys or
# security keys as an option. Operators need one to reach /operations and /admin; adding a payout method or
# withdrawing asks for a code again unless one was given within MFA_STEP_UP_SECONDS.
MFA_ADAPTER = "openhour.accounts.mfa.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_FORMS = {"authenticate_webauthn": "openhour.accounts.mfa.SecurityKeyForm"}  # offered only to key holders
MFA_TOTP_ISSUER = SITE_NAME
MFA_PASSKEY_LOGIN_ENABLED = env_bool("MFA_PASSKEY_LOGIN_ENABLED", False)
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # passkeys on http://127.0.0.1 while developing
MFA_STEP_UP_SECONDS = env_int("MFA_STEP_UP_SECONDS", 300)
# Sessions and tokens: a password change or reset, an e-mail change or a new second factor ends the person's
# other sessions and revokes their API tokens (openhour/accounts/access.py). Session activity (address, last
# seen) is recorded by our own middleware at most once per SESSION_ACTIVITY_SECONDS per session, instead of
# allauth's tracking, which writes to the database on every request.
USERSESSIONS_TRACK_ACTIVITY = False
SESSION_ACTIVITY_SECONDS = env_int("SESSION_ACTIVITY_SECONDS", 300)

# E-mail: SMTP when EMAIL_HOST is set, otherwise one file per message under var/mail/.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "openhour.lib.mail.FilePerMessageBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <noreply@{urlsplit(SITE_URL).hostname}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Files: local under var/media/, or S3-compatible storage when S3_BUCKET is set.
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "openhour" / "static"]
S3_BUCKET = env_str("S3_BUCKET")
_static_backend = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": _static_backend},
}
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "custom_domain": env_str("S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "default_acl": None,
        },
    }

# Private files (message attachments, deliveries, dispute evidence): never under MEDIA_ROOT, so never at a
# MEDIA_URL; served only by views that check who is asking (openhour/lib/private_files.py).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):
    raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must be outside MEDIA_ROOT: everything under MEDIA_ROOT is public.")
PRIVATE_FILES_SERVE = env_str("PRIVATE_FILES_SERVE", "django")
if PRIVATE_FILES_SERVE not in {"django", "x-accel", "x-sendfile"}:
    raise ImproperlyConfigured(f"PRIVATE_FILES_SERVE must be django, x-accel or x-sendfile: {PRIVATE_FILES_SERVE!r}")
PRIVATE_FILES_ACCEL_PREFIX = env_str("PRIVATE_FILES_ACCEL_PREFIX", "/_private/")
PRIVATE_FILES_URL_SECONDS = env_int("PRIVATE_FILES_URL_SECONDS", 60)
S3_PRIVATE_BUCKET = env_str("S3_PRIVATE_BUCKET", S3_BUCKET)
STORAGES["private"] = {"BACKEND": "openhour.lib.private_files.PrivateFileSystemStorage"}
if S3_PRIVATE_BUCKET:
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_PRIVATE_BUCKET,
            # In the public bucket, a prefix that the bucket's policy must not make readable.
            "location": "private" if S3_PRIVATE_BUCKET == S3_BUCKET else "",
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "custom_domain": None,  # a CDN would serve them to anyone with the link
            "querystring_auth": True,
            "querystring_expire": PRIVATE_FILES_URL_SECONDS,
            "signature_version": "s3v4",  # links that name their own lifetime (X-Amz-Expires)
            "file_overwrite": False,
            "default_acl": None,  # objects are private unless a bucket policy says otherwise
        },
    }
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
# A file sent ahead to attach by id (POST /api/v1/uploads) waits this long; then the timers delete it unattached.
UPLOAD_UNATTACHED_HOURS = env_int("UPLOAD_UNATTACHED_HOURS", 24)
# A person's archive of their data (/me/privacy) can be downloaded this many days, then the timers delete it;
# each person may ask for PERSONAL_DATA_EXPORT_RATE archives ("3/d": three a day).
PERSONAL_DATA_EXPORT_DAYS = env_int("PERSONAL_DATA_EXPORT_DAYS", 7)
PERSONAL_DATA_EXPORT_RATE = env_str("PERSONAL_DATA_EXPORT_RATE", "3/d")

# Internationalisation: the interface languages, by code (LANGUAGES=en,fr,de). Each needs a catalogue in
# openhour/locale; a language's name is shown in that language, so the switcher reads right to its speakers.
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "en")


def _languages(codes: list[str]) -> list[tuple[str, str]]:
    unknown = [code for code in codes if code not in LANG_INFO]
    if unknown or LANGUAGE_CODE not in codes:
        raise ImproperlyConfigured(f"LANGUAGES must be language codes Django knows and include {LANGUAGE_CODE!r}.")
    return [(code, LANG_INFO[code]["name_local"]) for code in codes]


LANGUAGES = _languages(env_list("LANGUAGES", "en,fr,de"))


# PostgreSQL full-text search reads each document with its language's text-search configuration (its stemmer and
# stop words): SEARCH_CONFIGURATIONS=en:english,fr:french; a language not named is read with 'simple'.
def _search_configurations(pairs: list[str]) -> dict[str, str]:
    found = dict(pair.partition(":")[::2] for pair in pairs)
    if not all(code and re.fullmatch(r"[a-z_][a-z0-9_]*", name) for code, name in found.items()):
        raise ImproperlyConfigured(f"SEARCH_CONFIGURATIONS must read code:configuration,…, not {pairs!r}")
    return found


SEARCH_CONFIGURATIONS = _search_configurations(
    env_list("SEARCH_CONFIGURATIONS", "en:english,fr:french,de:german,es:spanish,it:italian,pt:portuguese,nl:dutch")
)
LOCALE_PATHS = [BASE_DIR / "openhour" / "locale"]
# One date format everywhere ("6 Dec 2026", "6 Dec 2026, 14:30"), set in openhour/formats/<language>/formats.py:
# a locale's formats win over settings.DATE_FORMAT, so that is where they must be.
FORMAT_MODULE_PATH = ["openhour.formats"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

_s3_origins = (
    [f"https://{d}" for d in [env_str("S3_CUSTOM_DOMAIN")] if d]
    + [origin for origin in [env_str("S3_ENDPOINT_URL")] if origin]
    + ([f"https://{S3_BUCKET}.s3.amazonaws.com"] if S3_BUCKET else [])
)

# Security: strict content policy everywhere (assets are vendored), secure cookies in production.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *env_list("CSP_IMG_SRC"), *_s3_origins],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "worker-src": ["'self'"],  # the service worker at /sw.js
        "manifest-src": ["'self'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Input hygiene (openhour/lib/text_hygiene.py, openhour/lib/middleware.py): a multipart body (files) may be at
# most REQUEST_MAX_BYTES, any other body DATA_UPLOAD_MAX_MEMORY_SIZE; larger ones get a 413 before they are read.
# Uploaded file names lose folders, control, bidi and zero-width characters as they are received.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 11 * UPLOAD_MAX_BYTES)
FILE_UPLOAD_HANDLERS = [
    "openhour.lib.uploads.CleanNameMemoryFileUploadHandler",
    "openhour.lib.uploads.CleanNameTemporaryFileUploadHandler",
]

# Marketplace rules an operator may tune.
PROJECT_EXPIRY_DAYS = env_int("PROJECT_EXPIRY_DAYS", 30)
# A delivery the client neither approves nor questions is released after this many days, with reminders.
AUTO_RELEASE_DAYS = env_int("AUTO_RELEASE_DAYS", 14)
AUTO_RELEASE_REMINDER_DAYS = [int(day) for day in env_list("AUTO_RELEASE_REMINDER_DAYS", "7,12")]
REVISIONS_DEFAULT = env_int("REVISIONS_DEFAULT", 2)  # revision rounds per milestone on contracts from proposals
OFFER_EXPIRY_DAYS = env_int("OFFER_EXPIRY_DAYS", 14)
UNFUNDED_REMINDER_DAYS = [int(day) for day in env_list("UNFUNDED_REMINDER_DAYS", "3,10")]
UNFUNDED_CANCEL_DAYS = env_int("UNFUNDED_CANCEL_DAYS", 30)
DEADLINE_REMINDER_DAYS = env_int("DEADLINE_REMINDER_DAYS", 2)
TIMESHEET_REVIEW_DAYS = env_int("TIMESHEET_REVIEW_DAYS", 5)
DISPUTE_RESPONSE_DAYS = env_int("DISPUTE_RESPONSE_DAYS", 3)
DISPUTE_APPEAL_DAYS = env_int("DISPUTE_APPEAL_DAYS", 3)
MESSAGE_MASKING = env_bool("MESSAGE_MASKING", True)  # hide contact details in messages before a contract
MESSAGE_DIGEST_QUIET_MINUTES = env_int("MESSAGE_DIGEST_QUIET_MINUTES", 30)
# Reviews: the window after a completed contract, reminders within it, how long a reply stays editable, and
# the reputation formula's prior (phantom reviews at the platform mean) and time decay (published on
# /trust/reviews). REVIEWS_SIGNING_KEY is the Ed25519 private key (PEM) that signs exported reviews; without
# it a key is derived from SECRET_KEY, so it stays the same as long as SECRET_KEY does.
REVIEW_WINDOW_DAYS = env_int("REVIEW_WINDOW_DAYS", 14)
REVIEW_REMINDER_DAYS = [int(day) for day in env_list("REVIEW_REMINDER_DAYS", "7,13")]
REPLY_EDIT_DAYS = env_int("REPLY_EDIT_DAYS", 30)
REPUTATION_PRIOR_REVIEWS = env_int("REPUTATION_PRIOR_REVIEWS", 7)
REPUTATION_HALF_LIFE_MONTHS = env_int("REPUTATION_HALF_LIFE_MONTHS", 12)
REVIEWS_SIGNING_KEY = env_str("REVIEWS_SIGNING_KEY")
# Review integrity: how long a public warning shows, how long a suspension lasts, and how many off-platform
# testimonials a freelancer may ask for each month.
SANCTION_WARNING_DAYS = env_int("SANCTION_WARNING_DAYS", 90)
SANCTION_SUSPENSION_DAYS = env_int("SANCTION_SUSPENSION_DAYS", 30)
TESTIMONIALS_PER_MONTH = env_int("TESTIMONIALS_PER_MONTH", 3)
# The review checks' thresholds, access-evidence retention among them: their defaults are one table
# (openhour/reviews/integrity/thresholds.py; the README lists them), and INTEGRITY_<NAME> in the environment
# overrides one, as a number.


def env_number(name: str) -> float:
    raw = os.environ[name]
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from None
    return int(value) if value.is_integer() else value


globals().update({name: env_number(name) for name in os.environ if name.startswith("INTEGRITY_")})
FX_MAX_AGE_DAYS = env_int("FX_MAX_AGE_DAYS", 3)  # conversions refuse exchange rates older than this
PROPOSALS_PER_MONTH = env_int("PROPOSALS_PER_MONTH", 15)  # proposals a freelancer may send per calendar month
AMOUNT_CEILING = env_int("AMOUNT_CEILING", 1_000_000)  # largest budget or price, in major units (e.g. pounds)
# The fee schedule new contracts are agreed under (openhour/money/fees.py). Name a new version when you
# change a rate: contracts keep the version they recorded.
FEE_SCHEDULE_VERSION = env_str("FEE_SCHEDULE_VERSION", "2026-11")
CLIENT_FEE_PERCENT = env_decimal("CLIENT_FEE_PERCENT", "5")
CONVERSION_FEE_PERCENT = env_decimal("CONVERSION_FEE_PERCENT", "2.5")

# Card payments: `sandbox` (offline, deterministic test cards) or `stripe`.
PAYMENT_GATEWAY = env_str("PAYMENT_GATEWAY", "sandbox")
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "https://api.stripe.com")
STRIPE_TIMEOUT_SECONDS = env_int("STRIPE_TIMEOUT_SECONDS", 30)
if PAYMENT_GATEWAY not in ("sandbox", "stripe"):
    raise ImproperlyConfigured("PAYMENT_GATEWAY must be 'sandbox' or 'stripe'.")
if PAYMENT_GATEWAY == "stripe" and not (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET):
    raise ImproperlyConfigured("PAYMENT_GATEWAY=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.")

# Identity checks before money leaves (openhour/accounts/identity): `manual` (documents an operator reviews) or
# `stripe` (Stripe Identity); when they are required; how long documents stay after the decision.
IDENTITY_PROVIDER = env_str("IDENTITY_PROVIDER", "manual")
IDENTITY_REQUIRED_FOR = env_list("IDENTITY_REQUIRED_FOR", "first_payout")
IDENTITY_YEARLY_PAYOUTS_ABOVE = env_int("IDENTITY_YEARLY_PAYOUTS_ABOVE", 200_000)  # minor units, in each currency
IDENTITY_FILES_KEEP_DAYS = env_int("IDENTITY_FILES_KEEP_DAYS", 30)
STRIPE_IDENTITY_WEBHOOK_SECRET = env_str("STRIPE_IDENTITY_WEBHOOK_SECRET", STRIPE_WEBHOOK_SECRET)
if IDENTITY_PROVIDER not in ("manual", "stripe"):
    raise ImproperlyConfigured("IDENTITY_PROVIDER must be 'manual' or 'stripe'.")
if IDENTITY_PROVIDER == "stripe" and not (STRIPE_SECRET_KEY and STRIPE_IDENTITY_WEBHOOK_SECRET):
    raise ImproperlyConfigured("IDENTITY_PROVIDER=stripe needs STRIPE_SECRET_KEY and STRIPE_IDENTITY_WEBHOOK_SECRET.")
if set(IDENTITY_REQUIRED_FOR) - {"first_payout", "yearly_payouts_above", "hourly_contracts"}:
    raise ImproperlyConfigured("IDENTITY_REQUIRED_FOR lists first_payout, yearly_payouts_above, hourly_contracts.")

# Payouts: the smallest withdrawal (minor units), the hold on new payout methods, and PayPal Payouts.
PAYOUT_MINIMUM = env_int("PAYOUT_MINIMUM", 2000)
PAYOUT_HOLD_DAYS = env_int("PAYOUT_HOLD_DAYS", 3)
PAYPAL_API_BASE = env_str("PAYPAL_API_BASE", "https://api-m.paypal.com")
PAYPAL_CLIENT_ID = env_str("PAYPAL_CLIENT_ID")
PAYPAL_CLIENT_SECRET = env_str("PAYPAL_CLIENT_SECRET")

# Closed accounts (openhour/accounts/closing): what accounting law makes us keep (the invoices' billed-to details,
# the bank details payouts went to) is erased this many years after the closing, by the timers.
CLOSED_ACCOUNT_RECORDS_YEARS = env_int("CLOSED_ACCOUNT_RECORDS_YEARS", 6)

# The operator's legal details: printed on invoices and used as the debtor of SEPA payout batches.
OPERATOR_LEGAL_NAME = env_str("OPERATOR_LEGAL_NAME", "openhour demo operator")
OPERATOR_ADDRESS = env_str("OPERATOR_ADDRESS", "1 Example Street, London, United Kingdom")
OPERATOR_COMPANY_NUMBER = env_str("OPERATOR_COMPANY_NUMBER")
OPERATOR_VAT_NUMBER = env_str("OPERATOR_VAT_NUMBER")
OPERATOR_IBAN = env_str("OPERATOR_IBAN", "GB33BUKB20201555555555")
OPERATOR_BIC = env_str("OPERATOR_BIC", "BUKBGB22")
VAT_PERCENT = env_decimal("VAT_PERCENT", "0")  # charged on the platform's fees; 0 prints no VAT line
INVOICE_PREFIX = env_str("INVOICE_PREFIX", "OH")
# VAT on the platform's fees (openhour/money/vat): VAT_PERCENT is the operator's domestic rate in OPERATOR_COUNTRY;
# businesses abroad with a VAT number are reverse-charged; with VAT_CONSUMER_COUNTRY_RATES, consumers pay their
# own country's rate from the admin's VAT rates table (EU OSS style). VAT numbers may be confirmed with VIES.
OPERATOR_COUNTRY = env_str("OPERATOR_COUNTRY", "GB").upper()
if not re.fullmatch(r"[A-Z]{2}", OPERATOR_COUNTRY):
    raise ImproperlyConfigured(f"OPERATOR_COUNTRY must be a two-letter ISO country code, not {OPERATOR_COUNTRY!r}")
VAT_CONSUMER_COUNTRY_RATES = env_bool("VAT_CONSUMER_COUNTRY_RATES", False)
VAT_NUMBER_LOOKUP = env_str("VAT_NUMBER_LOOKUP", "none")
if VAT_NUMBER_LOOKUP not in ("none", "vies"):
    raise ImproperlyConfigured(f"VAT_NUMBER_LOOKUP must be 'none' or 'vies', not {VAT_NUMBER_LOOKUP!r}")
VIES_API_BASE = env_str("VIES_API_BASE", "https://ec.europa.eu/taxation_customs/vies/rest-api")
VIES_TIMEOUT_SECONDS = env_int("VIES_TIMEOUT_SECONDS", 10)

# Seller income reporting (DAC7): sellers below BOTH thresholds in a year are not reported; freelancers are asked
# for their tax details once they reach REPORTING_NOTICE_SHARE of either. The amount is in each currency's minor units.
REPORTING_MIN_TRANSACTIONS = env_int("REPORTING_MIN_TRANSACTIONS", 30)
REPORTING_MIN_AMOUNT = env_int("REPORTING_MIN_AMOUNT", 200_000)
REPORTING_NOTICE_SHARE = env_fraction("REPORTING_NOTICE_SHARE", 0.8)
OPERATOR_TAX_ID = env_str("OPERATOR_TAX_ID")  # the platform operator's TIN in DAC7 reports

# Outgoing webhooks (openhour/webhooks): each delivery is signed, posted with a short timeout and retried with
# back-off (1 min, 5 min, 30 min, 2 h, 6 h, then every 6 h) up to WEBHOOK_MAX_ATTEMPTS attempts. After
# WEBHOOK_FAILURES_BEFORE_DISABLE failed attempts in a row, across its deliveries, an endpoint is turned off and its
# owner told. A rotated secret keeps signing beside the new one for WEBHOOK_SECRET_OVERLAP_HOURS.
# Targets must resolve to public addresses, checked when subscribing and again before each attempt: the networks
# (CIDRs) in WEBHOOK_ALLOWED_PRIVATE_TARGETS are let through all the same. While developing, loopback is, so a
# receiver on http://127.0.0.1 works; plain http is accepted only while loopback is allowed.
WEBHOOK_ALLOWED_PRIVATE_TARGETS = env_list("WEBHOOK_ALLOWED_PRIVATE_TARGETS", "127.0.0.0/8,::1/128" if DEBUG else "")
try:
    [ipaddress.ip_network(_network, strict=False) for _network in WEBHOOK_ALLOWED_PRIVATE_TARGETS]
except ValueError:
    raise ImproperlyConfigured(
        f"WEBHOOK_ALLOWED_PRIVATE_TARGETS lists networks (CIDRs), not {WEBHOOK_ALLOWED_PRIVATE_TARGETS!r}"
    ) from None
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 6)
WEBHOOK_FAILURES_BEFORE_DISABLE = env_int("WEBHOOK_FAILURES_BEFORE_DISABLE", 20)
WEBHOOK_SECRET_OVERLAP_HOURS = env_int("WEBHOOK_SECRET_OVERLAP_HOURS", 24)
if min(WEBHOOK_TIMEOUT_SECONDS, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_FAILURES_BEFORE_DISABLE) < 1:
    raise ImproperlyConfigured("WEBHOOK_TIMEOUT_SECONDS, _MAX_ATTEMPTS and _FAILURES_BEFORE_DISABLE must be 1 or more.")

# Observability (README, "Observability"). Errors go to Sentry, or a service speaking its protocol, when SENTRY_DSN
# is set, without cookies, Authorization headers or e-mail addresses (openhour/lib/error_reporting.py). /metrics
# serves Prometheus metrics to operators and to a scraper sending `Authorization: Bearer <METRICS_TOKEN>`; with
# several gunicorn workers, PROMETHEUS_MULTIPROC_DIR (read by prometheus-client itself) lets them count together.
SENTRY_DSN = env_str("SENTRY_DSN")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "development" if DEBUG else "production")
SENTRY_TRACES_SAMPLE_RATE = env_fraction("SENTRY_TRACES_SAMPLE_RATE", 0.0)
METRICS_TOKEN = env_str("METRICS_TOKEN")
# Log lines carry the request's id (openhour/lib/request_id.py); `json` writes each as one JSON object.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
_json_logs = LOG_FORMAT == "json"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "openhour.lib.request_id.RequestIdFilter"}},
    "formatters": {"json": {"()": "openhour.lib.logs.JsonLinesFormatter"}} if _json_logs else {},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"]}
        | ({"formatter": "json"} if _json_logs else {})
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # The PDF engine narrates every step of every invoice at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}

if SENTRY_DSN:  # imported only then: without a DSN no process loads the error-reporting client
    from openhour.lib.error_reporting import sentry_init

    sentry_init(dsn=SENTRY_DSN, environment=SENTRY_ENVIRONMENT, traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE)
