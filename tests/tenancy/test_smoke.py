from talentpool.tenancy.context import tenant_context
from talentpool.tenancy.models import Membership


def test_admin_membership_is_visible_in_its_tenant(admin_a, tenant_a):
    with tenant_context(tenant_a):
        assert Membership.objects.get().user == admin_a
