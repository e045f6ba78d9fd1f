"""The app's settings plus an app whose `request_started` receiver queries the ORM."""
from chatkit_site.settings import *  # noqa: F403
from chatkit_site.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.integration.receiver_app"]
