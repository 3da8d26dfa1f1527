"""Filters of the role, pipeline and hire lists. Plain column filters: a FilterSet that introspects a relation
would query the tenant's manager when the class is defined, before any tenant is set."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from ..models import ApplicationStage, HireSource, ProfileStatus


class RoleProfileFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(field_name="status", choices=ProfileStatus.choices)
    department = django_filters.CharFilter(field_name="department", lookup_expr="iexact")
    external_id = django_filters.CharFilter(field_name="external_id")
    q = django_filters.CharFilter(method="filter_text", help_text="title, department, location or JD text")

    def filter_text(self, queryset, name, value):
        text = value.strip()
        if not text:
            return queryset
        return queryset.filter(
            Q(title__icontains=text)
            | Q(department__icontains=text)
            | Q(location__icontains=text)
            | Q(jd_text__icontains=text)
        )


class ApplicationFilter(django_filters.FilterSet):
    profile = django_filters.NumberFilter(field_name="profile_id")
    candidate = django_filters.NumberFilter(field_name="candidate_id")
    stage = django_filters.MultipleChoiceFilter(field_name="stage", choices=ApplicationStage.choices)
    external_id = django_filters.CharFilter(field_name="external_id")


class HireFilter(django_filters.FilterSet):
    profile = django_filters.NumberFilter(field_name="profile_id")
    candidate = django_filters.NumberFilter(field_name="candidate_id")
    source = django_filters.ChoiceFilter(field_name="source", choices=HireSource.choices)
    since = django_filters.DateFilter(field_name="hired_at", lookup_expr="gte", help_text="hired on or after")
    until = django_filters.DateFilter(
        field_name="hired_at", lookup_expr="lte", help_text="hired on or before"
    )
    voided = django_filters.BooleanFilter(
        field_name="voided_at",
        lookup_expr="isnull",
        exclude=True,
        help_text="true: voided hires only (history); false: counted ones only",
    )


class ShortlistFilter(django_filters.FilterSet):
    profile = django_filters.NumberFilter(field_name="profile_id")
    status = django_filters.CharFilter(field_name="status")
