from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    default = True
    name = "ymateb.web"
    label = "web"
    verbose_name = _("Web pages")


class YmatebAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "ymateb.web.admin_site.YmatebAdminSite"
