from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "ymateb.incidents"
    label = "incidents"
    verbose_name = _("Incidents")

    def ready(self) -> None:
        from ymateb.records import middleware

        middleware.setting_of_incident = _setting_of_incident


def _setting_of_incident(incident_id: str) -> int | None:
    from ymateb.incidents.models import Incident

    setting_id: int | None = (
        Incident.objects.filter(pk=incident_id).values_list("setting_id", flat=True).first()
    )
    return setting_id
