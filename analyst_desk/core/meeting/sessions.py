"""The meeting being worked on, kept in the data folder so closing the app loses nothing."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from analyst_desk.core import paths
from analyst_desk.core.meeting.export import write_atomic
from analyst_desk.core.meeting.minutes import Minutes

log = logging.getLogger(__name__)


@dataclass
class MeetingSession:
    """Transcript text as edited, the meeting date, and the minutes (once summarised)."""

    transcript: str = ""
    source_name: str = ""
    date: dt.date | None = None
    minutes: Minutes | None = None
    #: Why the audit log could not take these minutes ("" when it did): kept with them, so the minutes are
    #: still marked when the app is opened again (issue 26).
    unaudited: str = ""

    def to_json(self) -> dict:
        return {"transcript": self.transcript, "source_name": self.source_name,
                "date": self.date.isoformat() if self.date else None,
                "minutes": self.minutes.to_json() if self.minutes else None, "unaudited": self.unaudited}

    @classmethod
    def from_json(cls, data: dict) -> "MeetingSession":
        return cls(transcript=data.get("transcript", ""), source_name=data.get("source_name", ""),
                   date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
                   minutes=Minutes.from_json(data["minutes"]) if data.get("minutes") else None,
                   unaudited=str(data.get("unaudited") or ""))


def session_path() -> Path:
    return paths.data_subdir("meetings") / "current.json"


def save_session(session: MeetingSession) -> Path:
    path = session_path()
    from analyst_desk.core.compliance.crypto import protect

    write_atomic(path, protect(json.dumps(session.to_json(), ensure_ascii=False, indent=1).encode("utf-8")))
    return path


def load_session() -> MeetingSession | None:
    """The last session, or ``None``; a damaged file is logged and ignored rather than blocking the pane."""
    path = session_path()
    if not path.exists():
        return None
    from analyst_desk.core.compliance.crypto import unprotect

    try:
        return MeetingSession.from_json(json.loads(unprotect(path.read_bytes()).decode("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        log.exception("Could not read %s; starting with an empty meeting", path)
        return None
