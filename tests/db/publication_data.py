"""Data for the publication tests: public entries, and secrets that must never be published.

Every secret text carries a unique marker, so a scan of the published bytes can look for each.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from monitor.core.db import session_scope
from monitor.core.models import (
    AssessmentState,
    CoverageProposal,
    Draft,
    InboxItem,
    Role,
    Sensitivity,
    User,
)
from monitor.core.permissions import Actor
from monitor.services import publication
from tests.factories import demand_id, make_actor, make_assessment, make_evidence


def marker(kind: str) -> str:
    return f"LEAK{kind.upper()}{uuid.uuid4().hex[:12]}"


class Filled:
    """What a test database holds: the markers that must not be published, and the ones
    that must (to prove the scan can find a marker)."""

    def __init__(self) -> None:
        self.secrets: list[str] = []
        self.public_uids: list[str] = []
        self.hidden_uids: list[str] = []
        self.published_marker = marker("public")
        self.admin: Actor | None = None

    def secret(self, kind: str) -> str:
        found = marker(kind)
        self.secrets.append(found)
        return found


def fill(engine: Engine, *, entries: int = 3) -> Filled:
    """Public, restricted, confidential and withdrawn entries, users, assessments and codes."""
    filled = Filled()
    with session_scope(engine) as session:
        names = [filled.secret("user") for _ in range(3)]
        admin = make_actor(session, names[0], Role.ADMIN)
        editor = make_actor(session, names[1], Role.EDITOR)
        viewer = session.get(User, make_actor(session, names[2], Role.VIEWER).id)
        assert viewer is not None
        viewer.display_name = filled.secret("displayname")
        filled.admin = admin
        for n in range(entries):
            for sensitivity in (Sensitivity.RESTRICTED, Sensitivity.CONFIDENTIAL):
                entry = make_evidence(
                    session,
                    editor,
                    demands=("D01", "D02"),
                    sensitivity=sensitivity,
                    title=filled.secret("title"),
                    description=f"Testimony of {filled.secret('description')}",
                    source_title=filled.secret("sourcetitle"),
                    source_url=f"https://example.org/{filled.secret('sourceurl')}",
                    settlement_name=filled.secret("settlement"),
                    people_count=1000 + n,
                    event_start=date(2024, 3, 1 + n),
                )
                filled.hidden_uids.append(entry.uid)
            public = make_evidence(
                session,
                editor,
                demands=("D01", "D03"),
                sensitivity=Sensitivity.PUBLIC,
                title=filled.secret("publictitle"),
                description=filled.secret("publicdescription"),
                source_title=filled.secret("publicsourcetitle"),
                source_url=f"https://example.org/{filled.secret('publicsourceurl')}",
                settlement_name=filled.secret("publicsettlement"),
                settlement_code="UA01020030010012345",
                event_start=date(2025, 5, 1 + n),
            )
            filled.public_uids.append(public.uid)
            withdrawn = make_evidence(
                session,
                editor,
                sensitivity=Sensitivity.PUBLIC,
                title=filled.secret("withdrawntitle"),
                withdrawn_at=datetime(2025, 6, 1, tzinfo=UTC),
                withdrawn_reason=filled.secret("withdrawnreason"),
            )
            filled.hidden_uids.append(withdrawn.uid)
        make_assessment(session, admin, "D01", 1, date(2025, 1, 1), rationale=filled.secret("r"))
        make_assessment(session, admin, "D01", 2, date(2025, 6, 1), rationale=filled.secret("r"))
        make_assessment(
            session,
            admin,
            "D02",
            3,
            date(2025, 7, 1),
            state=AssessmentState.PROPOSED,
            approver_id=None,
            decided_at=None,
            rationale=filled.secret("proposedrationale"),
        )
        draft = session.get(Draft, 1)
        assert draft is not None
        draft.notes = filled.secret("draftnotes")
        draft.title = f"{draft.title} {filled.published_marker}"
        session.add(
            CoverageProposal(
                draft_id=draft.id,
                demand_id=demand_id(session, "D05"),
                level="contradicts",
                point_labels="1",
                note=filled.secret("coveragenote"),
                legal_note=filled.secret("legalnote"),
                author_id=editor.id,
            )
        )
        session.add(
            InboxItem(
                source="feed",
                external_id=filled.secret("inboxid"),
                url=f"https://example.org/{filled.secret('inboxurl')}",
                title=filled.secret("inboxtitle"),
                summary=filled.secret("inboxsummary"),
            )
        )
    return filled


def publish(engine: Engine, filled: Filled, target: Path) -> publication.PublicationReport:
    assert filled.admin is not None
    return publication.publish(engine=engine, actor=filled.admin, target=target)
