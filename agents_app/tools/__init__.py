"""The guide's tools: each one shows a ChatKit feature working end to end."""
from __future__ import annotations

import asyncio

from django.conf import settings


async def demo_step() -> None:
    """Wait one demo step, so progress and workflows are watchable (zero in tests)."""
    if settings.CHATKIT_DEMO_STEP_SECONDS > 0:
        await asyncio.sleep(settings.CHATKIT_DEMO_STEP_SECONDS)
