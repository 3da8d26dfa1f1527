"""Engagement's dashboard pages (namespace "engagement"), mounted at the site root."""

from django.urls import path

from .views import campaigns, engine, followups, interactions
from .views import templates as message_templates

app_name = "engagement"

urlpatterns = [
    # A candidate's interactions (their page shows the timeline; recruiters log a call, a meeting or a note).
    path("interactions/candidate/<int:pk>/", interactions.candidate_timeline, name="candidate_timeline"),
    path(
        "interactions/candidate/<int:pk>/log/",
        interactions.candidate_interaction_log,
        name="candidate_interaction_log",
    ),
    # Campaigns: the list, the builder (new, edit a draft) and its htmx helpers, one campaign and its states.
    path("campaigns/", campaigns.campaign_list, name="campaigns"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/audience-count/", campaigns.audience_count, name="audience_count"),
    path("campaigns/audience-tag/", campaigns.audience_tag, name="audience_tag"),
    path("campaigns/preview/", campaigns.campaign_preview, name="campaign_preview"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/pause/", campaigns.campaign_state, {"action": "pause"}, name="campaign_pause"),
    path(
        "campaigns/<int:pk>/resume/", campaigns.campaign_state, {"action": "resume"}, name="campaign_resume"
    ),
    path(
        "campaigns/<int:pk>/finish/", campaigns.campaign_state, {"action": "finish"}, name="campaign_finish"
    ),
    path(
        "campaigns/<int:pk>/launch/", campaigns.campaign_state, {"action": "launch"}, name="campaign_launch"
    ),
    # Follow up today, and closing one task.
    path("follow-up/", followups.follow_up_list, name="follow_up"),
    path("follow-up/<int:pk>/close/", followups.follow_up_close, name="follow_up_close"),
    # Templates (email and SMS, with the live preview) and the content library.
    path("templates/", message_templates.template_list, name="templates"),
    path("templates/new/", message_templates.template_create, name="template_create"),
    path("templates/preview/", message_templates.template_preview, name="template_preview"),
    path("templates/<int:pk>/", message_templates.template_edit, name="template_edit"),
    path("templates/<int:pk>/delete/", message_templates.template_delete, name="template_delete"),
    path("content/", message_templates.content_list, name="content"),
    path("content/new/", message_templates.content_create, name="content_create"),
    path("content/tag/", message_templates.content_tag, name="content_tag"),
    path("content/<int:pk>/", message_templates.content_edit, name="content_edit"),
    path("content/<int:pk>/delete/", message_templates.content_delete, name="content_delete"),
    # The operations engine: rules per tier and the dry run.
    path("engine/", engine.engine_page, name="engine"),
    path("engine/rules/<int:pk>/", engine.engine_rule_save, name="engine_rule_save"),
    path("engine/dry-run/", engine.engine_dry_run, name="engine_dry_run"),
]
