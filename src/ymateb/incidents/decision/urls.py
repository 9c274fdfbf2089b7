from ymateb.incidents.decision import views
from ymateb.incidents.pages import incident_path as at

urlpatterns = [
    at("review/send-for-sign-off/", views.send_for_sign_off, "send_for_sign_off"),
    at("sign-off/", views.sign_off, "sign_off"),
]
