"""Role profiles, matching, saved searches, shortlists and decisions, the pipeline, HRIS pushes and hires.

Thin: input is validated here, every write is a service of ``profiles.services``. Who sees what:

- role profiles: every member reads, hiring managers only the roles they are on (others are 404);
  admins and recruiters write. Matches rank the whole pool, so hiring managers get 403 there.
- shortlists: hiring managers see only the sent shortlists of their roles (others 404), and of each candidate
  only the fields the tenant opens to them (``Tenant.shortlist_fields``); decisions are made by people.
- saved searches are personal (the owner is the signed-in user): API keys get 403.
- the pipeline and hires: admins, recruiters and viewers read (hiring managers 403); admins and recruiters
  write. HRIS pushes, application writes and hires accept an ``Idempotency-Key``.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from candidates import selectors as candidate_selectors
from candidates.models import Candidate, CandidateStatus, Tag
from talentpool.api.context import request_actor as _actor
from talentpool.api.context import request_tenant as _tenant
from talentpool.api.idempotency import IDEMPOTENCY_PARAMETERS, idempotent
from talentpool.api.permissions import ALL_ROLES, EDITORS
from talentpool.api.viewsets import TenantScopedViewSet
from talentpool.tenancy.models import POOL_READERS, REVIEWERS, Role
from talentpool.web import id_param

from .. import selectors, services
from ..matching import count_matches, options_from_params, rank
from ..models import (
    Application,
    Hire,
    ProfileEdit,
    ProfileStatus,
    Requirement,
    RoleHiringManager,
    RoleProfile,
    SavedSearch,
    Shortlist,
    ShortlistEntry,
    StageEvent,
)
from . import serializers as s
from .filters import ApplicationFilter, HireFilter, RoleProfileFilter, ShortlistFilter

# Hiring managers see the shortlists sent to them, not the pool or the pipeline.
PIPELINE_READERS = POOL_READERS


def _source(request) -> str:
    """How a profile change is logged: ``api`` for integrations, ``manual`` for people."""
    return "manual" if _actor(request) else "api"


def _is_hiring_manager(request) -> bool:
    membership = getattr(request._request, "membership", None)
    return membership is not None and membership.role == Role.HIRING_MANAGER


def _profile_ref(value, *, field: str = "profile") -> RoleProfile:
    pk = id_param(value) if value is not None else None
    profile = RoleProfile.objects.filter(pk=pk).first() if pk else None
    if profile is None:
        raise services.ProfileError(_("Unknown role profile."), field=field, code="unknown_profile")
    return profile


def _candidate_ref(value, *, field: str = "candidate") -> Candidate:
    pk = id_param(value) if value is not None else None
    candidate = Candidate.objects.filter(pk=pk).first() if pk else None
    if candidate is None:
        raise services.ProfileError(_("Unknown candidate."), field=field, code="unknown_candidate")
    return candidate


class DetailActionsUnfiltered:
    """List filters apply to the list only: a detail action's own query parameters are not filters."""

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset


# --- role profiles -------------------------------------------------------------------------------------------


def _requirement_items(items) -> list[dict]:
    # Defaults the serializer leaves out (a partial update skips them) are the service's.
    return [dict(item) for item in items]


MATCH_PARAMETERS = [
    OpenApiParameter(
        "must_have_mode",
        str,
        enum=["combined", "exclude", "flag"],
        description="combined (default): everyone meeting every must-have first, then those missing "
        "some, marked; exclude drops them; flag mixes them in at half the score",
    ),
    OpenApiParameter("activity_boost", bool, description="rank active candidates higher"),
    OpenApiParameter(
        "tier", str, many=True, enum=["high", "mid", "low"], description="activity tiers (repeatable)"
    ),
    OpenApiParameter("location", str, description="location contains"),
    OpenApiParameter("min_score", float, description="lowest score to include"),
    OpenApiParameter(
        "exclude_in_pipeline", bool, description="leave out candidates already in this role's pipeline"
    ),
    OpenApiParameter(
        "exclude_contacted_days", int, description="leave out candidates contacted in the last N days"
    ),
    OpenApiParameter("limit", int, description="page size (default 50)"),
    OpenApiParameter("offset", int, description="skip this many matches"),
]


MATCH_QUERY_PARAMS = (
    "must_have_mode",
    "activity_boost",
    "location",
    "min_score",
    "exclude_in_pipeline",
    "exclude_contacted_days",
    "limit",
    "offset",
)


def _query_params(query_params) -> dict:
    """The matching options of a query string, as ``options_from_params`` takes them: ``tier`` (repeatable) or
    ``tiers`` become the list ``tiers``; other parameters are ignored, like unknown filters of a list."""
    params = {key: query_params[key] for key in MATCH_QUERY_PARAMS if key in query_params}
    tiers = query_params.getlist("tier") + query_params.getlist("tiers")
    if tiers:
        params["tiers"] = tiers
    return params


def _match_page(profile: RoleProfile, params: dict, *, updated_since=None) -> dict:
    """A page of matches with the total; with ``updated_since``, also how many of them are new since then."""
    options = options_from_params(params)
    page = {
        "count": count_matches(profile, options),
        "limit": options.limit,
        "offset": options.offset,
        "results": [match.as_json() for match in rank(profile, options)],
    }
    if updated_since is not None:
        since = options_from_params(params, updated_since=updated_since)
        page["new_since_last_view"] = count_matches(profile, since)
    return page


def suggestion_json(suggestion) -> dict:
    """The suggestion with, for each requirement, the tenant's tag (id and key) when the tenant has it."""
    data = suggestion.as_json()
    keys = [
        key for item in suggestion.requirements for key in (item.key, *(a["key"] for a in item.alternatives))
    ]
    tags = {
        tag.key: tag.pk
        for tag in Tag.objects.filter(key__in=keys, is_retired=False, merged_into__isnull=True)
    }
    for item, requirement in zip(suggestion.requirements, data["requirements"], strict=True):
        requirement["tag"] = {
            "id": tags.get(item.key),
            "key": item.key,
            "name": item.name,
            "name_en": item.name_en,
            "name_zh": item.name_zh,
            "category": item.category,
        }
        requirement["evidence_text"] = item.evidence_text
        requirement["alternatives"] = [
            {**alternative, "id": tags.get(alternative["key"])} for alternative in item.alternatives
        ]
        requirement["min_count"] = item.min_count
    return data


class RoleProfileViewSet(
    DetailActionsUnfiltered, mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet
):
    """Role profiles with their weighted requirements. Filters: ``status`` (repeatable), ``department``,
    ``external_id``, ``q``. DELETE closes the role (its pipeline and history stay)."""

    model = RoleProfile
    serializer_class = s.RoleProfileSerializer
    filterset_class = RoleProfileFilter
    read_roles = ALL_ROLES
    write_roles = EDITORS
    http_method_names = [
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "options",
    ]  # put: …/requirements/ only

    def scoped_queryset(self):
        profiles = RoleProfile.objects.prefetch_related(
            Prefetch("requirements", queryset=Requirement.objects.select_related("tag")),
            "hiring_manager_links",
        )
        if _is_hiring_manager(self.request):
            profiles = profiles.filter(
                pk__in=RoleHiringManager.objects.filter(user=self.request.user).values("profile_id")
            )
        return profiles

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action != "list":
            context["funnel"] = selectors.profile_funnel
        return context

    def _detail(self, profile: RoleProfile, *, status_code: int = status.HTTP_200_OK) -> Response:
        fresh = RoleProfile.objects.prefetch_related(
            Prefetch("requirements", queryset=Requirement.objects.select_related("tag")),
            "hiring_manager_links",
        ).get(pk=profile.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)

    @extend_schema(responses={201: s.RoleProfileSerializer})
    def create(self, request):
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        requirements = _requirement_items(data.pop("requirements", []))
        hiring_managers = data.pop("hiring_managers", [])
        profile = services.profile_create(
            actor=_actor(request),
            requirements=requirements,
            hiring_manager_ids=hiring_managers,
            source=_source(request),
            **data,
        )
        return self._detail(profile, status_code=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        profile = self.get_object()
        body = self.get_serializer(profile, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        requirements = data.pop("requirements", None)
        hiring_managers = data.pop("hiring_managers", None)
        if data:
            services.profile_update(profile, actor=_actor(request), source=_source(request), **data)
        if requirements is not None:
            services.requirements_replace(
                profile, _requirement_items(requirements), actor=_actor(request), source=_source(request)
            )
        if hiring_managers is not None:
            services.hiring_managers_set(profile, user_ids=hiring_managers, actor=_actor(request))
        return self._detail(profile)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        profile = self.get_object()
        services.profile_update(
            profile, actor=_actor(request), source=_source(request), status=ProfileStatus.CLOSED
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=s.RequirementsReplaceSerializer, responses=s.RoleProfileSerializer)
    @action(detail=True, methods=["put"], url_path="requirements")
    def requirements(self, request, pk=None):
        profile = self.get_object()
        body = s.RequirementsReplaceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.requirements_replace(
            profile,
            _requirement_items(body.validated_data["requirements"]),
            actor=_actor(request),
            source=_source(request),
        )
        return self._detail(profile)

    @extend_schema(request=s.JobDescriptionSerializer, responses=s.SuggestionSerializer)
    @action(detail=False, methods=["post"])
    def suggest(self, request):
        body = s.JobDescriptionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        suggestion = services.suggest_for_tenant(data["text"], title=data.get("title", ""))
        return Response(suggestion_json(suggestion))

    @extend_schema(request=s.ProfileFromJdSerializer, responses={201: s.RoleProfileSerializer})
    @action(detail=False, methods=["post"], url_path="from-jd")
    def from_jd(self, request):
        body = s.ProfileFromJdSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        hiring_managers = data.pop("hiring_managers", [])
        profile = services.profile_create_from_jd(
            jd_text=data.pop("text"), title=data.pop("title", ""), actor=_actor(request), **data
        )
        if hiring_managers:
            services.hiring_managers_set(profile, user_ids=hiring_managers, actor=_actor(request))
        return self._detail(profile, status_code=status.HTTP_201_CREATED)

    @extend_schema(parameters=MATCH_PARAMETERS, responses=s.MatchPageSerializer)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def matches(self, request, pk=None):
        profile = self.get_object()
        if _is_hiring_manager(request):
            raise PermissionDenied(_("Hiring managers see the candidates of the shortlists sent to them."))
        return Response(_match_page(profile, _query_params(request.query_params)))

    @extend_schema(responses=s.ProfileEditSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def history(self, request, pk=None):
        profile = self.get_object()
        page = self.paginate_queryset(ProfileEdit.objects.filter(profile=profile))
        return self.get_paginated_response(s.ProfileEditSerializer(page, many=True).data)

    @extend_schema(responses=s.FunnelStageSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def funnel(self, request, pk=None):
        return Response(selectors.profile_funnel(self.get_object()))

    @extend_schema(responses=s.FeedbackSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def feedback(self, request, pk=None):
        return Response(services.feedback_suggestions(self.get_object()))


# --- saved searches ------------------------------------------------------------------------------------------


def _candidate_page(params: dict, *, limit: int, offset: int, updated_since=None) -> dict:
    """A saved search without a role: the pool's candidate filters, re-run."""
    from candidates.api.filters import CandidateFilter
    from candidates.api.serializers import CandidateSerializer

    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    candidates = Candidate.objects.exclude(status=CandidateStatus.MERGED).prefetch_related(
        "emails", "phones", "external_ids"
    )
    filtered = CandidateFilter(query, queryset=candidates)
    if not filtered.is_valid():
        raise services.ProfileError(_("The saved filters are no longer valid."), field="params")
    found = filtered.qs.order_by("-updated_at", "-id")
    page = {
        "count": found.count(),
        "limit": limit,
        "offset": offset,
        "results": CandidateSerializer(found[offset : offset + limit], many=True).data,
    }
    if updated_since is not None:
        page["new_since_last_view"] = candidate_selectors.changed_since(found, updated_since).count()
    return page


def _page_numbers(params: dict) -> tuple[int, int]:
    limit, offset = id_param(params.get("limit", 50), low=0), id_param(params.get("offset", 0), low=0)
    if limit is None or offset is None:
        raise services.ProfileError(_("limit and offset must be whole numbers."), field="limit")
    return max(1, min(limit, 500)), offset


CANDIDATE_TAG_FILTERS = ("tags_all", "tags_any", "tags_none")


def _check_candidate_params(params: dict) -> None:
    """Refuse candidate filters a saved search could never run: values that are not text, numbers or lists of
    them, tags this tenant does not have, filters the list refuses, a bad limit or offset. Raises ProfileError
    (field ``params``); checked when the search is saved, so its results never fail later."""
    from candidates.api.filters import CandidateFilter

    def refuse(message: str):
        raise services.ProfileError(message, field="params")

    for key, value in params.items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(item, (dict, list)) for item in values):
            refuse(_("Each saved filter is text, a number or a list of them."))
        if key in CANDIDATE_TAG_FILTERS:
            refs = [part.strip() for item in values for part in str(item).split(",") if part.strip()]
            ids = {id_param(ref) for ref in refs if id_param(ref)}
            keys = {ref for ref in refs if not id_param(ref)}
            found = Tag.objects.filter(Q(pk__in=ids) | Q(key__in=keys)).values_list("pk", "key")
            known = {str(pk) for pk, _key in found} | {tag_key for _pk, tag_key in found}
            if any(str(id_param(ref) or ref) not in known for ref in refs):
                refuse(_("A saved filter names a tag that does not exist."))
    try:
        _page_numbers(params)
    except services.ProfileError as exc:
        refuse(str(exc))
    query = QueryDict(mutable=True)
    for key, value in params.items():
        if key not in ("limit", "offset", "cursor"):
            query.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    filtered = CandidateFilter(query, queryset=Candidate.objects.none())
    if not filtered.is_valid():
        refuse(_("The saved filters are no longer valid."))


class SavedSearchViewSet(
    DetailActionsUnfiltered,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    TenantScopedViewSet,
):
    """The signed-in member's own smart lists: a role's matching with options, or candidate filters."""

    model = SavedSearch
    serializer_class = s.SavedSearchSerializer
    read_roles = PIPELINE_READERS
    write_roles = PIPELINE_READERS  # a saved search is personal: viewers keep their own too
    api_key_allowed = False  # every saved search has an owner, a person

    def scoped_queryset(self):
        return SavedSearch.objects.filter(owner_id=self.request.user.pk)

    @extend_schema(responses={201: s.SavedSearchSerializer})
    def create(self, request):
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        profile_id = body.validated_data.get("profile_id")
        profile = _profile_ref(profile_id) if profile_id is not None else None
        if profile is None:
            _check_candidate_params(body.validated_data.get("params", {}))
        saved = services.saved_search_create(
            owner=request.user,
            name=body.validated_data["name"],
            profile=profile,
            params=body.validated_data.get("params", {}),
        )
        return Response(self.get_serializer(saved).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        instance.delete()  # personal and derived: nothing else refers to it

    @extend_schema(
        parameters=[OpenApiParameter("limit", int), OpenApiParameter("offset", int)],
        responses=s.SavedSearchResultsSerializer,
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def results(self, request, pk=None):
        """Re-run the search; ``new_since_last_view`` counts results updated since it was last opened, and the
        search is marked viewed now."""
        saved = self.get_object()
        overrides = {
            key: request.query_params[key] for key in ("limit", "offset") if key in request.query_params
        }
        since = saved.last_viewed_at
        if saved.profile_id:
            page = _match_page(saved.profile, {**saved.params, **overrides}, updated_since=since)
        else:
            limit, offset = _page_numbers({**saved.params, **overrides})
            params = {k: v for k, v in saved.params.items() if k not in ("limit", "offset", "cursor")}
            page = _candidate_page(params, limit=limit, offset=offset, updated_since=since)
        page.setdefault("new_since_last_view", page["count"])
        page["last_viewed_at"] = since
        services.saved_search_mark_viewed(saved)
        return Response(page)


# --- shortlists ----------------------------------------------------------------------------------------------


def _entries_prefetch():
    return Prefetch(
        "entries",
        queryset=ShortlistEntry.objects.select_related("candidate").prefetch_related(
            "candidate__emails", "candidate__phones", "candidate__documents"
        ),
    )


class ShortlistContext:
    """Hiring managers see the tenant's shortlist fields only; everyone else every field."""

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        if _is_hiring_manager(self.request):
            context["allowed_fields"] = set(_tenant(self.request).shortlist_fields or [])
        return context


class ShortlistViewSet(
    ShortlistContext,
    DetailActionsUnfiltered,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    TenantScopedViewSet,
):
    """Shortlists of a role's matches for its hiring managers. Hiring managers see only the sent shortlists
    of roles they are on; any other is 404. Filters: ``profile``, ``status``."""

    model = Shortlist
    serializer_class = s.ShortlistSerializer
    filterset_class = ShortlistFilter
    read_roles = ALL_ROLES
    write_roles = EDITORS

    def scoped_queryset(self):
        if _is_hiring_manager(self.request):
            shortlists = selectors.shortlists_for_reviewer(self.request.user)
        else:
            shortlists = Shortlist.objects.all()
        return shortlists.prefetch_related(_entries_prefetch())

    def _detail(self, shortlist, *, status_code=status.HTTP_200_OK) -> Response:
        fresh = Shortlist.objects.prefetch_related(_entries_prefetch()).get(pk=shortlist.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)

    @extend_schema(request=s.ShortlistCreateSerializer, responses={201: s.ShortlistSerializer})
    def create(self, request):
        body = s.ShortlistCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        shortlist = services.shortlist_create(
            profile=_profile_ref(data["profile"]),
            candidate_ids=data["candidate_ids"],
            actor=_actor(request),
            name=data.get("name", ""),
            note=data.get("note", ""),
        )
        return self._detail(shortlist, status_code=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.ShortlistSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        shortlist = services.shortlist_send(self.get_object(), actor=_actor(request))
        return self._detail(shortlist)


class ShortlistEntryViewSet(ShortlistContext, mixins.RetrieveModelMixin, TenantScopedViewSet):
    """One candidate on a shortlist, and the hiring manager's decision on it."""

    model = ShortlistEntry
    serializer_class = s.ShortlistEntrySerializer
    read_roles = ALL_ROLES
    write_roles = REVIEWERS
    api_key_writes = False  # a decision is a person's

    def scoped_queryset(self):
        entries = ShortlistEntry.objects.select_related("shortlist", "candidate").prefetch_related(
            "candidate__emails", "candidate__phones", "candidate__documents"
        )
        if _is_hiring_manager(self.request):
            entries = entries.filter(
                shortlist_id__in=selectors.shortlists_for_reviewer(self.request.user).values("pk")
            )
        return entries

    @extend_schema(request=s.DecisionSerializer, responses=s.ShortlistEntrySerializer)
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        """Approve (the application moves to interviewing), reject with a reason (to rejected) or hold; the
        shortlist's author is notified."""
        entry = self.get_object()
        body = s.DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        entry = services.shortlist_decide(
            entry,
            decision=data["decision"],
            actor=request.user,
            reason_tags=data.get("reason_tags", []),
            comment=data.get("comment", ""),
        )
        return Response(self.get_serializer(entry).data)


# --- pipeline ------------------------------------------------------------------------------------------------


class ApplicationViewSet(
    DetailActionsUnfiltered, mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet
):
    """Candidates in roles' pipelines. Filters: ``profile``, ``candidate``, ``stage`` (repeatable),
    ``external_id``. Writes accept an ``Idempotency-Key``."""

    model = Application
    serializer_class = s.ApplicationSerializer
    filterset_class = ApplicationFilter
    read_roles = PIPELINE_READERS
    write_roles = EDITORS

    def scoped_queryset(self):
        return Application.objects.select_related("candidate")

    @extend_schema(
        parameters=IDEMPOTENCY_PARAMETERS,
        responses={201: s.ApplicationSerializer, 200: s.ApplicationSerializer},
    )
    @idempotent
    def create(self, request):
        """Put a candidate in a role's pipeline; 200 with the application already there, if any."""
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        application, created = services.application_create(
            profile=_profile_ref(data["profile_id"]),
            candidate=_candidate_ref(data["candidate_id"]),
            actor=_actor(request),
            source="api",
            stage=data["stage"],
            external_id=data.get("external_id", ""),
        )
        application = Application.objects.select_related("candidate").get(pk=application.pk)
        return Response(
            self.get_serializer(application).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        request=s.MoveSerializer, responses=s.MoveResultSerializer, parameters=IDEMPOTENCY_PARAMETERS
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def move(self, request, pk=None):
        """Move to a stage (a no-op, ``event`` null, when it is there already); ``hired`` records the hire."""
        application = self.get_object()
        body = s.MoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        event = services.application_move(
            application,
            to_stage=data["stage"],
            actor=_actor(request),
            source="api",
            note=data.get("note", ""),
            occurred_at=data.get("occurred_at"),
            confirm=data["confirm"],
        )
        application = Application.objects.select_related("candidate").get(pk=application.pk)
        return Response(
            {
                "application": s.ApplicationSerializer(application).data,
                "event": s.StageEventSerializer(event).data if event else None,
            }
        )

    @extend_schema(
        summary="Move a selection of a role's applications to one stage",
        request=s.BulkMoveSerializer,
        responses=s.BulkMoveResultSerializer,
        parameters=IDEMPOTENCY_PARAMETERS,
    )
    @action(detail=False, methods=["post"], url_path="bulk-move", filter_backends=[], pagination_class=None)
    @idempotent
    def bulk_move(self, request):
        """Each move stands alone: one that needs ``confirm`` is listed in ``refused`` and the others happen."""
        body = s.BulkMoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        result = services.applications_move(
            _profile_ref(data["profile"]),
            application_ids=data["application_ids"],
            to_stage=data["stage"],
            actor=_actor(request),
            source="api",
            confirm=data["confirm"],
        )
        return Response(
            {
                "moved": result.moved,
                "unchanged": result.unchanged,
                "refused": [{"application": pk, "message": message} for pk, message in result.refused],
            }
        )

    @extend_schema(responses=s.StageEventSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def events(self, request, pk=None):
        application = self.get_object()
        events = StageEvent.objects.filter(application=application).order_by("occurred_at", "id")
        return Response(s.StageEventSerializer(events, many=True).data)


# --- HRIS pushes and hires -----------------------------------------------------------------------------------


def _record_hire(request, *, via: str) -> Response:
    # One body and answer for POST /hires/ and the HRIS push (profiles/api/hris.py).
    from .hris import record_hire

    return record_hire(request, via=via)


class HireViewSet(
    DetailActionsUnfiltered, mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantScopedViewSet
):
    """Every hire of the tenant, with whether it came from the pool. Filters: ``profile``, ``candidate``,
    ``source`` (pool, external), ``since`` / ``until`` (hire dates)."""

    model = Hire
    serializer_class = s.HireSerializer
    filterset_class = HireFilter
    read_roles = PIPELINE_READERS
    write_roles = EDITORS

    def scoped_queryset(self):
        return Hire.objects.all()

    @extend_schema(
        request=s.HireCreateSerializer,
        parameters=IDEMPOTENCY_PARAMETERS,
        responses={201: s.HireResultSerializer, 200: s.HireResultSerializer},
    )
    @idempotent
    def create(self, request):
        return _record_hire(request, via="api" if _actor(request) is None else "dashboard")

    @extend_schema(parameters=[s.HireSummaryQuerySerializer], responses=s.PoolShareSerializer)
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def summary(self, request):
        """How many hires there were and how many came from the pool (the pool's share of hires)."""
        body = s.HireSummaryQuerySerializer(data=request.query_params)
        body.is_valid(raise_exception=True)
        return Response(
            selectors.pool_share_of_hires(
                since=body.validated_data.get("since"), until=body.validated_data.get("until")
            )
        )
