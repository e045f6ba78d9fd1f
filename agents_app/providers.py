"""Chooses the model behind the agents: OpenAI, an OpenAI-compatible server, or the offline model."""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

from agents import Model, OpenAIChatCompletionsModel, set_tracing_disabled
from django.conf import settings
from openai import AsyncOpenAI

from .offline.model import OfflineModel

ProviderKind = Literal["openai", "compatible", "offline"]


def provider_kind() -> ProviderKind:
    if settings.OPENAI_API_KEY:
        return "openai"
    if settings.OPENAI_BASE_URL:
        return "compatible"
    return "offline"


def provider_label() -> str:
    """What the chat page shows, so the offline model is never mistaken for an LLM."""
    kind = provider_kind()
    if kind == "openai":
        return f"OpenAI · {settings.CHATKIT_MODEL}"
    if kind == "compatible":
        return f"{settings.OPENAI_BASE_URL} · {settings.CHATKIT_MODEL}"
    return "Offline model (deterministic, no LLM)"


@lru_cache(maxsize=1)
def _compatible_client() -> AsyncOpenAI:
    return AsyncOpenAI(base_url=settings.OPENAI_BASE_URL, api_key=settings.OPENAI_API_KEY or "not-needed")


def openai_client() -> AsyncOpenAI:
    """The configured provider's client (OpenAI, or the compatible server at OPENAI_BASE_URL)."""
    return _client(settings.OPENAI_BASE_URL or None, settings.OPENAI_API_KEY or "not-needed")


@lru_cache(maxsize=4)  # keyed on the settings, so a test that changes them gets a client of its own
def _client(base_url: str | None, api_key: str) -> AsyncOpenAI:
    return AsyncOpenAI(base_url=base_url, api_key=api_key)


def model_for(name: str) -> Model | str:
    """The model for `name` (a model id from settings) under the configured provider."""
    kind = provider_kind()
    if kind == "openai":
        return name
    # Traces would be exported to OpenAI; without a key that can only fail, so turn them off.
    set_tracing_disabled(True)
    if kind == "compatible":
        return OpenAIChatCompletionsModel(model=name, openai_client=_compatible_client())
    return OfflineModel(name=f"offline:{name}", pace=settings.CHATKIT_OFFLINE_PACE)
