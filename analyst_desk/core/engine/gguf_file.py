"""Read GGUF metadata straight from the file header, without loading any weights.

This is what lets the model selector show name, quantisation, size and context length for
a 7B model in milliseconds, and what detects truncated or non-GGUF files before llama.cpp
would crash or hang on them.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from analyst_desk.core.errors import ModelError

GGUF_MAGIC = b"GGUF"

# GGUF value types.
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
_STRING, _ARRAY = 8, 9

# ggml tensor types: (elements per block, bytes per block). Used to check the file holds every tensor.
_TENSOR_BLOCKS = {
    0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 6: (32, 22), 7: (32, 24), 8: (32, 34), 9: (32, 36),
    10: (256, 84), 11: (256, 110), 12: (256, 144), 13: (256, 176), 14: (256, 210), 15: (256, 292),
    16: (256, 66), 17: (256, 74), 18: (256, 98), 19: (256, 50), 20: (32, 18), 21: (256, 110),
    22: (256, 82), 23: (256, 136), 24: (1, 1), 25: (1, 2), 26: (1, 4), 27: (1, 8), 28: (1, 8),
    29: (256, 56), 30: (1, 2), 34: (256, 54), 35: (256, 66),
}

# llama.cpp's LLAMA_FTYPE enum, as stored in general.file_type.
FILE_TYPES = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K",
    11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S",
    17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS",
    23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M",
    30: "IQ4_XS", 31: "IQ1_M", 32: "BF16", 36: "TQ1_0", 37: "TQ2_0",
}

# Metadata arrays we never need the contents of (vocabularies run to 150k entries).
_SKIP_ARRAY_CONTENTS = ("tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type",
                        "tokenizer.ggml.merges")


@dataclass
class GGUFHeader:
    """Everything read from a GGUF header."""

    version: int
    metadata: dict[str, Any]
    tensor_count: int
    parameter_count: int
    #: Bytes the file must have to hold all tensor data; compared with the real size.
    expected_size: int
    file_size: int
    array_lengths: dict[str, int] = field(default_factory=dict)


class _Reader:
    def __init__(self, handle: BinaryIO, path: Path) -> None:
        self._f = handle
        self._path = path

    def read(self, n: int) -> bytes:
        data = self._f.read(n)
        if len(data) != n:
            raise ModelError(code="model.truncated", params={"name": self._path.name})
        return data

    def unpack(self, fmt: str) -> Any:
        return struct.unpack(fmt, self.read(struct.calcsize(fmt)))[0]

    def string(self) -> str:
        length = self.unpack("<Q")
        if length > 1 << 26:
            raise ModelError(code="model.corrupt", params={"name": self._path.name},
                             detail=f"string of {length} bytes")
        return self.read(length).decode("utf-8", errors="replace")

    def skip_string(self) -> None:
        length = self.unpack("<Q")
        self._f.seek(length, 1)

    def value(self, vtype: int, *, keep: bool = True) -> Any:
        if vtype in _SCALARS:
            return self.unpack(_SCALARS[vtype])
        if vtype == _STRING:
            if keep:
                return self.string()
            self.skip_string()
            return None
        if vtype == _ARRAY:
            item_type = self.unpack("<I")
            count = self.unpack("<Q")
            if not keep:
                if item_type in _SCALARS:
                    self._f.seek(struct.calcsize(_SCALARS[item_type]) * count, 1)
                else:
                    for _ in range(count):
                        self.value(item_type, keep=False)
                return count
            return [self.value(item_type) for _ in range(count)]
        raise ModelError(code="model.corrupt", params={"name": self._path.name}, detail=f"unknown value type {vtype}")


def read_header(path: Path) -> GGUFHeader:
    """Parse the GGUF header of ``path``; raise ``ModelError`` for anything that is not a whole GGUF."""
    path = Path(path)
    if not path.exists():
        raise ModelError(code="model.not_found_file", params={"path": str(path)})
    file_size = path.stat().st_size
    if file_size == 0:
        raise ModelError(code="model.empty", params={"name": path.name})
    with path.open("rb") as handle:
        magic = handle.read(4)
        if magic != GGUF_MAGIC:
            raise ModelError(code="model.not_gguf", params={"name": path.name})
        reader = _Reader(handle, path)
        version = reader.unpack("<I")
        if version < 2:
            raise ModelError(code="model.old_gguf", params={"name": path.name, "version": version})
        tensor_count = reader.unpack("<Q")
        kv_count = reader.unpack("<Q")
        if tensor_count > 1_000_000 or kv_count > 100_000:
            raise ModelError(code="model.corrupt", params={"name": path.name})
        metadata: dict[str, Any] = {}
        array_lengths: dict[str, int] = {}
        for _ in range(kv_count):
            key = reader.string()
            vtype = reader.unpack("<I")
            if vtype == _ARRAY and key in _SKIP_ARRAY_CONTENTS:
                array_lengths[key] = reader.value(vtype, keep=False)
            else:
                metadata[key] = reader.value(vtype)
        params = 0
        data_end = 0
        for _ in range(tensor_count):
            reader.skip_string()
            n_dims = reader.unpack("<I")
            dims = [reader.unpack("<Q") for _ in range(n_dims)]
            ggml_type = reader.unpack("<I")
            offset = reader.unpack("<Q")
            elements = 1
            for d in dims:
                elements *= d
            params += elements
            block = _TENSOR_BLOCKS.get(ggml_type)
            nbytes = (elements // block[0]) * block[1] if block else 0
            data_end = max(data_end, offset + nbytes)
        alignment = int(metadata.get("general.alignment", 32)) or 32
        header_end = handle.tell()
        data_start = (header_end + alignment - 1) // alignment * alignment
    expected = data_start + data_end
    if file_size < expected:
        raise ModelError(code="model.short", params={"name": path.name, "size": f"{file_size:,}",
                                                     "expected": f"{expected:,}"})
    return GGUFHeader(version=version, metadata=metadata, tensor_count=tensor_count,
                      parameter_count=params, expected_size=expected, file_size=file_size,
                      array_lengths=array_lengths)
