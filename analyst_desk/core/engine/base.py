"""The one small interface every task uses to talk to a language model.

Tasks (Ask, drafting, minutes, key figures) depend on :class:`ChatEngine`, never on
``llama_cpp``. Generation is an iterator of text chunks wrapped in :class:`Generation`, which
also records timing so every run can report time-to-first-token and tokens/s.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Protocol, runtime_checkable

from analyst_desk.core.cancel import NEVER, CancelToken


@dataclass
class ChatMessage:
    role: str  # "system" | "user" | "assistant"
    content: str

    def to_dict(self) -> dict:
        return {"role": self.role, "content": self.content}


@dataclass
class GenerationStats:
    """Timing of one generation, as shown in the status bar and printed by the CLI."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    time_to_first_token: float = 0.0
    total_seconds: float = 0.0
    #: "stop" (end of answer), "length" (max tokens), "cancelled", or "disconnected" (a model
    #: server's connection dropped mid-answer: the text so far is kept, and ``interrupted`` says so).
    finish_reason: str = "stop"
    #: Why the answer is incomplete, in words for the user; empty when it is not.
    interrupted: str = ""

    @property
    def tokens_per_second(self) -> float:
        gen_time = self.total_seconds - self.time_to_first_token
        if self.completion_tokens <= 1 or gen_time <= 0:
            return 0.0
        # The first token's time is prefill; rate is over the tokens after it.
        return (self.completion_tokens - 1) / gen_time

    def summary(self) -> str:
        return (f"{self.completion_tokens} tokens, first token {self.time_to_first_token:.2f} s, "
                f"{self.tokens_per_second:.1f} tokens/s, {self.finish_reason}")


class Generation:
    """An iterable of text chunks that records the full text and timing as it is consumed.

    Cancelling the token ends iteration at the next chunk; the partial text is kept.
    """

    def __init__(self, chunks: Iterable[str], cancel: CancelToken = NEVER,
                 prompt_tokens: int = 0) -> None:
        self._chunks = chunks
        self._cancel = cancel
        self.text = ""
        self.stats = GenerationStats(prompt_tokens=prompt_tokens)
        self.done = False

    def __iter__(self) -> Iterator[str]:
        start = time.perf_counter()
        iterator = iter(self._chunks)
        try:
            for chunk in iterator:
                if self._cancel.cancelled:
                    self.stats.finish_reason = "cancelled"
                    break
                if not chunk:
                    continue
                if self.stats.completion_tokens == 0:
                    self.stats.time_to_first_token = time.perf_counter() - start
                self.stats.completion_tokens += 1
                self.text += chunk
                yield chunk
            else:
                if self._cancel.cancelled:
                    self.stats.finish_reason = "cancelled"
        finally:
            close = getattr(iterator, "close", None)
            if close:
                close()
            self.stats.total_seconds = time.perf_counter() - start
            self.done = True

    def consume(self) -> str:
        """Run to the end (or cancellation) and return the text."""
        for _ in self:
            pass
        return self.text


def mask_messages(messages: list, names: list) -> list:
    """The messages with ID, card and phone numbers (and listed names) masked, for ``mask_pii``."""
    from analyst_desk.core.compliance.pii import mask_text

    return [ChatMessage(m.role, mask_text(m.content, names)) if isinstance(m, ChatMessage)
            else {**m, "content": mask_text(m["content"], names)} for m in messages]


@runtime_checkable
class ChatEngine(Protocol):
    """What a task needs from a loaded chat model."""

    @property
    def context_size(self) -> int: ...

    @property
    def model_name(self) -> str: ...

    def stream_chat(self, messages: list[ChatMessage], *, max_tokens: int = 512,
                    temperature: float = 0.2, cancel: CancelToken = NEVER,
                    stop: list[str] | None = None, json_schema: dict | None = None) -> Generation: ...

    def count_tokens(self, text: str) -> int: ...

    def close(self) -> None: ...


@dataclass
class LoadOptions:
    """How to load a model. Zero means "choose from the model and the machine"."""

    context_size: int = 4096
    threads: int = 0
    embedding: bool = False
    seed: int = 42
    #: Mask ID, card and phone numbers (and listed names) in every prompt before the model sees it.
    mask_pii: bool = False
    pii_names: list = field(default_factory=list)
    #: Use fewer threads while other programs hold cores (llama.cpp's spinning threads otherwise
    #: slow each other about tenfold on a busy machine; see analyst_desk/core/engine/cpu_share.py).
    adaptive_threads: bool = True
    extra: dict = field(default_factory=dict)
