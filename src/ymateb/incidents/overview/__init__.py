"""Finding an incident and seeing where it stands: the list, the incident page, the chronology."""
