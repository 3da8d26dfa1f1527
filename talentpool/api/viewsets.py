"""The base of every tenant API view: querysets come from a scoped hook that cannot be bypassed by accident."""

from __future__ import annotations

from rest_framework import viewsets


class TenantScopedViewSet(viewsets.GenericViewSet):
    """Subclasses set ``model`` and may define ``scoped_queryset()``; they never override ``get_queryset``.

    The tenant's manager already filters by the current tenant (and PostgreSQL row-level security backs it),
    so another tenant's id gives 404. Overriding ``get_queryset`` is refused at class creation, so a review
    only has to look at ``scoped_queryset``.
    """

    model = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "get_queryset" in cls.__dict__:
            raise TypeError(f"{cls.__name__} must define scoped_queryset(), not get_queryset().")

    def scoped_queryset(self):
        return self.model.objects.all()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation runs without a tenant
            return self.model.unscoped.none()
        return self.scoped_queryset()
