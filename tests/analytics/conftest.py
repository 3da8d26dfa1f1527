import pytest

from . import scenario as product_scenario


@pytest.fixture
def scenario(tenant_a, recruiter_a):
    return product_scenario.build(tenant_a, actor=recruiter_a)
