from django.urls import path

from . import views

app_name = "contributions"
urlpatterns = [
    path("", views.contribution_list, name="list"),
    path("export.csv", views.contribution_list_csv, name="csv"),
    path("<str:number>/", views.contribution_detail, name="detail"),
]
