from ymateb.incidents.pages import incident_path as at
from ymateb.incidents.referral import views

urlpatterns = [
    at("referrals/", views.referral_list, "referrals"),
    at("referrals/new/", views.referral_new, "referral_new"),
    at("referrals/<uuid:referral_id>/outcome/", views.referral_outcome, "referral_outcome"),
]
