"""Rows of the authorisation matrix, one module per part of the journey.

Each module defines `ROWS` (route → method → outcomes in the order of the matrix's ROLES)
and may define `extend_world(world)` to create the objects its URLs need, adding them to
`world` under the URL parameter's name (e.g. world["referral_id"] = referral.pk).
"""
