"""Durability of the production stack (issue "Durability"; ADR 0006, ADR 0012).

During SUBMISSIONS concurrent concern submissions (and page reads between them) through
nginx, one app server is SIGKILLed (master and workers, and left down), then the worker
(restarted a little later, as systemd's Restart= would), then PostgreSQL (every process of
the cluster at once: a crash; restarted with pg_ctl start). Afterwards, as the owner role:

- every submission that got a success response (the redirect to its receipt) is in the
  database, with its children, its CREATE audit row and an alert for the DSP;
- no incident, acknowledged or not, is half-written: each has its audit row, at least one
  child and its alert;
- `ymateb audit verify` passes;
- each alert's email was sent once and only once: the outbox (the file backend's folder)
  holds one message per alert, and the alerts recorded as emailed are exactly those.

The staff accounts are made as an installation makes them: the first admin with
`createsuperuser`, the setting and its DSP with `setting_add`, then the staff accounts and
their roles with Ymateb's own services run by `deploy/bin/ymateb --db owner shell`. Staff
need no second factor (YMATEB_TWO_FACTOR_ROLES), so each session signs in with its email
and password. Requests go over HTTPS with Python's http.client, one session (cookies, CSRF
token) per thread.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import ssl
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_string
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.production.stack import (
    MARKS,
    ROOT,
    Stack,
    alive,
    clean_env,
    descendants,
    kill_all,
    owner_connection,
    running_stack,
    stop_processes,
)

#: Concern submissions in the run, in total, as the issue asks. On the 2-core development
#: machine the load takes about 95 s (some 21 a second, each with a page read) and the
#: whole test under 3 minutes; with other test runs loading the machine, up to 6 minutes.
SUBMISSIONS = 2000
THREADS = 16
ACCOUNTS = 8
PASSWORD = "Staff-durability-2026!"
ADMIN = "durability.admin@example.org"
DSP = "dsp@ysgol-wydn.example.org"
REQUEST_TIMEOUT = 30
DRAIN_TIMEOUT = 180
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

pytestmark = MARKS


@pytest.fixture(scope="module")
def durable_stack() -> Iterator[Stack]:
    # Two workers per app server: the one left standing carries the load on its own. The
    # stack keeps going when a process ends: the test kills and restarts them.
    with running_stack("durability", YMATEB_WEB_WORKERS="2", YMATEB_STACK_KEEP_GOING="1") as s:
        yield s


# --- one person's browser session, over HTTPS through nginx -------------------------------------


class Session:
    """Cookies and a kept-alive connection, like one browser tab. Not shared by threads."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.cookies: dict[str, str] = {}
        self.csrf = ""
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE
        self.connection: http.client.HTTPSConnection | None = None

    def _connect(self) -> http.client.HTTPSConnection:
        if self.connection is None:
            self.connection = http.client.HTTPSConnection(
                "127.0.0.1", self.stack.https, timeout=REQUEST_TIMEOUT, context=self.context
            )
        return self.connection

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        """Status, Location and body; a broken connection raises OSError/HTTPException."""
        headers = {"Accept": "text/html", "Accept-Language": "en-GB"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.csrf})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.stack.url
            headers["Referer"] = self.stack.url + path
        try:
            connection = self._connect()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie: SimpleCookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        if found:
            self.csrf = found.group(1)
        return response.status, response.getheader("Location", ""), text

    def sign_in(self, email: str) -> None:
        deadline = time.monotonic() + 30
        while (status := self.request("GET", "/sign-in/")[0]) == 502:  # nginx warming up
            assert time.monotonic() < deadline, "nginx answers 502"
            time.sleep(1)
        assert status == 200, status
        status, location, body = self.request(
            "POST", "/sign-in/", {"email": email, "password": PASSWORD}
        )
        assert status == 302 and location.endswith("/dashboard/"), (status, location, body[:800])
        status, _, _ = self.request("GET", "/concerns/new/")  # the form, and its CSRF token
        assert status == 200, status


def concern(number: int) -> dict[str, str]:
    today = time.localtime()
    return {
        "child-TOTAL_FORMS": "1",
        "child-INITIAL_FORMS": "0",
        "child-MIN_NUM_FORMS": "1",
        "child-MAX_NUM_FORMS": "30",
        "child-0-name": f"Plentyn {number}",
        "child-0-age": "14",
        "came_to_light": "child_told",
        "when_day": str(today.tm_mday),
        "when_month": str(today.tm_mon),
        "when_year": str(today.tm_year),
        "account": f"Concern {number}: a pupil said an image was shared in a group chat.",
    }


# --- the run's record ----------------------------------------------------------------------------


@dataclass
class Run:
    total: int
    next_number: int = 0
    done: int = 0
    successes: dict[str, int] = field(default_factory=dict)  # incident id -> submission
    failures: Counter[str] = field(default_factory=Counter)
    reads: Counter[str] = field(default_factory=Counter)
    events: list[tuple[float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    started: float = field(default_factory=time.monotonic)

    def take(self) -> int | None:
        with self.lock:
            if self.next_number >= self.total:
                return None
            self.next_number += 1
            return self.next_number

    def finished_one(self) -> None:
        with self.lock:
            self.done += 1

    def note(self, what: str) -> None:
        with self.lock:
            self.events.append((time.monotonic() - self.started, what))
        print(f"  [{time.monotonic() - self.started:6.1f}s] {what}", flush=True)


def submit_and_read(stack: Stack, email: str, run: Run, errors: list[str]) -> None:
    session = Session(stack)
    try:
        session.sign_in(email)
        receipts: list[str] = []
        while (number := run.take()) is not None:
            kind = ""
            try:
                status, location, _ = session.request("POST", "/concerns/new/", concern(number))
                found = re.search(rf"/concerns/({UUID})/receipt/$", location)
                if status == 302 and found:
                    with run.lock:
                        run.successes[found.group(1)] = number
                    receipts.append(location)
                elif status == 302 and "/sign-in/" in location:
                    kind = "sent to sign in"
                else:
                    kind = f"HTTP {status}"
            except TimeoutError:
                kind = "timeout"
            except (OSError, http.client.HTTPException) as error:
                kind = f"connection ({type(error).__name__})"
            if kind:
                with run.lock:
                    run.failures[kind] += 1
                if kind == "sent to sign in":  # the session was lost: sign in again
                    try:
                        session.sign_in(email)
                    except (AssertionError, OSError, http.client.HTTPException):
                        pass
            run.finished_one()
            # A page read between submissions: the dashboard, or one of one's receipts.
            path = receipts[-1] if receipts and number % 2 else "/dashboard/"
            try:
                status, _, _ = session.request("GET", path)
                read = "ok" if status == 200 else f"HTTP {status}"
            except (OSError, http.client.HTTPException):
                read = "connection"
            with run.lock:
                run.reads[read] += 1
    except Exception as error:  # noqa: BLE001 - reported to the test's thread
        errors.append(f"{email}: {type(error).__name__}: {error}")
    finally:
        session.close()


# --- the crashes --------------------------------------------------------------------------------


class Worker:
    """The background worker, watched as systemd watches ymateb-worker.service
    (Restart=on-failure): when it ends, it is started again, as the stack starts it."""

    def __init__(self, stack: Stack, run: Run) -> None:
        self.stack = stack
        self.run = run
        self.pid = stack.pid("worker")  # started by production.sh
        self.started: list[subprocess.Popen[bytes]] = []
        self.restarts = 0
        self.paused = threading.Event()  # set while the test holds it down
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def start(self) -> None:
        number = len(self.started) + 1
        with (self.stack.dir / "log" / f"worker-{number}.log").open("wb") as out:
            process = subprocess.Popen(
                [str(ROOT / "deploy" / "bin" / "as"), "worker", str(ROOT / "deploy/bin/worker")],
                env=clean_env(YMATEB_ETC=str(self.stack.dir / "etc")),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.started.append(process)
        self.pid = process.pid
        self.restarts += 1

    def _watch(self) -> None:
        while not self.stopping.wait(1):
            if self.paused.is_set() or alive(self.pid):
                continue
            self.run.note("the worker ended by itself; restarting it in 5 s (RestartSec=5)")
            if self.stopping.wait(5):
                return
            self.start()
            self.run.note(f"worker restarted (pid {self.pid})")

    def kill_and_restart(self, after: float) -> None:
        self.paused.set()
        kill_all(descendants(self.pid))
        self.run.note(f"SIGKILLed the worker (pid {self.pid})")
        time.sleep(after)
        self.start()
        self.paused.clear()
        self.run.note(f"worker restarted (pid {self.pid})")

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=10)
        stop_processes(self.started)


def crash_postgres(stack: Stack, run: Run, down_for: float) -> None:
    """Every process of the cluster SIGKILLed at once (pg_ctl starts the postmaster in a
    session of its own, so its process group is the cluster), then pg_ctl start."""
    postmaster = int((stack.cluster / "postmaster.pid").read_text().split()[0])
    group = os.getpgid(postmaster)
    victims = descendants(postmaster)
    if group == postmaster:
        os.killpg(group, signal.SIGKILL)
    kill_all(victims)
    run.note(f"SIGKILLed PostgreSQL (postmaster {postmaster} and {len(victims) - 1} children)")
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in victims) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(down_for)
    started = stack.pg_ctl("-l", str(stack.dir / "pg" / "log"), "-w", "-t", "120", "start")
    assert started.returncode == 0, started.stdout + started.stderr
    run.note("PostgreSQL restarted (crash recovery done)")


def chaos(stack: Stack, run: Run, worker: Worker, errors: list[str]) -> None:
    def wait_for(fraction: float) -> bool:
        while run.done < run.total * fraction:
            if run.next_number >= run.total and run.done >= run.total:
                return False
            time.sleep(0.05)
        return True

    try:
        if wait_for(0.25):
            port = stack.app_ports[0]
            victims = descendants(stack.pid(f"web-{port}"))
            kill_all(victims)
            run.note(f"SIGKILLed the app server on {port} ({len(victims)} processes); left down")
        if wait_for(0.50):
            worker.kill_and_restart(after=3)
        if wait_for(0.75):
            crash_postgres(stack, run, down_for=3)
    except Exception as error:  # noqa: BLE001 - reported to the test's thread
        errors.append(f"chaos: {type(error).__name__}: {error}")


# --- the set-up, as an installation does it ------------------------------------------------------

MAKE_STAFF = """
from ymateb.accounts.models import User
from ymateb.tenancy import services
from ymateb.tenancy.models import Membership, Role, Setting

admin = User.objects.get(email={admin!r})
setting = Setting.objects.get(name="Ysgol Wydn")
for email in {emails!r}:
    user = User.objects.create_user(email, {password!r}, full_name="Staff " + email[:7])
    services.grant(Membership(user=user, setting=setting, role=Role.STAFF), by=admin)
print("made", len({emails!r}))
"""


def staff_emails() -> list[str]:
    return [f"staff{n:02d}@ysgol-wydn.example.org" for n in range(1, ACCOUNTS + 1)]


def set_up(stack: Stack) -> None:
    stack.first_admin(ADMIN, "Gweinyddwr-cyntaf-2026!")
    stack.add_setting("Ysgol Wydn", "Cyngor Prawf", DSP, "Dylan DSP")
    code = MAKE_STAFF.format(admin=ADMIN, emails=staff_emails(), password=PASSWORD)
    assert "made" in stack.ymateb("--db", "owner", "shell", "--no-imports", "-c", code)


# --- what is in the database and the outbox afterwards ---------------------------------------


def drained(stack: Stack) -> tuple[bool, str]:
    """Nothing left for the worker to do now: no task due or running, every alert emailed."""
    try:
        with owner_connection(stack) as db:
            due = db.execute(
                "SELECT status, count(*) FROM django_tasks_database_dbtaskresult"
                " WHERE status = 'RUNNING' OR (status = 'READY' AND run_after <= now())"
                " GROUP BY status"
            ).fetchall()
            unsent = db.execute(  # claimed and not recorded: the claimer is gone (in doubt)
                "SELECT count(*) FROM incidents_alert"
                " WHERE emailed_at IS NULL AND email_claimed_at IS NULL"
            ).fetchone()[0]
    except Exception as error:  # noqa: BLE001 - the database may still be recovering
        return False, f"{type(error).__name__}"
    return (not due and unsent == 0), f"tasks due/running {dict(due)}, alerts not emailed {unsent}"


def outbox(stack: Stack) -> Counter[tuple[str, str, str]]:
    """Alert emails in the file backend's folder, by (recipient, reference, level)."""
    sent: Counter[tuple[str, str, str]] = Counter()
    for path in (stack.dir / "var" / "mail").glob("*.log"):
        for text in path.read_text().split("-" * 79 + "\n"):
            if not text.strip():
                continue
            message = message_from_string(text)
            subject = str(message["Subject"] or "")
            found = re.search(r"\((YM-[A-Z0-9]{4}-[A-Z0-9]{4})\)", subject)
            if not found:
                continue  # set-up links
            level = "escalated" if "not been picked up" in subject else "first"
            sent[(str(message["To"]), found.group(1), level)] += 1
    return sent


def test_acknowledged_concerns_survive_crashes_and_alerts_go_once(
    durable_stack: Stack,
) -> None:
    stack = durable_stack
    set_up(stack)
    run = Run(SUBMISSIONS)
    errors: list[str] = []
    emails = staff_emails()
    worker = Worker(stack, run)
    try:
        threads = [
            threading.Thread(
                target=submit_and_read, args=(stack, emails[n % ACCOUNTS], run, errors)
            )
            for n in range(THREADS)
        ]
        crasher = threading.Thread(target=chaos, args=(stack, run, worker, errors))
        run.note(f"{SUBMISSIONS} submissions from {THREADS} sessions of {ACCOUNTS} staff")
        for thread in [*threads, crasher]:
            thread.start()
        for thread in [*threads, crasher]:
            thread.join(timeout=600)
        load_seconds = time.monotonic() - run.started
        run.note("every submission answered (or failed)")
        assert not errors, errors

        deadline = time.monotonic() + DRAIN_TIMEOUT
        while True:
            done, state = drained(stack)
            if done:
                break
            assert time.monotonic() < deadline, f"the worker did not drain: {state}"
            time.sleep(2)
        run.note("the worker drained")
    finally:
        worker.stop()

    successes = run.successes
    print(
        f"\nDurability: {SUBMISSIONS} submissions in {load_seconds:.0f} s "
        f"({SUBMISSIONS / load_seconds:.1f}/s), {len(successes)} successes, "
        f"failures {dict(run.failures)}, page reads {dict(run.reads)}, "
        f"worker restarts {worker.restarts}"
    )

    with owner_connection(stack) as db:
        incidents = {
            str(row[0]): row[1]
            for row in db.execute("SELECT id, reference FROM incidents_incident").fetchall()
        }
        children = Counter(
            str(row[0])
            for row in db.execute("SELECT incident_id FROM incidents_incidentchild").fetchall()
        )
        created = Counter(
            row[0]
            for row in db.execute(
                "SELECT object_id FROM audit_auditevent"
                " WHERE object_type = 'incident' AND action = 'create'"
            ).fetchall()
        )
        alerts = db.execute(
            "SELECT a.id, a.incident_id, u.email, a.level, a.emailed_at IS NOT NULL,"
            " a.email_claimed_at IS NOT NULL"
            " FROM incidents_alert a JOIN accounts_user u ON u.id = a.recipient_id"
        ).fetchall()
        tasks = dict(
            db.execute(
                "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
            ).fetchall()
        )
    alerted = Counter(str(incident) for _, incident, email, _, _, _ in alerts if email == DSP)
    print(
        f"Database: {len(incidents)} incidents ({len(incidents) - len(successes)} from "
        f"requests that failed), {len(alerts)} alerts, tasks {tasks}"
    )

    # Every acknowledged submission is there, whole.
    lost = [i for i in successes if i not in incidents]
    assert not lost, f"{len(lost)} acknowledged submissions are missing: {lost[:5]}"
    # None is half-written, acknowledged or not.
    for what, missing in [
        ("children", [i for i in incidents if not children[i]]),
        ("CREATE audit row", [i for i in incidents if created[i] != 1]),
        ("alert for the DSP", [i for i in incidents if alerted[i] != 1]),
    ]:
        assert not missing, f"{len(missing)} incidents without exactly one {what}: {missing[:5]}"
    assert "FAILED" not in tasks, tasks

    # The audit chain holds.
    verified = stack.ymateb("--db", "owner", "audit", "verify")
    print(f"Audit: {verified.strip().splitlines()[-1] if verified.strip() else 'verified'}")

    # Every alert's email went out once, and the alerts say so.
    sent = outbox(stack)
    twice = {key: count for key, count in sent.items() if count > 1}
    assert not twice, f"alert emails sent more than once: {list(twice.items())[:5]}"
    expected = {(email, incidents[str(i)], level) for _, i, email, level, _, _ in alerts}
    assert set(sent) <= expected, f"{len(set(sent) - expected)} emails for no alert"
    # An alert claimed and never recorded is one whose email task was killed between its
    # claim and its record (ADR 0006: at most once, never twice). Only the worker's SIGKILL
    # may leave one; its email went out once or not at all (checked above: none twice).
    in_doubt = [a for a in alerts if a[5] and not a[4]]
    assert len(in_doubt) <= 1, f"{len(in_doubt)} alerts claimed and never recorded"
    recorded = [a for a in alerts if a[4]]
    assert all(sent[(a[2], incidents[str(a[1])], a[3])] == 1 for a in recorded)
    assert set(sent) - {(a[2], incidents[str(a[1])], a[3]) for a in recorded} <= {
        (a[2], incidents[str(a[1])], a[3]) for a in in_doubt
    }
    print(
        f"Outbox: {sum(sent.values())} alert emails for {len(alerts)} alerts, none twice; "
        f"{len(recorded)} recorded as sent, {len(in_doubt)} in doubt (claimed by the killed worker)"
    )
