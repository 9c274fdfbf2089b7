"""Matrix rows for the hub's own moves: chronology, closure, addenda, review date."""

ROWS = {
    "incidents/<uuid:incident_id>/acknowledge/": {
        "GET": "login 405 405 405 405 405 405 405",
        # Whoever was alerted and may read the incident acknowledges it.
        "POST": "login 404 redirect redirect redirect 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/chronology/": {
        "GET": "login 404 200 200 200 404 404 404",
        "POST": "login 405 405 405 405 405 405 405",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/close/": {
        # Leadership may read the incident but not close it.
        "GET": "login 404 200 200 403 404 404 404",
        "POST": "login 404 400 400 403 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/addenda/new/": {
        "GET": "login 404 200 200 403 404 404 404",
        "POST": "login 404 400 400 403 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
    "incidents/<uuid:incident_id>/review-date/": {
        "GET": "login 405 405 405 405 405 405 405",
        # An empty form is refused with the hub page and its error (400).
        "POST": "login 404 400 400 403 404 404 404",
        "DELETE": "login 405 405 405 405 405 405 405",
    },
}
