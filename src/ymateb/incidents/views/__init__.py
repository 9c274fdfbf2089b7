"""Pages of the incident journey, one module per part of it. Each module owns its
`urlpatterns`; ymateb.incidents.urls puts them together."""
