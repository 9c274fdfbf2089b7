from django.urls import path

from ymateb.tenancy import views

app_name = "tenancy"

urlpatterns = [
    path("settings/<int:setting_id>/people/", views.people, name="people"),
]
