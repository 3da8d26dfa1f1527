"""Read queries for roles, shortlists and the pipeline, used by the API, the dashboard and analytics."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from talentpool.tenancy.models import Membership, Role

from .models import (
    Application,
    ApplicationStage,
    Hire,
    HireSource,
    RoleHiringManager,
    RoleProfile,
    Shortlist,
    ShortlistStatus,
    StageEvent,
)

# The forward path of the funnel; rejected / withdrawn / probation failed leave it.
FUNNEL_STAGES = (
    ApplicationStage.SOURCED,
    ApplicationStage.CONTACTED,
    ApplicationStage.REPLIED,
    ApplicationStage.INTERVIEWING,
    ApplicationStage.OFFER,
    ApplicationStage.HIRED,
    ApplicationStage.PROBATION_PASSED,
)


def profile_funnel(profile: RoleProfile) -> list[dict]:
    """Per stage of the forward path: how many applications reached it (ever) and how many are in it now.

    "Reached" counts an application at a stage if it was ever moved to that stage or any later one, so a
    candidate an HRIS moved straight to interviewing still counts as contacted.
    """
    reached_rows = StageEvent.objects.filter(
        application__profile=profile, to_stage__in=FUNNEL_STAGES
    ).values_list("application_id", "to_stage")
    furthest: dict[int, int] = {}
    for application_id, stage in reached_rows:
        furthest[application_id] = max(furthest.get(application_id, 0), FUNNEL_STAGES.index(stage))
    now = dict(Application.objects.filter(profile=profile).values_list("stage").annotate(n=Count("id")))
    funnel = []
    for index, stage in enumerate(FUNNEL_STAGES):
        reached = sum(1 for value in furthest.values() if value >= index)
        funnel.append(
            {
                "stage": stage,
                "label": ApplicationStage(stage).label,
                "reached": reached,
                "current": now.get(stage, 0),
            }
        )
    for stage in (ApplicationStage.REJECTED, ApplicationStage.WITHDRAWN, ApplicationStage.PROBATION_FAILED):
        funnel.append(
            {
                "stage": stage,
                "label": ApplicationStage(stage).label,
                "reached": now.get(stage, 0),
                "current": now.get(stage, 0),
                "exit": True,
            }
        )
    return funnel


def stage_labels(tenant) -> dict[str, str]:
    """Every stage's label for the tenant's people: the tenant's own name for it (Tenant.stage_labels, one
    wording for every language) or the product's, translated. The stage keys never change."""
    own = getattr(tenant, "stage_labels", None) or {}
    return {
        value: (str(own.get(value) or "").strip() or str(label)) for value, label in ApplicationStage.choices
    }


def pool_share_of_hires(*, since=None, until=None) -> dict:
    """Hires of the tenant (voided ones count nowhere) and how many came from the pool (the pool's share)."""
    hires = Hire.objects.filter(Hire.counted)
    if since is not None:
        hires = hires.filter(hired_at__gte=since)
    if until is not None:
        hires = hires.filter(hired_at__lte=until)
    counts = hires.aggregate(total=Count("id"), from_pool=Count("id", filter=Q(source=HireSource.POOL)))
    total = counts["total"] or 0
    return {
        "total": total,
        "from_pool": counts["from_pool"] or 0,
        "share": round(counts["from_pool"] / total, 4) if total else None,
    }


def member_role(user) -> str | None:
    return Membership.objects.filter(user=user).values_list("role", flat=True).first()


def shortlists_for_reviewer(user) -> QuerySet:
    """Shortlists this user may review: every sent one for recruiters/admins, their roles' for hiring managers."""
    shortlists = Shortlist.objects.select_related("profile").exclude(status=ShortlistStatus.DRAFT)
    if member_role(user) in (Role.ADMIN, Role.RECRUITER):
        return shortlists
    roles = RoleHiringManager.objects.filter(user=user).values("profile_id")
    return shortlists.filter(profile_id__in=roles)


def roles_of_hiring_manager(user) -> QuerySet:
    return RoleProfile.objects.filter(hiring_manager_links__user=user)
