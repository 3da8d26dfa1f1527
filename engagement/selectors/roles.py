"""The open roles that fit one candidate: matching run from the candidate to the roles."""

from __future__ import annotations

from profiles.matching import MatchOptions, rank
from profiles.models import ProfileStatus, Requirement, RoleProfile


def roles_for_candidate(candidate, *, limit: int = 3) -> list[dict]:
    """The open RoleProfiles this candidate fits, best first: ``[{"id", "title", "score"}]`` (score 0–100).

    Each open role with requirements is ranked with ``profiles.matching.rank`` restricted to this one candidate
    (``MatchOptions.candidate_ids``) in the default mode, as the engine ranks them: a role whose must-have the
    candidate misses counts at the must-have penalty. One statement per open role (about 5 ms each: ~1 s for
    200 open roles, on the worker, never in a request). Read-only.
    """
    roles = list(
        RoleProfile.objects.filter(status=ProfileStatus.OPEN)
        .filter(pk__in=Requirement.objects.values("profile_id"))
        .order_by("-created_at", "id")
    )
    options = MatchOptions(candidate_ids=(candidate.pk,), limit=1, include_inactive=True)
    fits = []
    for role in roles:
        matches = rank(role, options)
        if matches and matches[0].score > 0:
            fits.append({"id": role.pk, "title": role.title, "score": round(float(matches[0].score), 1)})
    fits.sort(key=lambda fit: (-fit["score"], fit["id"]))
    return fits[:limit]
