"""The SDK suite's `tests._types.RequestContext`: a user id, as in the SDK's own tests.

`helpers.mock_store` maps it to a Django user and our `threads.context.RequestContext`.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    user_id: str
