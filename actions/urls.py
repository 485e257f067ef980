from django.urls import path

from . import views

app_name = "actions"
urlpatterns = [
    path("", views.action_list, name="list"),
    path("export.csv", views.action_list_csv, name="csv"),
    path("<int:pk>/", views.action_detail, name="detail"),
]
