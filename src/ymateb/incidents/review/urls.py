from django.urls import path

from ymateb.incidents.review import views

urlpatterns = [
    path("incidents/<uuid:incident_id>/review/start/", views.start_review, name="start_review"),
    path("incidents/<uuid:incident_id>/review/", views.review, name="review"),
    path(
        "incidents/<uuid:incident_id>/review/recommendation/",
        views.review_recommendation,
        name="review_recommendation",
    ),
]
