"""Files copied next to the SDK's own tests when `tests/sdk/suite.py` stages them.

They are not imported from here: the SDK's tests import `tests._types` and
`helpers.mock_store`, so these files become that `tests` package in the staging directory.
"""
