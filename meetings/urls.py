from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("minutes/<int:pk>/", views.source_file, name="minutes"),
    path("minutes/<int:pk>/text/", views.source_file_text, name="minutes_text"),
    path("<str:group>/<str:number>/", views.meeting_detail, name="detail"),
    path("<str:group>/<str:number>/documents.csv", views.meeting_documents_csv, name="csv"),
]
