from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from ymateb.web import views as web_views

admin.site.site_header = "Ymateb"
admin.site.site_title = "Ymateb"

urlpatterns = [
    path("", include("ymateb.accounts.urls")),
    path("", include("ymateb.web.urls")),
    path("", include("ymateb.incidents.urls")),
    path("", include("ymateb.guidance.urls")),
    path("", include("ymateb.tenancy.urls")),
    path("healthz", web_views.healthz, name="healthz"),
    path("language/", require_POST(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

handler400 = "ymateb.web.views.bad_request"
handler403 = "ymateb.web.views.permission_denied"
handler404 = "ymateb.web.views.page_not_found"
handler500 = "ymateb.web.views.server_error"
