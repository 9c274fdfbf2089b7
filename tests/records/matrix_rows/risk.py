"""Authorisation matrix rows: the risk step (risk assessment, conversations with each child,
Hackett's continuum). DSP and deputy write; leadership reads (a POST is 403); everyone else
gets 404. The child's pages use world["child_id"], child A of world["incident"]."""

from __future__ import annotations

from tests.records.matrix_rows import READ, WRITE

ROWS: dict[str, dict[str, str]] = {
    "incidents/<uuid:incident_id>/risk/": READ,
    "incidents/<uuid:incident_id>/risk-assessment/": WRITE,
    "incidents/<uuid:incident_id>/children/<uuid:child_id>/interview/": WRITE,
    "incidents/<uuid:incident_id>/children/<uuid:child_id>/continuum/": WRITE,
}
