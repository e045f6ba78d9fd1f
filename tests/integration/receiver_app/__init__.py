"""A stand-in for a project's own app with a `request_started` receiver that uses the ORM."""
