from ymateb.incidents.devices import views
from ymateb.incidents.pages import incident_path as at

urlpatterns = [
    at("devices/", views.devices, "devices"),
    at("devices/new/", views.device_new, "device_new"),
    at("devices/<uuid:device_id>/", views.device_update, "device_update"),
    at("devices/<uuid:device_id>/reveal/", views.device_reveal, "device_reveal"),
]
