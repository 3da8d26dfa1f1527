from django.urls import path, re_path

from . import views

urlpatterns = [
    path("ServiceProviderConfig", views.service_provider_config, name="scim_service_provider_config"),
    path("Schemas", views.schemas, name="scim_schemas"),
    path("Schemas/<str:schema_id>", views.schemas, name="scim_schema"),
    path("ResourceTypes", views.resource_types, name="scim_resource_types"),
    path("ResourceTypes/<str:type_id>", views.resource_types, name="scim_resource_type"),
    path(".search", views.search, name="scim_search"),
    path("Users/.search", views.search, {"kind": "Users"}, name="scim_users_search"),
    path("Groups/.search", views.search, {"kind": "Groups"}, name="scim_groups_search"),
    path("Users", views.users, name="scim_users"),
    path("Users/<str:pk>", views.user_detail, name="scim_user"),
    path("Groups", views.groups, name="scim_groups"),
    path("Groups/<str:pk>", views.group_detail, name="scim_group"),
    re_path(r"^.*$", views.not_found),
]
