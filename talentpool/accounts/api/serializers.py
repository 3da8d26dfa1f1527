from rest_framework import serializers

from talentpool.api import bounds
from talentpool.tenancy.models import Role

from ..models import GroupRoleMapping, SsoDomain, SsoProvider, SsoSettings


class SsoSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = SsoSettings
        fields = ["sso_required", "default_role"]


class SsoProviderSerializer(serializers.ModelSerializer):
    client_secret = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=500)
    login_url = serializers.CharField(read_only=True)
    callback_url = serializers.CharField(read_only=True)

    class Meta:
        model = SsoProvider
        fields = [
            "id",
            "slug",
            "name",
            "protocol",
            "is_active",
            "issuer_url",
            "client_id",
            "client_secret",
            "scopes",
            "email_claim",
            "name_claim",
            "groups_claim",
            "idp_metadata_url",
            "idp_metadata_xml",
            "idp_entity_id",
            "sp_entity_id",
            "attribute_mapping",
            "signed_assertions_required",
            "allow_idp_initiated",
            "login_url",
            "callback_url",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]
        extra_kwargs = {
            "idp_metadata_xml": {"max_length": bounds.XML_METADATA},
            "attribute_mapping": {"validators": [bounds.MaxJsonSize(bounds.JSON_SMALL)]},
        }

    def validate(self, attrs):
        # The dashboard form's rules (required fields per protocol, metadata that parses) apply here too.
        from ..sso.forms import SsoProviderForm

        data = {
            **(
                {}
                if self.instance is None
                else {f: getattr(self.instance, f) for f in SsoProviderForm.Meta.fields}
            ),
            **attrs,
        }
        data.pop("attribute_mapping", None)
        form = SsoProviderForm(data={k: v for k, v in data.items() if v is not None}, instance=self.instance)
        form.fields["slug"].validators = []  # uniqueness is answered by the service
        if not form.is_valid():
            errors = {
                field: messages
                for field, messages in form.errors.items()
                if field != "slug" or "taken" not in str(messages)
            }
            if errors:
                raise serializers.ValidationError(errors)
        if not attrs.get("client_secret") and self.instance is not None:
            attrs.pop("client_secret", None)
        return attrs


class SsoDomainSerializer(serializers.ModelSerializer):
    txt_record = serializers.CharField(read_only=True)

    class Meta:
        model = SsoDomain
        fields = ["id", "domain", "txt_record", "verified_at", "created_at"]
        read_only_fields = ["id", "txt_record", "verified_at", "created_at"]


class GroupRoleMappingSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=Role.choices)

    class Meta:
        model = GroupRoleMapping
        fields = ["id", "group", "role"]
        read_only_fields = ["id"]
