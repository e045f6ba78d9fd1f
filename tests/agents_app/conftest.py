from __future__ import annotations

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def _instant_demos(monkeypatch: pytest.MonkeyPatch) -> None:
    # Demo pacing is for people watching; tests want the events, not the wait.
    monkeypatch.setattr(settings, "CHATKIT_DEMO_STEP_SECONDS", 0.0)
