"""Dictation (`input.transcribe`): the composer's recording, turned into text by the provider.

OpenAI and OpenAI-compatible servers (whisper.cpp, vLLM, speaches, ...) share one endpoint,
`POST /v1/audio/transcriptions`, which tells formats apart by the uploaded file's name, so
the recording is sent under a name that matches its media type. The offline model has no
speech recognition: there `transcription_available()` is false and the page leaves
`composer.dictation` off.
"""
from __future__ import annotations

import logging

import openai
from chatkit.types import AudioInput, TranscriptionResult
from django.conf import settings

from .providers import openai_client, provider_kind

logger = logging.getLogger(__name__)

# What browsers' MediaRecorder produces (webm, ogg, mp4) and what people upload (wav, mp3).
FILE_NAMES = {
    "audio/webm": "dictation.webm",
    "video/webm": "dictation.webm",
    "audio/ogg": "dictation.ogg",
    "audio/mp4": "dictation.mp4",
    "audio/x-m4a": "dictation.m4a",
    "audio/m4a": "dictation.m4a",
    "audio/wav": "dictation.wav",
    "audio/wave": "dictation.wav",
    "audio/x-wav": "dictation.wav",
    "audio/mpeg": "dictation.mp3",
}


class TranscriptionRefused(Exception):
    """Audio the server will not transcribe; `status` is the HTTP answer."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


NOT_CONFIGURED = (
    "Dictation is not configured on this server: set OPENAI_API_KEY, or OPENAI_BASE_URL for an"
    " OpenAI-compatible server. The offline model cannot transcribe audio."
)


def transcription_available() -> bool:
    return provider_kind() != "offline"


def file_name_for(media_type: str) -> str:
    name = FILE_NAMES.get(media_type.strip().lower())
    if name is None:
        kinds = ", ".join(sorted({n.rsplit(".", 1)[1] for n in FILE_NAMES.values()}))
        raise TranscriptionRefused(f"Audio of type {media_type or 'unknown'!r} cannot be transcribed; send {kinds}.", status=415)
    return name


async def transcribe(audio: AudioInput) -> TranscriptionResult:
    if not transcription_available():
        raise TranscriptionRefused(NOT_CONFIGURED, status=501)
    if not audio.data:
        raise TranscriptionRefused("The recording is empty.", status=400)
    if len(audio.data) > settings.CHATKIT_MAX_AUDIO_BYTES:
        raise TranscriptionRefused(
            f"The recording is {len(audio.data)} bytes; the limit is {settings.CHATKIT_MAX_AUDIO_BYTES}.", status=413,
        )
    name = file_name_for(audio.media_type)
    try:
        result = await openai_client().audio.transcriptions.create(
            model=settings.CHATKIT_TRANSCRIBE_MODEL, file=(name, audio.data, audio.media_type),
        )
    except openai.APIStatusError as exc:
        logger.warning("transcription refused by the provider: %s %s", exc.status_code, exc.message)
        if 400 <= exc.status_code < 500 and exc.status_code not in (401, 403, 429):
            raise TranscriptionRefused("The speech-to-text service could not read this recording.", status=400) from exc
        raise TranscriptionRefused("Dictation is unavailable right now. Please type instead.", status=503) from exc
    except openai.APIError as exc:  # connection errors, timeouts
        logger.warning("transcription failed: %s", exc)
        raise TranscriptionRefused("Dictation is unavailable right now. Please type instead.", status=503) from exc
    return TranscriptionResult(text=(result.text or "").strip())
