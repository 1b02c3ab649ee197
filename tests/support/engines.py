"""Chat engines with the real engine's interface (``stream_chat`` → ``Generation``, ``count_tokens``,
``context_size``) that never run a model: for prompt assembly, parsing, guards and verification only."""

from __future__ import annotations

from analyst_desk.core.engine.base import Generation


class NoModel:
    """Stands in for the engine where the test proves the model is *not* called."""

    context_size = 4096
    model_name = "none"

    def stream_chat(self, *args, **kwargs):
        raise AssertionError("the model must not be called")

    def count_tokens(self, text: str) -> int:
        return len(text)


class ScriptedEngine:
    """Writes the text a test plants, ``chunk`` characters at a time (all at once when None), as a model
    streams; counts its calls and keeps the messages it was given."""

    def __init__(self, text: str, *, chunk: int | None = None, context_size: int = 4096,
                 chars_per_token: int = 1, model_name: str = "scripted") -> None:
        self.text = text
        self.chunk = chunk
        self.context_size = context_size
        self.chars_per_token = chars_per_token
        self.model_name = model_name
        self.calls = 0
        self.messages: list = []

    def count_tokens(self, text: str) -> int:
        return max(1, len(text) // self.chars_per_token)

    def stream_chat(self, messages, **kwargs) -> Generation:
        self.calls += 1
        self.messages.append(messages)
        size = self.chunk or max(1, len(self.text))
        return Generation(self.text[i:i + size] for i in range(0, len(self.text), size))
