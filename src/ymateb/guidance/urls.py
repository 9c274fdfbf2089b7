from django.urls import path

from ymateb.guidance import views

app_name = "guidance"

urlpatterns = [
    path("guidance/", views.index, name="library"),
    path("guidance/<slug:topic>/", views.topic, name="topic"),
]
