from ymateb.incidents.pages import incident_path as at
from ymateb.incidents.risk import views

urlpatterns = [
    at("risk/", views.risk_overview, "risk"),
    at("risk-assessment/", views.risk_assessment, "risk_assessment"),
    at("children/<uuid:child_id>/interview/", views.interview_new, "interview_new"),
    at("children/<uuid:child_id>/continuum/", views.continuum, "continuum"),
]
