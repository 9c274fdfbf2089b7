from django.urls import path

from ymateb.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-in/set-up-code/", views.set_up_code, name="set_up_code"),
    path("sign-in/set-up/<str:token>/", views.enrol, name="enrol"),
    path("sign-in/new-password/", views.new_password, name="new_password"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("signed-out/", views.signed_out, name="signed_out"),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
    path("security-events/", views.security_events, name="security_events"),
    path("security-events/export/", views.security_events_export, name="security_events_export"),
]
