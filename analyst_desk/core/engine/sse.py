"""Server-sent events (the ``text/event-stream`` format OpenAI-compatible servers stream in)."""

from __future__ import annotations

from typing import Iterable, Iterator

DONE = "[DONE]"


def sse_data(lines: Iterable[bytes]) -> Iterator[str]:
    """The ``data`` of each event, in order; comments (``: ping``) and other fields are skipped.

    Iteration simply ends when ``lines`` does; a caller that expects ``[DONE]`` can tell a
    finished stream from a dropped one by whether it saw it.
    """
    data: list[str] = []
    for raw in lines:
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        if not line:
            if data:
                yield "\n".join(data)
                data = []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        if name == "data":
            data.append(value[1:] if value.startswith(" ") else value)
    if data:  # the last event lacked its blank line: a cut-off stream; the caller decides
        yield "\n".join(data)
