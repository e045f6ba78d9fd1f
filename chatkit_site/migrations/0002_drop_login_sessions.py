# Sessions moved to Django's stock engine (django.contrib.sessions, `cached_db`); the custom
# session table goes. Logins stored in it end with it: everyone signs in again once.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("chatkit_site", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="Session"),
    ]
