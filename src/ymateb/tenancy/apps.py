from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenancyConfig(AppConfig):
    name = "ymateb.tenancy"
    label = "tenancy"
    verbose_name = _("Settings and memberships")
