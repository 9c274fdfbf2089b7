from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "ymateb.records"
    label = "records"
    verbose_name = _("Safeguarding records")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from ymateb.records.guard import refuse_image_data_on_save

        # Every model, whoever defines it: no text value reaches storage unchecked.
        pre_save.connect(refuse_image_data_on_save, dispatch_uid="ymateb-no-image-data")
