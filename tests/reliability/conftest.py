"""Limits under test start from empty counters: the cache outlives single tests in a process."""
from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_counters() -> None:
    cache.clear()
