from django.contrib import admin
from django.urls import path

from meetings import views as meeting_views

from . import views

urlpatterns = [
    path("", meeting_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
