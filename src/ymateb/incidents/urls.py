"""The incident journey's addresses, stage by stage; each stage keeps its own `urls.py`."""

from django.urls import include, path

app_name = "incidents"

STAGES = (
    "concern",
    "overview",
    "review",
    "decision",
    "referral",
    "risk",
    "actions",
    "devices",
    "closure",
    "retention",
    "subject_access",
)

urlpatterns = [path("", include(f"ymateb.incidents.{stage}.urls")) for stage in STAGES]
