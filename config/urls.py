from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from meetings import views as meeting_views

from . import views

urlpatterns = [
    path("", meeting_views.home, name="home"),
    path("search/", meeting_views.search, name="search"),
    path("meetings/", include("meetings.urls")),
    path("organisations/", include("meetings.organisation_urls")),
    path("contributions/", include("contributions.urls")),
    path("actions/", include("actions.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
