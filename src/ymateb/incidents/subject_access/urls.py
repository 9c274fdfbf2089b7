from django.urls import path

from ymateb.incidents.subject_access import views

urlpatterns = [
    path("records/subject-access/", views.subject_access_search, name="subject_access"),
    path(
        "records/subject-access/export/", views.subject_access_export, name="subject_access_export"
    ),
]
