"""``/api/v1/activity/`` and ``/api/v1/follow-ups/``: how alive the pool is, and whom to call today.

- ``GET /activity/``: the activity rate (share of the pool with a human interaction in the last 6 months) and
  the tier distribution; ``?by=tag|source|tier`` gives the rate per segment instead.
- ``GET /follow-ups/``: the follow-up-today list — high-tier candidates nobody has contacted since they became
  highly active, best first, with why (their interactions) and the open roles that fit.

Every member who reads the pool may read both.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from talentpool.errors import ServiceError
from talentpool.tenancy.models import POOL_READERS
from talentpool.web import id_param

from ..selectors.activity import SEGMENTS, activity_rate, follow_up_today, tier_distribution

_SEGMENT = inline_serializer(
    "ActivitySegment",
    {
        "key": serializers.CharField(),
        "label": serializers.CharField(),
        "pool": serializers.IntegerField(),
        "active": serializers.IntegerField(),
        "rate": serializers.FloatField(),
    },
    many=True,
    required=False,
)


class ActivityView(APIView):
    """The pool's activity rate and tiers now, or the rate per segment."""

    read_roles = POOL_READERS

    @extend_schema(
        parameters=[
            OpenApiParameter("by", str, enum=list(SEGMENTS), description="rate per tag, source or tier")
        ],
        responses=inline_serializer(
            "Activity",
            {
                "pool": serializers.IntegerField(),
                "active": serializers.IntegerField(),
                "rate": serializers.FloatField(),
                "tiers": serializers.DictField(child=serializers.IntegerField()),
                "by": serializers.CharField(required=False),
                "segments": _SEGMENT,
            },
        ),
    )
    def get(self, request):
        by = request.query_params.get("by") or None
        if by is not None and by not in SEGMENTS:
            raise ServiceError(f"by must be one of: {', '.join(SEGMENTS)}.", field="by")
        body = {**activity_rate(), "tiers": tier_distribution()}
        if by is not None:
            body.update(by=by, segments=activity_rate(by=by))
        return Response(body)


class FollowUpTodayView(APIView):
    """High-tier candidates not contacted since they became highly active, best first."""

    read_roles = POOL_READERS

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, description="at most this many (1–200, default 50)")],
        responses=inline_serializer(
            "FollowUpToday",
            {
                "id": serializers.IntegerField(),
                "candidate": serializers.IntegerField(),
                "name": serializers.CharField(),
                "activity_score": serializers.FloatField(),
                "activity_tier": serializers.CharField(),
                "reason": serializers.DictField(),
                "roles": serializers.ListField(child=serializers.DictField()),
                "fit": serializers.FloatField(),
                "created_at": serializers.DateTimeField(),
            },
            many=True,
        ),
    )
    def get(self, request):
        raw = request.query_params.get("limit")
        limit = id_param(raw, high=200) if raw else 50
        if limit is None:
            raise ServiceError("limit must be a whole number from 1 to 200.", field="limit")
        return Response(
            [
                {
                    "id": item.pk,
                    "candidate": item.candidate_id,
                    "name": item.candidate.full_name,
                    "activity_score": round(item.candidate.activity_score, 1),
                    "activity_tier": item.candidate.activity_tier,
                    "reason": item.reason,
                    "roles": item.roles,
                    "fit": item.fit,
                    "created_at": item.created_at,
                }
                for item in follow_up_today(limit=limit)
            ]
        )


urlpatterns = [
    path("activity/", ActivityView.as_view(), name="activity"),
    path("follow-ups/", FollowUpTodayView.as_view(), name="follow-ups"),
]
