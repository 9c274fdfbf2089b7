"""Rows of the authorisation matrix, one module per part of the journey.

Each module defines `ROWS` (route → method → outcomes in the order of the matrix's ROLES)
and may define `extend_world(world)` to create the objects its URLs need, adding them to
`world` under the URL parameter's name (e.g. world["referral_id"] = referral.pk).
"""

#: A page of one incident that only shows it: the setting's DSP, deputy and leadership read it.
READ = {
    "GET": "login 404 200 200 200 404 404 404",
    "POST": "login 405 405 405 405 405 405 405",
    "DELETE": "login 405 405 405 405 405 405 405",
}
#: A form page of one incident: DSP and deputy write, leadership only reads (a POST is 403),
#: everyone else gets 404 (an incident they cannot see does not exist for them).
WRITE = {
    "GET": "login 404 200 200 200 404 404 404",
    # An empty POST by a DSP or deputy shows the form's errors (400), saving nothing.
    "POST": "login 404 400 400 403 404 404 404",
    "DELETE": "login 405 405 405 405 405 405 405",
}
