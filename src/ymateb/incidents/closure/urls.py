from ymateb.incidents.closure import views
from ymateb.incidents.pages import incident_path as at

urlpatterns = [
    at("close/", views.close, "close"),
    at("addenda/new/", views.addendum, "addendum"),
]
