"""Which hosts the app may contact: the administrator's policy file and the user's allowlist.

The network is off unless a host is allowed. Hosts come from one of two places:

* an **administrator policy file** (``policy.json`` beside the installed app, or
  ``/etc/analyst-desk/policy.json`` / ``%PROGRAMDATA%\\AnalystDesk\\policy.json``). When one exists it
  alone decides: ``"network": "off"`` forbids every connection, otherwise only its
  ``allow_hosts`` may be contacted. Users cannot widen it from Settings or the environment;
* otherwise (an unmanaged install) the user's Settings ``allow_hosts`` plus
  ``ANALYST_DESK_ALLOW_HOSTS`` (comma-separated ``host[:port]``), for scripts and tests.

``ANALYST_DESK_POLICY`` names a policy file for tests and trials; it is ignored when an
administrator's file exists in one of the fixed places, so it cannot be used to escape one.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

from analyst_desk.core import offline, paths
from analyst_desk.core.errors import ConfigError

log = logging.getLogger(__name__)

POLICY_ENV = "ANALYST_DESK_POLICY"
ALLOW_HOSTS_ENV = "ANALYST_DESK_ALLOW_HOSTS"
POLICY_FILE = "policy.json"


def admin_policy_paths() -> list[Path]:
    """The fixed places an administrator's policy file is looked for, first found wins."""
    places = [paths.project_root() / POLICY_FILE]
    if sys.platform.startswith("win"):
        places.append(Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "AnalystDesk" / POLICY_FILE)
    else:
        places.append(Path("/etc/analyst-desk") / POLICY_FILE)
    return places


@dataclass(frozen=True)
class HostRule:
    """One allowlist entry: a host name or IP address, and a port (``None``: any port)."""

    host: str
    port: int | None = None

    @classmethod
    def parse(cls, text: str) -> "HostRule":
        """``host``, ``host:port``, ``[v6]:port`` or a URL such as ``https://llm.bank:8000/v1``."""
        raw = text.strip()
        if "://" in raw:
            raw = raw.split("://", 1)[1]
        raw = raw.split("/", 1)[0].rsplit("@", 1)[-1]
        if not raw:
            raise ConfigError(code="network.bad_host", params={"text": text})
        if raw.startswith("["):  # [::1]:8000
            host, _, rest = raw[1:].partition("]")
            port_text = rest[1:] if rest.startswith(":") else ""
        elif raw.count(":") == 1:
            host, port_text = raw.split(":")
        else:  # a name, an IPv4 address, or a bare IPv6 address
            host, port_text = raw, ""
        if port_text and not port_text.isdigit():
            raise ConfigError(code="network.bad_port", params={"text": text})
        return cls(host.lower(), int(port_text) if port_text else None)

    def matches(self, host: str, port: int) -> bool:
        return self.host == host.lower() and (self.port is None or self.port == port)

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}" if self.port is not None else host


def parse_hosts(value) -> list[HostRule]:
    """Rules from a comma-separated string or a list of strings; blank entries are skipped."""
    items = value.split(",") if isinstance(value, str) else list(value or [])
    return [HostRule.parse(str(item)) for item in items if str(item).strip()]


@dataclass
class NetworkPolicy:
    """The allowlist in force, and where it came from (shown in Settings and in refusals)."""

    allow: list[HostRule] = field(default_factory=list)
    #: The administrator's file, if one decides; ``None`` for an unmanaged install.
    source: Path | None = None
    #: Defaults IT may set for every user (a server URL, its model, an internal CA bundle).
    remote_url: str = ""
    remote_model: str = ""
    ca_file: str = ""
    remote_context_size: int = 0
    #: ``"audit": "required"``: an output that could not be recorded in the audit log is withheld.
    audit_required: bool = False

    @property
    def managed(self) -> bool:
        return self.source is not None

    @property
    def network_enabled(self) -> bool:
        return bool(self.allow)

    def allows(self, host: str, port: int) -> bool:
        return any(rule.matches(host, port) for rule in self.allow)

    def describe(self) -> str:
        where = f"the administrator's policy {self.source}" if self.source else "Settings"
        hosts = ", ".join(str(r) for r in self.allow) or "none (network off)"
        return f"allowed hosts from {where}: {hosts}"


def _policy_file() -> Path | None:
    for path in admin_policy_paths():
        if path.is_file():
            return path
    override = os.environ.get(POLICY_ENV)
    if override:
        return Path(override).expanduser()
    return None


def read_policy_file(path: Path) -> NetworkPolicy:
    """Parse an administrator's policy file. A broken file closes the network rather than opening it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("the file must hold a JSON object")
        off = str(data.get("network", "allowlist")).lower() in {"off", "false", "disabled", "none"}
        allow = [] if off else parse_hosts(data.get("allow_hosts", []))
        return NetworkPolicy(allow=allow, source=Path(path), remote_url=str(data.get("remote_url", "") or ""),
                             remote_model=str(data.get("remote_model", "") or ""),
                             ca_file=str(data.get("ca_file", "") or ""),
                             remote_context_size=int(data.get("remote_context_size", 0) or 0),
                             audit_required=str(data.get("audit", "") or "").lower() == "required")
    except (OSError, ValueError, TypeError, ConfigError) as exc:
        # Fail closed on both counts: no connection, and no output the log did not take.
        log.error("Network policy %s is unreadable (%s): every connection is refused", path, exc)
        return NetworkPolicy(allow=[], source=Path(path), audit_required=True)


def current_policy(settings=None) -> NetworkPolicy:
    """The allowlist in force for ``settings`` (the saved settings when omitted)."""
    path = _policy_file()
    if path is not None:
        return read_policy_file(path)
    if settings is None:
        from analyst_desk.core.config import Settings

        settings = Settings.load()
    rules: list[HostRule] = []
    for value in (getattr(settings, "allow_hosts", []), os.environ.get(ALLOW_HOSTS_ENV, "")):
        try:
            rules.extend(parse_hosts(value))
        except ConfigError as exc:
            log.warning("Ignoring an allowlist entry: %s", exc)
    return NetworkPolicy(allow=rules)


def permit_host(host: str, port: int, policy: NetworkPolicy) -> list[tuple]:
    """Check ``host:port`` against the allowlist, resolve it, and let the socket guard pass it.

    Returns the ``getaddrinfo`` entries to connect to (pinned: the guard passes exactly these).
    Raises ``NetworkBlockedError`` (logged and recorded) when the host is not allowed, whether
    it is a remote machine or this one.
    """
    target = f"{host}:{port}"
    if offline.BLOCK_ENV in os.environ and os.environ[offline.BLOCK_ENV] == "1":
        offline.refuse(target, f"{offline.BLOCK_ENV}=1 blocks every connection")
    if not policy.allows(host, port):
        offline.refuse(target, f"not on the allowlist; {policy.describe()}")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        from analyst_desk.core.errors import ServerUnreachableError

        raise ServerUnreachableError(code="server.not_found", params={"server": target, "reason": str(exc)}) from exc
    offline.permit([(info[4][0], info[4][1]) for info in infos])
    return infos
