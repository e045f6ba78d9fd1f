"""The site app keeps no models of its own.

Until this release it kept a session table that recorded each login's user (a custom session
engine); sessions are Django's stock `cached_db` engine now, and migration 0002 drops that table.
Everyone is logged out once by the upgrade (see the README's release notes).
"""
