"""Filters of the candidate list: tags (all / any / none), tier, score, years, education, location, source,
updated since, and a text query."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from engagement.scoring import MAX_SCORE, anchor_for_score, current_params, tier_condition
from talentpool.web import id_param

from ..models import EDUCATION_RANK, ActivityTier, Candidate, EducationLevel, Tag


class TagListFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """Comma-separated tag ids or keys."""


def _tag_ids(values) -> list[int]:
    ids, keys = [], []
    for value in values or []:
        (ids if id_param(value) else keys).append(value)
    ids = [int(v) for v in ids]
    if keys:
        ids += list(Tag.objects.filter(key__in=keys).values_list("id", flat=True))
    return ids


class CandidateFilter(django_filters.FilterSet):
    tags_all = TagListFilter(method="filter_tags_all", help_text="every one of these tags (ids or keys)")
    tags_any = TagListFilter(method="filter_tags_any", help_text="at least one of these tags")
    tags_none = TagListFilter(method="filter_tags_none", help_text="none of these tags")
    tier = django_filters.MultipleChoiceFilter(choices=ActivityTier.choices, method="filter_tier")
    score_min = django_filters.NumberFilter(
        method="filter_score_min", help_text="activity score now, at least"
    )
    score_max = django_filters.NumberFilter(
        method="filter_score_max", help_text="activity score now, at most"
    )
    years_min = django_filters.NumberFilter(field_name="years_experience", lookup_expr="gte")
    years_max = django_filters.NumberFilter(field_name="years_experience", lookup_expr="lte")
    education = django_filters.ChoiceFilter(
        choices=EducationLevel.choices, method="filter_education", help_text="this level or higher"
    )
    location = django_filters.CharFilter(field_name="location", lookup_expr="icontains")
    source = django_filters.CharFilter(field_name="source")
    status = django_filters.CharFilter(field_name="status")
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    q = django_filters.CharFilter(
        method="filter_text", help_text="name, title, company, email, phone or resume text"
    )

    class Meta:
        model = Candidate
        fields = []

    def filter_tags_all(self, queryset, name, value):
        ids = _tag_ids(value)
        return queryset.filter(tag_ids__contains=ids) if len(ids) == len(value) else queryset.none()

    def filter_tags_any(self, queryset, name, value):
        return queryset.filter(tag_ids__overlap=_tag_ids(value))

    def filter_tags_none(self, queryset, name, value):
        ids = _tag_ids(value)
        return queryset.exclude(tag_ids__overlap=ids) if ids else queryset

    # Scores and tiers are bounds on the stored anchor at this moment (engagement.scoring).
    def filter_tier(self, queryset, name, value):
        return queryset.filter(tier_condition(value, current_params())) if value else queryset

    def filter_score_min(self, queryset, name, value):
        if value is None or value <= 0:
            return queryset
        return queryset.filter(
            activity_anchor__gte=anchor_for_score(min(float(value), MAX_SCORE), current_params())
        )

    def filter_score_max(self, queryset, name, value):
        if value is None or value >= MAX_SCORE:
            return queryset
        return queryset.filter(activity_anchor__lte=anchor_for_score(float(value), current_params()))

    def filter_education(self, queryset, name, value):
        rank = EDUCATION_RANK.get(value, 0)
        levels = [level for level, level_rank in EDUCATION_RANK.items() if level and level_rank >= rank]
        return queryset.filter(highest_education__in=levels)

    def filter_text(self, queryset, name, value):
        text = value.strip()
        if not text:
            return queryset
        return queryset.filter(
            Q(full_name__icontains=text)
            | Q(current_title__icontains=text)
            | Q(current_company__icontains=text)
            | Q(location__icontains=text)
            | Q(emails__email__icontains=text)
            | Q(phones__phone__contains=text)
            | Q(documents__text__icontains=text)
        ).distinct()


class DocumentFilter(django_filters.FilterSet):
    # Plain filters by column: FilterSets that introspect relations would query the tenant's manager at import.
    parse_status = django_filters.CharFilter(field_name="parse_status")
    candidate = django_filters.NumberFilter(field_name="candidate_id")
    kind = django_filters.CharFilter(field_name="kind")
    language = django_filters.CharFilter(field_name="language")
