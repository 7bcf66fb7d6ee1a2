"""Parsed uploads waiting in the session for the person's confirmation: the workbook of one
report and the region's workbook keep them alike.

Each is kept under a one-time token. A newer upload for the same thing (the same report, the
same year) replaces the older one, and taking a token removes it, so a confirmation cannot be
posted twice.
"""

import secrets
from typing import Any


def keep(session, key: str, owner: tuple[str, int], stored: dict[str, Any]) -> str:
    """Keep `stored` (JSON) for `owner` (name, id), replacing what the owner had; its token."""
    name, value = owner
    token = secrets.token_urlsafe(24)
    pending = {known: kept for known, kept in session.get(key, {}).items() if kept[name] != value}
    pending[token] = {name: value, **stored}
    session[key] = pending
    return token


def take(session, key: str, token: str, owner: tuple[str, int]) -> dict[str, Any] | None:
    """What was kept under `token` for `owner`, removed from the session; None if nothing is
    (a used or expired token, or another owner's)."""
    name, value = owner
    pending = session.get(key, {})
    stored = pending.get(token)
    if stored is None or stored[name] != value:
        return None
    del pending[token]
    session[key] = pending
    return stored
