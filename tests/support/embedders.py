"""A cheap embedder of another vector space than the app's, for tests about mixing embedders."""

from __future__ import annotations

import numpy as np


class HashEmbedder:
    """Bag of hashed characters in 64 dimensions: not the library's embedder (another identity and size)."""

    identity = "test-hash-embedder:1"
    dimension = 64

    def embed(self, texts):
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, text in enumerate(texts):
            for ch in text:
                out[i, hash(ch) % 64] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
