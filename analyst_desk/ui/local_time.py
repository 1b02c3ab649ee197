"""Times are stored in UTC (ISO 8601) and shown in the computer's own time zone."""

from __future__ import annotations

from datetime import datetime, timezone


def local_time(stamp: str, *, seconds: bool = True) -> str:
    """"2026-03-12T02:05:09+00:00" → "2026-03-12 10:05:09" in Beijing; unparseable text is shown as is."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
