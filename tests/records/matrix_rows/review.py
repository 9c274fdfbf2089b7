"""Rows of the authorisation matrix for the initial review, the decision and sign-off.

The world's incident is "reported": the DSPs may start the review (redirect) but not yet
record it (400, "start the initial review first"); leadership reads the review and signs off
decisions but never records one (403); everyone outside the setting gets 404."""

ROWS = {
    # route: {method: anonymous staff dsp deputy leadership oversight admin other_dsp}
    "incidents/<uuid:incident_id>/review/start/": {
        "GET": "login 405 405 405 405 405 405 405",
        "POST": "login 404 redirect redirect 403 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/review/": {
        "GET": "login 404 200 200 200 404 404 404",
        "POST": "login 404 400 400 403 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/review/recommendation/": {
        "GET": "login 405 405 405 405 405 405 405",
        "POST": "login 404 200 200 403 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/review/send-for-sign-off/": {
        "GET": "login 405 405 405 405 405 405 405",
        "POST": "login 404 400 400 403 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/sign-off/": {
        "GET": "login 404 200 200 200 404 404 404",
        "POST": "login 404 403 403 400 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
}
