from __future__ import annotations

from rest_framework import serializers

from talentpool.api import bounds

from ..models import Attempt, Delivery, DeliveryStatus, Endpoint, EventType


class EndpointSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EventType.choices),
        min_length=1,
        max_length=bounds.EVENTS,
        help_text="the events to receive",
    )
    secret = serializers.CharField(
        read_only=True, help_text="whsec_…: verify each delivery's signature with it"
    )

    class Meta:
        model = Endpoint
        fields = [
            "id",
            "url",
            "description",
            "events",
            "is_active",
            "secret",
            "failing_since",
            "disabled_at",
            "disabled_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "is_active",
            "secret",
            "failing_since",
            "disabled_at",
            "disabled_reason",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"url": {"validators": []}}  # the service checks the URL (scheme, public address)


class AttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attempt
        fields = ["id", "attempted_at", "status_code", "error", "response_excerpt", "duration_ms"]
        read_only_fields = fields


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = Delivery
        fields = [
            "id",
            "endpoint",
            "event_id",
            "event_type",
            "status",
            "attempts",
            "next_attempt_at",
            "last_status_code",
            "last_error",
            "created_at",
            "delivered_at",
            "replays",
        ]
        read_only_fields = fields


class DeliveryDetailSerializer(DeliverySerializer):
    payload = serializers.JSONField(read_only=True)
    attempt_log = AttemptSerializer(many=True, read_only=True)

    class Meta(DeliverySerializer.Meta):
        fields = [*DeliverySerializer.Meta.fields, "payload", "attempt_log"]
        read_only_fields = fields


class ReplayFailedSerializer(serializers.Serializer):
    since = bounds.plausible_datetime(required=False, help_text="only deliveries created since then")


class ReplayCountSerializer(serializers.Serializer):
    replayed = serializers.IntegerField()


class DeliveryStatusFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=DeliveryStatus.choices, required=False)
