from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "ymateb.guidance"
    label = "guidance"
    verbose_name = _("Guidance library")

    def ready(self) -> None:
        # The content files are read and checked again here: a text missing in English or
        # Welsh, or a section that is not a heading of the guidance, stops start-up with a
        # message naming the file and the entry (docs/adr/0010-content-files.md).
        from ymateb.guidance import actions, library

        library.load_topics()
        actions.load_content()
