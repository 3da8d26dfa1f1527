"""The product's own examples built through the real services (interactions, pipeline moves, hires):

- tag "有零售门店运营经验": 20 candidates contacted, opened and replied; 10 interviewed; 1 hired —
  interview rate 50 %, hire rate 10 % (salary_mismatch);
- tag "精益生产落地经验": 10 candidates contacted, opened and replied; all 10 interviewed; 3 hired (two came
  from a job fair, one from a referral) — hire rate 30 % (source_more).

Everything happens in the last 60 days; the candidates entered the pool 200 days ago.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from candidates.models import Tag
from candidates.services import candidate_tag_add
from engagement.services.interactions import interaction_record
from profiles import services as profile_services
from talentpool.tenancy.context import tenant_context

from ..factories import make_candidate

RETAIL = "有零售门店运营经验"
LEAN = "精益生产落地经验"


@dataclass
class Scenario:
    retail: Tag
    lean: Tag
    retail_role: object
    lean_role: object
    retail_ids: list[int] = field(default_factory=list)
    lean_ids: list[int] = field(default_factory=list)
    hired_ids: list[int] = field(default_factory=list)


def _through(candidate, role, *, stages, when, actor=None):
    application, _ = profile_services.application_create(
        profile=role, candidate=candidate, actor=actor, occurred_at=when
    )
    for offset, stage in enumerate(stages, start=1):
        profile_services.application_move(
            application, to_stage=stage, actor=actor, occurred_at=when + timedelta(days=offset)
        )
    return application


def build(tenant, *, actor=None) -> Scenario:
    now = timezone.now()
    with tenant_context(tenant):
        retail = Tag.objects.create(
            key="experience.retail-store-operations",
            category="experience",
            name_zh=RETAIL,
            name_en="Retail store operations",
        )
        lean = Tag.objects.create(
            key="experience.lean-production-rollout",
            category="experience",
            name_zh=LEAN,
            name_en="Lean production rollout",
        )
        retail_role = profile_services.profile_create(
            title="门店运营经理",
            actor=actor,
            salary_min=Decimal("8000"),
            salary_max=Decimal("10000"),
            salary_currency="CNY",
            salary_period="month",
            requirements=[profile_services.RequirementInput(tag=retail, weight=5, must_have=True)],
        )
        lean_role = profile_services.profile_create(
            title="精益生产工程师",
            actor=actor,
            requirements=[profile_services.RequirementInput(tag=lean, weight=5, must_have=True)],
        )
    scenario = Scenario(retail=retail, lean=lean, retail_role=retail_role, lean_role=lean_role)
    for index in range(30):
        is_retail = index < 20
        source = "import" if is_retail else ("job_fair" if index < 27 else "referral")
        # Retail people expect more than the role offers (what the salary finding shows).
        salary = (
            {
                "salary_min": Decimal("12000"),
                "salary_max": Decimal("15000"),
                "salary_currency": "CNY",
                "salary_period": "month",
            }
            if is_retail
            else {}
        )
        candidate = make_candidate(
            tenant,
            full_name=f"{'零售' if is_retail else '精益'}候选人{index}",
            source=source,
            created_at=now - timedelta(days=200),
            **salary,
        )
        when = now - timedelta(days=50) + timedelta(hours=index)
        with tenant_context(tenant):
            candidate_tag_add(candidate, tag=retail if is_retail else lean, source="manual")
            interaction_record(
                candidate=candidate, kind="sent", channel="email", occurred_at=when, actor=actor
            )
            interaction_record(
                candidate=candidate, kind="opened", channel="email", occurred_at=when + timedelta(hours=2)
            )
            interaction_record(
                candidate=candidate, kind="replied", channel="email", occurred_at=when + timedelta(hours=5)
            )
            if is_retail:
                scenario.retail_ids.append(candidate.pk)
                if index < 10:
                    stages = (
                        ["interviewing", "offer", "hired"] if index == 0 else ["interviewing", "rejected"]
                    )
                    _through(
                        candidate, retail_role, stages=stages, when=when + timedelta(days=1), actor=actor
                    )
                    if index == 0:
                        scenario.hired_ids.append(candidate.pk)
            else:
                scenario.lean_ids.append(candidate.pk)
                hired = index in (20, 21, 27)
                stages = ["interviewing", "offer", "hired"] if hired else ["interviewing", "rejected"]
                _through(candidate, lean_role, stages=stages, when=when + timedelta(days=1), actor=actor)
                if hired:
                    scenario.hired_ids.append(candidate.pk)
    return scenario
