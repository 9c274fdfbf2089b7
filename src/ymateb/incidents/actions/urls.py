from ymateb.incidents.actions import views
from ymateb.incidents.pages import incident_path as at

urlpatterns = [
    at("actions/", views.actions, "actions"),
    at("actions/suggest/", views.actions_suggest, "actions_suggest"),
    at("actions/new/", views.action_new, "action_new"),
    at("actions/<uuid:action_id>/", views.action_update, "action_update"),
]
