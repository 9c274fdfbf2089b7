from django.urls import path

from ymateb.incidents.referral import views

urlpatterns = [
    path("incidents/<uuid:incident_id>/referrals/", views.referral_list, name="referrals"),
    path("incidents/<uuid:incident_id>/referrals/new/", views.referral_new, name="referral_new"),
    path(
        "incidents/<uuid:incident_id>/referrals/<uuid:referral_id>/outcome/",
        views.referral_outcome,
        name="referral_outcome",
    ),
]
