"""Assessments of one demand, with authors, approvers and the evidence they rest on.

The evidence an assessment cites is listed as the reader may see it: an assessment is read by
everyone, the entries it rests on only by those the policy lets read them, so a cited
confidential or another organisation's entry is neither named nor counted here.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import col

from monitor.core.models import Assessment, AssessmentEvidence, Demand, Evidence, User
from monitor.core.permissions import Visibility


def for_demand(engine: Engine, code: str, *, visible: Visibility) -> pd.DataFrame:
    """Every assessment of a demand, newest first, with who proposed and who decided, and
    the cited entries (and their incidents) that `visible` admits."""
    author, approver = aliased(User), aliased(User)
    query = (
        sa.select(
            col(Assessment.id),
            col(Assessment.assessed_on),
            col(Assessment.score),
            col(Assessment.state),
            col(Assessment.rationale),
            col(Assessment.self_approved),
            col(Assessment.author_id),
            sa.label("author", col(author.username)),
            sa.label("approver", col(approver.username)),
            col(Assessment.decided_at),
        )
        .join(Demand, col(Demand.id) == col(Assessment.demand_id))
        .join(author, col(author.id) == col(Assessment.author_id))
        .outerjoin(approver, col(approver.id) == col(Assessment.approver_id))
        .where(col(Demand.code) == code)
        .order_by(col(Assessment.assessed_on).desc(), col(Assessment.id).desc())
    )
    links = (
        sa.select(
            col(AssessmentEvidence.assessment_id),
            col(AssessmentEvidence.evidence_id),
            col(Evidence.incident_id),
        )
        .join(Evidence, col(Evidence.id) == col(AssessmentEvidence.evidence_id))
        .where(*visible.conditions())
    )
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
        evidence: dict[int, list[int]] = {}
        reported: dict[int, set[tuple[str, int]]] = {}  # the incidents: linked entries once
        ids = [r["id"] for r in rows]
        if ids:
            for assessment_id, evidence_id, incident_id in conn.execute(
                links.where(col(AssessmentEvidence.assessment_id).in_(ids))
            ):
                evidence.setdefault(assessment_id, []).append(evidence_id)
                one = ("incident", incident_id) if incident_id else ("entry", evidence_id)
                reported.setdefault(assessment_id, set()).add(one)
    columns = [
        "id",
        "assessed_on",
        "score",
        "state",
        "rationale",
        "self_approved",
        "author_id",
        "author",
        "approver",
        "decided_at",
    ]
    frame = pd.DataFrame([dict(r) for r in rows], columns=columns)
    frame["evidence"] = [", ".join(map(str, sorted(evidence.get(i, [])))) for i in frame["id"]]
    frame["incidents"] = [len(reported.get(i, ())) for i in frame["id"]]
    return frame
