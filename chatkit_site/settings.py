"""Settings for ChatKit Studio, read from the environment with safe embedded defaults.

With no environment at all the app runs on SQLite, an in-memory channel layer, eager Celery,
local file storage and the offline model. Production points DATABASE_URL / REDIS_URL at real
services and sets HTTPS=1, SECRET_KEY and ALLOWED_HOSTS.
"""
from __future__ import annotations

import secrets
from datetime import timedelta
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
    "chatkit_site",
    "threads",
    "attachments",
    "agents_app",
    "axes",  # login lockouts (reliability block below)
]

# Django's own, run by its stock ASGI handler (chatkit_site/asgi.py). WhiteNoise comes last on
# purpose: it is sync-only, and with a sync-only middleware innermost Django runs the whole stack
# in sync mode, on the request's thread in one switch, and calls the async view from there.
# With WhiteNoise second, as its docs suggest, the rest of the stack stayed async and each of its
# hooks was a switch of its own (about fourteen per request): the stack cost the ChatKit endpoint
# a fifth of its throughput (docs/performance.md). Static responses pass the other middleware,
# which only adds headers to them.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "chatkit_site.csp.ContentSecurityPolicyMiddleware",
    "chatkit_site.errors.DatabaseErrorMiddleware",  # database errors in views: JSON 503 (reliability block)
    "whitenoise.middleware.WhiteNoiseMiddleware",  # below the sync-and-async ones: see above
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
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

# Threads that run ORM code for the async ChatKit path (chatkit_site.db): at most this many of a
# process's pooled connections serve chat traffic, however many streams are open.
CHATKIT_DB_THREADS = env_int("CHATKIT_DB_THREADS", 8)

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
# Django's stock session engine: read from the cache (local memory, or Redis when REDIS_URL is
# set) and written through to the database, so most requests read their session with no query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The token lives in the session instead of a cookie when set (the chat page reads it from the DOM).
CSRF_USE_SESSIONS = env_bool("CSRF_USE_SESSIONS", False)
CSRF_COOKIE_HTTPONLY = env_bool("CSRF_COOKIE_HTTPONLY", False)
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
# Models a user may pick in the composer (comma-separated ids the provider serves). With two or
# more the page shows a model menu; CHATKIT_MODEL is the default, and any other choice is ignored.
CHATKIT_MODELS = env_list("CHATKIT_MODELS", [])
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

# --- Dictation (input.transcribe) ---
# The provider's speech-to-text model, and the largest recording accepted (decoded bytes).
CHATKIT_TRANSCRIBE_MODEL = env_str("CHATKIT_TRANSCRIBE_MODEL", "gpt-4o-mini-transcribe")
CHATKIT_MAX_AUDIO_BYTES = env_int("CHATKIT_MAX_AUDIO_BYTES", 5_000_000)
# Django refuses larger bodies before any view runs: room for the audio as base64 (4/3 of its
# size) and the JSON around it. Every other ChatKit request is still held to
# CHATKIT_MAX_REQUEST_BYTES by the server (threads.server).
DATA_UPLOAD_MAX_MEMORY_SIZE = max(CHATKIT_MAX_REQUEST_BYTES, CHATKIT_MAX_AUDIO_BYTES * 4 // 3 + 64 * 1024)
# --- end dictation ---

# --- Reliability and abuse limits ---------------------------------------------------------
# Longest message text (and any one string in a request), in characters: longer is refused
# with 413 before the model sees it, so no one message can buy an answer of megabytes.
CHATKIT_MAX_MESSAGE_CHARS = env_int("CHATKIT_MAX_MESSAGE_CHARS", 20_000)
# Longest thread title a rename may set (the column holds 255).
CHATKIT_MAX_TITLE_CHARS = env_int("CHATKIT_MAX_TITLE_CHARS", 255)
# Per user and per THROTTLE_WINDOW_SECONDS (0 turns a limit off); each refusal is 429 + Retry-After.
THROTTLE_WINDOW_SECONDS = env_int("THROTTLE_WINDOW_SECONDS", 60)
CHATKIT_TURNS_PER_WINDOW = env_int("CHATKIT_TURNS_PER_WINDOW", 20)
ATTACHMENTS_UPLOADS_PER_WINDOW = env_int("ATTACHMENTS_UPLOADS_PER_WINDOW", 20)
# Answers one user may have streaming at once, and how long a slot outlives a process that died.
CHATKIT_MAX_CONCURRENT_STREAMS = env_int("CHATKIT_MAX_CONCURRENT_STREAMS", 3)
CHATKIT_STREAM_SLOT_SECONDS = env_int("CHATKIT_STREAM_SLOT_SECONDS", 300)
# Login lockouts (django-axes): AXES_FAILURE_LIMIT wrong passwords for one username from one
# address lock that pair out for AXES_COOLOFF_MINUTES; staff unlock in admin (Access attempts).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "chatkit_site.throttling.login_locked_out"
# Django's own backend behind axes' check (axes only refuses locked-out logins).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Site ceilings no per-user AttachmentPolicy may exceed unless a superuser sets it.
ATTACHMENTS_MAX_FILE_SIZE_CEILING = env_int("ATTACHMENTS_MAX_FILE_SIZE_CEILING", 100 * 1024 * 1024)
ATTACHMENTS_QUOTA_CEILING = env_int("ATTACHMENTS_QUOTA_CEILING", 2 * 1024 * 1024 * 1024)
# PDFs: text from at most this many pages, and no more than this many seconds of parsing.
ATTACHMENTS_PDF_MAX_PAGES = env_int("ATTACHMENTS_PDF_MAX_PAGES", 200)
ATTACHMENTS_PDF_SECONDS = env_float("ATTACHMENTS_PDF_SECONDS", 20.0)
# Publishing to the broker: connect timeout, and after a failure how long turns skip it (and
# the warning is not repeated) before the next try.
CELERY_BROKER_PUBLISH_TIMEOUT = env_float("CELERY_BROKER_PUBLISH_TIMEOUT", 0.1)
CELERY_BROKER_RETRY_SECONDS = env_float("CELERY_BROKER_RETRY_SECONDS", 30.0)
# No connect retries inside kombu (its default retries for CELERY_BROKER_CONNECTION_TIMEOUT,
# about 2 s per publish with Redis down); the breaker in chatkit_site/celery.py decides instead.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **globals().get("CELERY_BROKER_TRANSPORT_OPTIONS", {}),
    "max_retries": 0, "interval_start": 0, "socket_connect_timeout": CELERY_BROKER_PUBLISH_TIMEOUT,
}
# Every task is stopped after these many seconds (soft: the task may clean up; hard: killed).
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 60)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 90)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"chatkit": {"level": env_str("CHATKIT_LOG_LEVEL", "WARNING")}},
}
