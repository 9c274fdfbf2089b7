"""Authorisation matrix rows: the risk step (risk assessment, conversations with each child,
Hackett's continuum). DSP and deputy write; leadership reads (a POST is 403); everyone else
gets 404. The child's pages use world["child_id"], child A of world["incident"]."""

from __future__ import annotations

READ = {
    "GET": "login 404 200 200 200 404 404 404",
    "POST": "login 405 405 405 405 405 405 405",
    "DELETE": "login 405 405 405 405 405 405 405",
}
WRITE = {
    "GET": "login 404 200 200 200 404 404 404",
    # An empty POST by a DSP or deputy shows the form's errors (400), saving nothing.
    "POST": "login 404 400 400 403 404 404 404",
    "DELETE": "login 405 405 405 405 405 405 405",
}

ROWS: dict[str, dict[str, str]] = {
    "incidents/<uuid:incident_id>/risk/": READ,
    "incidents/<uuid:incident_id>/risk-assessment/": WRITE,
    "incidents/<uuid:incident_id>/children/<uuid:child_id>/interview/": WRITE,
    "incidents/<uuid:incident_id>/children/<uuid:child_id>/continuum/": WRITE,
}
