from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import serializers

from talentpool.accounts.models import Invitation
from talentpool.api import bounds
from talentpool.tenancy.models import ApiKey, ApiKeyScope, Membership, Notification, Role, Tenant


class TenantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tenant
        fields = ["id", "name", "slug", "time_zone", "default_language", "created_at"]
        read_only_fields = ["id", "slug", "created_at"]

    def validate_time_zone(self, value: str) -> str:
        import zoneinfo

        if value not in zoneinfo.available_timezones():
            raise serializers.ValidationError("Unknown time zone; use an IANA name such as Asia/Shanghai.")
        return value


class MemberUserSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    email = serializers.EmailField(read_only=True)
    name = serializers.CharField(read_only=True)


class MembershipSerializer(serializers.ModelSerializer):
    user = MemberUserSerializer(read_only=True)
    role = serializers.ChoiceField(choices=Role.choices)

    class Meta:
        model = Membership
        fields = ["id", "user", "role", "created_at"]
        read_only_fields = ["id", "user", "created_at"]

    def validate(self, attrs):
        # The role is the only thing a member's PATCH can change: an empty body has nothing to apply.
        if "role" not in attrs:
            raise serializers.ValidationError({"role": [_("This field is required.")]})
        return attrs


class InvitationSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=Role.choices, default=Role.RECRUITER)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, write_only=True, required=False)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Invitation
        fields = ["id", "email", "role", "language", "status", "created_at", "expires_at", "accepted_at"]
        read_only_fields = ["id", "status", "created_at", "expires_at", "accepted_at"]

    def get_status(self, invitation: Invitation) -> str:
        if invitation.accepted_at:
            return "accepted"
        if invitation.revoked_at:
            return "revoked"
        return "pending" if invitation.is_pending else "expired"


class ApiKeySerializer(serializers.ModelSerializer):
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=ApiKeyScope.choices),
        allow_empty=False,
        max_length=bounds.SCOPES,
    )
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = ApiKey
        fields = ["id", "name", "prefix", "scopes", "is_active", "created_at", "last_used_at", "revoked_at"]
        read_only_fields = ["id", "prefix", "is_active", "created_at", "last_used_at", "revoked_at"]


class CreatedApiKeySerializer(ApiKeySerializer):
    key = serializers.CharField(read_only=True, help_text="The full key. Shown once; store it now.")

    class Meta(ApiKeySerializer.Meta):
        fields = [*ApiKeySerializer.Meta.fields, "key"]


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.SerializerMethodField()
    title = serializers.CharField(
        source="rendered_title",
        read_only=True,
        help_text="in the reader's language (Accept-Language or their own choice)",
    )
    body = serializers.CharField(source="rendered_body", read_only=True)
    params = serializers.JSONField(read_only=True, help_text="what the message says, as data, by kind")

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "params", "url", "is_read", "created_at", "read_at"]
        read_only_fields = fields

    def get_is_read(self, notification) -> bool:
        return notification.read_at is not None


class ReadAllResultSerializer(serializers.Serializer):
    updated = serializers.IntegerField(help_text="notifications marked read now")
