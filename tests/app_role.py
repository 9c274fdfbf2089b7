"""On PostgreSQL the suite runs as the web app's database role (ADR 0011).

pytest-django creates and migrates each worker's test database as the cluster's superuser
(`DATABASE_URL` of scripts/with-test-postgres.sh). Then `start()` hands every object to the
owner role and makes the grants exactly as an installation does (`ymateb db_roles
--apply`), and from then on every connection of the `default` alias, the test's own and
the live server's, drops to the app role with `SET ROLE ymateb_app` as it opens. Every
query the tests cause — views, services, jobs, the tests' own reads — is checked against
the app role's grants and the FORCEd row-level-security policies, as in production. Only
fixture chores that an installation does as the owner (emptying the tables after a
transactional test, the tests that create roles or tables) step back up, in
`superuser()`.

Row-level security shows a query nothing without a scope. A signed-in request scopes
itself (rls.SettingScopeMiddleware), exactly as in production. Test code outside a
request — a fixture creating incidents, an assertion after a POST — has no request; it
gets the *scaffolding scope*: every setting the test's own thread created, set on the test
connection when a setting is saved outside a request, and again after each request. A
request never runs with it: it is cleared as a request starts (a signed-in request then
gets its person's scope from the middleware, any other sees no record, as in production),
and the live server's connections never carry it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from typing import Any


def _role_name(kind: str) -> str:
    """The installation's name for the app or worker role (ymateb.records.roles)."""
    from ymateb.records import roles

    return roles.DEFAULT_NAMES[kind]


_scaffold: set[int] = set()
_state = {"requests": 0, "thread": 0, "on": False}


def _is_postgresql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def start() -> None:
    """Grants as an installation makes them, then every connection as the app role."""
    if not _is_postgresql():
        return
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import connection
    from django.db.backends.signals import connection_created
    from django.db.models.signals import post_save

    from ymateb.tenancy.models import Setting

    call_command("db_roles", "--apply", stdout=StringIO())
    connection_created.connect(_drop_to_app_role, dispatch_uid="tests.app_role")
    request_started.connect(_request_started, dispatch_uid="tests.app_role")
    request_finished.connect(_request_finished, dispatch_uid="tests.app_role")
    post_save.connect(_setting_saved, sender=Setting, dispatch_uid="tests.app_role")
    _state.update(on=True, thread=threading.get_ident())
    connection.close()  # the next query opens a connection as the app role


def stop() -> None:
    """Back to the superuser, so that pytest-django can drop the test database."""
    if not _state["on"]:
        return
    from django.core.signals import request_finished, request_started
    from django.db import connection
    from django.db.backends.signals import connection_created
    from django.db.models.signals import post_save

    connection_created.disconnect(dispatch_uid="tests.app_role")
    request_started.disconnect(dispatch_uid="tests.app_role")
    request_finished.disconnect(dispatch_uid="tests.app_role")
    post_save.disconnect(dispatch_uid="tests.app_role")
    _state["on"] = False
    connection.close()


def new_test() -> None:
    """Each test starts with no scaffolding scope of its own (no settings created yet)."""
    _scaffold.clear()
    _state["requests"] = 0


def current_role() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        return str(cursor.fetchone()[0])


def step_up() -> None:
    """Back to the session's superuser (see superuser())."""
    if _state["on"]:
        _role("RESET ROLE")


def step_down() -> None:
    """Down to the app role again."""
    if _state["on"]:
        _role(f'SET ROLE "{_role_name("app")}"')


def _role(statement: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement)


@contextmanager
def superuser() -> Iterator[None]:
    """Step back up to the session's superuser for a chore an installation does as the
    owner or a superuser (creating roles or tables, changing grants, an attacker with
    full control of the database), then down again."""
    step_up()
    try:
        yield
    finally:
        step_down()


@contextmanager
def without_scaffolding() -> Iterator[None]:
    """The test connection with no scope at all, as a connection outside a request is in
    production (for tests of the scope itself)."""
    from django.db import connection

    if not _state["on"]:
        yield
        return
    saved = set(_scaffold)
    _scaffold.clear()
    _apply(connection)
    try:
        yield
    finally:
        _scaffold.update(saved)
        _apply(connection)


def _drop_to_app_role(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor != "postgresql" or connection.alias != "default":
        return
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{_role_name("app")}"')
    if _on_test_thread() and _scaffold and _state["requests"] == 0:
        _apply(connection)  # a connection opened again (a restore closes it) keeps the scope


def _apply(connection: Any, value: str | None = None) -> None:
    from ymateb.records.rls import SETTING_IDS

    if value is None:
        value = ",".join(str(i) for i in sorted(_scaffold))
    with connection.cursor() as cursor:
        # Session-wide (false): outside a transaction it must outlast the statement; inside
        # a test's transaction the rollback at its end undoes it.
        cursor.execute("SELECT set_config(%s, %s, false)", [SETTING_IDS, value])


def _on_test_thread() -> bool:
    return threading.get_ident() == _state["thread"]


def _request_started(**kwargs: Any) -> None:
    if not _on_test_thread():
        return
    _state["requests"] += 1
    if _state["requests"] == 1 and _scaffold:
        # A request starts with no scope, as on a fresh production connection: a signed-in
        # one gets its person's scope from the middleware, any other sees no record.
        from django.db import connection

        _apply(connection, "")


def _request_finished(**kwargs: Any) -> None:
    if not _on_test_thread():
        return
    _state["requests"] = max(0, _state["requests"] - 1)
    if _state["requests"] == 0 and _scaffold:
        from django.db import connection

        _apply(connection)


def _setting_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if not created or not _on_test_thread():
        return
    _scaffold.add(instance.pk)
    if _state["requests"] == 0:  # inside a request, it is applied when the request ends
        from django.db import connection

        _apply(connection)


@contextmanager
def as_worker() -> Iterator[None]:
    """Run a background job as the worker does in production: as the worker's role, with
    no scope but the one each job sets for itself."""

    if not _state["on"]:
        yield
        return
    with without_scaffolding():
        _role(f'SET ROLE "{_role_name("worker")}"')
        try:
            yield
        finally:
            step_down()


def run_worker(**options: Any) -> None:
    """One pass of the worker (`ymateb db_worker --batch`) over every task that is due."""
    from django.core.management import call_command

    with as_worker():
        call_command("db_worker", "--batch", "--interval", "0", **options)


def job(task: Any, *args: Any) -> Any:
    """Run one background task now, as the worker would (`task.call(*args)`)."""
    with as_worker():
        return task.call(*args)
