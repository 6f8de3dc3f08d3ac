"""Accounts as the Admin page lists them beyond name and role: the e-mail each signs in with
through the organisation's OpenID Connect provider."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, col

from monitor.core.models import User


def emails(*, session: Session) -> dict[str, str]:
    """Each user name with an e-mail set, and that e-mail (stored trimmed and in lower case)."""
    query = sa.select(col(User.username), col(User.email)).where(col(User.email).is_not(None))
    return {name: email for name, email in session.execute(query).all()}
