"""Interaction → score → tier → notification through a real Celery worker, as the issue's contract reads."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.models import FollowUp
from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Notification

from ..conftest import bearer
from ..factories import make_candidate


@pytest.mark.worker
def test_an_interaction_posted_to_the_api_makes_the_candidate_high_and_notifies_within_two_seconds(
    worker, client, tenant_a, key_a, recruiter_a, monkeypatch
):
    from engagement.tasks import high_tier_entered

    # The reaction goes to the test worker's own queue, through the broker, like any queued task.
    monkeypatch.setattr(
        high_tier_entered, "delay", lambda *args: high_tier_entered.apply_async(args=args, queue=worker)
    )
    candidate = make_candidate(tenant_a, full_name="王精益", created_at=timezone.now() - timedelta(days=730))
    started = time.monotonic()
    for kind in ("opened", "replied"):
        response = client.post(
            "/api/v1/interactions/",
            {
                "candidate": candidate.pk,
                "kind": kind,
                "channel": "email",
                "occurred_at": timezone.now().isoformat(),
            },
            content_type="application/json",
            **bearer(key_a),
        )
        assert response.status_code == 201, response.content
    detail = client.get(f"/api/v1/candidates/{candidate.pk}/", **bearer(key_a)).json()
    assert detail["activity_tier"] == "high" and detail["activity_score"] >= 79.5
    while True:
        with tenant_context(tenant_a):
            notified = Notification.objects.filter(user=recruiter_a, kind="high_activity").exists()
            opened = FollowUp.objects.filter(candidate_id=candidate.pk, done_at__isnull=True).exists()
        if notified and opened or time.monotonic() - started > 2.0:
            break
        time.sleep(0.05)
    assert notified and opened, (
        f"no notification and follow-up within 2 s ({time.monotonic() - started:.2f} s)"
    )
