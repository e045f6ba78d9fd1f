"""Settings for ChatKit Studio, read from the environment with safe embedded defaults.

With no environment at all the app runs on SQLite, an in-memory channel layer, eager Celery,
local file storage and the offline model. Production points DATABASE_URL / REDIS_URL at real
services and sets HTTPS=1, SECRET_KEY and ALLOWED_HOSTS.
"""
from __future__ import annotations

import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .env import database_from_url, env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _local_secret_key() -> str:
    """A per-checkout key kept in var/, so local sessions survive restarts without a shared default."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY") or _local_secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "daphne",  # makes `runserver` serve ASGI, the same stack as production
    "chatkit_site.admin_site.StudioAdminConfig",  # django.contrib.admin, branded
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "chatkit_site",  # login sessions that carry their user (chatkit_site/sessions.py)
    "threads",
    "attachments",
    "agents_app",
]

# Under ASGI each of Django's own is swapped for a subclass that runs on the event loop
# (chatkit_site/middleware.py); the list keeps the stock names that deploy checks look for.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "chatkit_site.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "chatkit_site.urls"
ASGI_APPLICATION = "chatkit_site.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {"default": database_from_url(DATABASE_URL, base_dir=BASE_DIR)}
# Lets concurrent test runs on one PostgreSQL server use distinct throwaway databases.
if env_str("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Threads that run ORM code for async views (chatkit_site.db); each holds one connection.
CHATKIT_DB_THREADS = env_int("CHATKIT_DB_THREADS", 8)
# PostgreSQL: the chat path's fixed statements are prepared once per connection (chatkit_site.db).
# Off for a pooler in transaction mode that cannot keep prepared statements.
CHATKIT_DB_PREPARED = env_bool("CHATKIT_DB_PREPARED", True)
# PostgreSQL: the statements every chat turn waits on run on the event loop, on up to
# CHATKIT_DB_THREADS async connections of their own (chatkit_site.loop_db); off: on the threads.
CHATKIT_DB_ON_LOOP = env_bool("CHATKIT_DB_ON_LOOP", True)

REDIS_URL = env_str("REDIS_URL")
# Lets several deployments (or concurrent test runs) share one Redis database without mixing
# cache entries, channel groups or task queues.
REDIS_KEY_PREFIX = env_str("REDIS_KEY_PREFIX", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": REDIS_KEY_PREFIX}
    }
    CHANNEL_LAYERS = {
        # channels-redis blocks up to 5 s waiting for messages; redis-py 8 also times reads out at
        # 5 s by default, so the two race and sockets die. Give reads room beyond the block.
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 30}], "prefix": f"{REDIS_KEY_PREFIX}asgi"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Background work ---------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "") or None
# Without a real broker the tasks run in-process, so the embedded default needs no worker.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not (REDIS_URL or env_str("CELERY_BROKER_URL")))
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_BROKER_CONNECTION_TIMEOUT = env_float("CELERY_BROKER_CONNECTION_TIMEOUT", 2.0)
CELERY_TASK_PUBLISH_RETRY = False
# A worker started before Redis waits for it instead of exiting (and Celery 6 will not infer this).
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if REDIS_KEY_PREFIX and CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": REDIS_KEY_PREFIX}

# --- Files -------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every start when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Attachments -------------------------------------------------------------------------
# Site-wide defaults; a per-user AttachmentPolicy (admin) can tighten or loosen each one.
ATTACHMENTS_MAX_FILE_SIZE = env_int("ATTACHMENTS_MAX_FILE_SIZE", 10 * 1024 * 1024)
ATTACHMENTS_QUOTA_BYTES = env_int("ATTACHMENTS_QUOTA_BYTES", 200 * 1024 * 1024)
ATTACHMENTS_ALLOWED_TYPES = env_list(
    "ATTACHMENTS_ALLOWED_TYPES",
    ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf",
     "text/plain", "text/markdown", "text/csv", "application/json"],
)
# Images are refused before decoding above this many pixels (decompression bombs).
ATTACHMENTS_MAX_IMAGE_PIXELS = env_int("ATTACHMENTS_MAX_IMAGE_PIXELS", 40_000_000)
# Lifetime of the signed preview / download links handed to the page.
# Short is fine: an expired link redirects to a fresh one for anyone still allowed to read it.
ATTACHMENTS_URL_TTL_SECONDS = env_int("ATTACHMENTS_URL_TTL_SECONDS", 300)
# Absolute URLs (upload descriptors, previews) use this origin when set, else the request's.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL").rstrip("/")
# Any S3-compatible service (AWS, MinIO, moto) holds the uploaded bytes when a bucket is named.
STORAGE_BUCKET = env_str("STORAGE_BUCKET")
if STORAGE_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_BUCKET,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            # Bytes are served through our views, behind our own signed links and access check.
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

# --- Auth and security -------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Sessions and the backend that reads one together with its user: one query per authenticated
# request instead of two. Switching engines logs everyone out once (their rows stay behind in
# django_session, which `clearsessions` no longer reads).
SESSION_ENGINE = "chatkit_site.sessions"
AUTHENTICATION_BACKENDS = ["chatkit_site.sessions.SessionUserBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "chat"
LOGOUT_REDIRECT_URL = "login"

HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# --- I18n --------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("de", "Deutsch"), ("es", "Español")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- ChatKit -----------------------------------------------------------------------------
OPENAI_API_KEY = env_str("OPENAI_API_KEY")
OPENAI_BASE_URL = env_str("OPENAI_BASE_URL")
CHATKIT_MODEL = env_str("CHATKIT_MODEL", "gpt-4.1-mini")
CHATKIT_THINKING_MODEL = env_str("CHATKIT_THINKING_MODEL", "o4-mini")
CHATKIT_TITLE_MODEL = env_str("CHATKIT_TITLE_MODEL", "gpt-4.1-nano")
# Seconds between streamed chunks of the offline model: visible in the UI, 0 in benchmarks.
CHATKIT_OFFLINE_PACE = env_float("CHATKIT_OFFLINE_PACE", 0.02)
# When > 0 the offline model answers every turn with exactly this many text deltas (benchmarks).
CHATKIT_OFFLINE_FIXED_DELTAS = env_int("CHATKIT_OFFLINE_FIXED_DELTAS", 0)
# Seconds per step of the guide's slow demos (progress updates, workflows); 0 in tests.
CHATKIT_DEMO_STEP_SECONDS = env_float("CHATKIT_DEMO_STEP_SECONDS", 0.8)
# Which client the chat page embeds: "official" (ChatKit.js from OpenAI's CDN), "open" (our
# <chatkit-open>, no CDN) or "auto" (official, falling back to open if the script does not load).
# "auto" by default, so a machine that cannot reach the CDN still gets a working chat.
CHATKIT_CLIENT = env_str("CHATKIT_CLIENT", "auto")
if CHATKIT_CLIENT not in {"official", "open", "auto"}:
    raise ImproperlyConfigured("CHATKIT_CLIENT must be official, open or auto")
CHATKIT_JS_URL = env_str("CHATKIT_JS_URL", "https://cdn.platform.openai.com/deployments/chatkit/chatkit.js")
CHATKIT_CLIENT_FALLBACK_MS = env_int("CHATKIT_CLIENT_FALLBACK_MS", 4000)
# How the chat page uploads attachments: "direct" (one multipart POST) or "two_phase"
# (attachments.create, then the bytes to the returned upload URL).
CHATKIT_UPLOAD_STRATEGY = env_str("CHATKIT_UPLOAD_STRATEGY", "direct")
if CHATKIT_UPLOAD_STRATEGY not in {"direct", "two_phase"}:
    raise ImproperlyConfigured("CHATKIT_UPLOAD_STRATEGY must be direct or two_phase")
# Extra origins for the Content-Security-Policy (comma-separated), e.g. a reverse proxy's
# websocket origin or new ChatKit.js origins, without a code change.
CSP_EXTRA_CONNECT_SRC = env_list("CSP_EXTRA_CONNECT_SRC", [])
CSP_EXTRA_FRAME_SRC = env_list("CSP_EXTRA_FRAME_SRC", [])
# ChatKit.js needs a domain key registered with OpenAI; the placeholder only works on localhost.
CHATKIT_DOMAIN_KEY = env_str("CHATKIT_DOMAIN_KEY", "domain_pk_localhost_dev")
CHATKIT_MAX_REQUEST_BYTES = env_int("CHATKIT_MAX_REQUEST_BYTES", 2_000_000)
CHATKIT_HISTORY_ITEM_BUDGET = env_int("CHATKIT_HISTORY_ITEM_BUDGET", 60)
CHATKIT_HISTORY_CHAR_BUDGET = env_int("CHATKIT_HISTORY_CHAR_BUDGET", 60_000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"chatkit": {"level": env_str("CHATKIT_LOG_LEVEL", "WARNING")}},
}
