"""The failover drill on the production stack (issue "A real installation"; ADR 0013, "A
primary with a streaming replica"): a second throw-away cluster made from the primary with
`pg_basebackup` runs as its streaming standby, and the primary waits for it on every commit
(`synchronous_standby_names = 'ymateb_standby'`, `synchronous_commit = on`). While concerns
are being reported one after another, the primary is SIGKILLed (every process of the
cluster at once); the standby is promoted, every role's DATABASE_URL is pointed at it, and
the app servers and the worker are restarted against it, as an operator would. Then, as the
owner role:

- every concern whose commit had returned (its id printed) is on the new primary, with its
  CREATE audit row; none is half-written;
- `ymateb audit verify` passes; the grants are exactly the declared ones (`db_roles
  --check` as the app role); row-level security still binds the app role;
- the app answers /healthz through nginx with 200, and the restarted worker makes every
  incident's alert on the new primary.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest

from tests.production.stack import (
    MARKS,
    ROOT,
    Stack,
    alive,
    clean_env,
    descendants,
    free_ports,
    healthy,
    kill_all,
    owner_connection,
    pg_bin,
    pg_ctl,
    running_stack,
    seen_by_the_app,
    stop_processes,
)

pytestmark = MARKS

SETTING = "Ysgol y Methiant"
DSP = "dsp@ysgol-methiant.example.org"
#: Concerns the writer reports at most, one transaction each; the primary is killed once
#: KILL_AFTER of them have been acknowledged, so the writer is always mid-way.
CONCERNS = 2000
KILL_AFTER = 200
STANDBY_NAME = "ymateb_standby"

WRITE_CONCERNS = f"""
import sys
from ymateb.accounts.models import User
from ymateb.incidents.concern import services
from ymateb.records import rls
from ymateb.tenancy.models import Setting
setting = Setting.objects.get(name={SETTING!r})
dsp = User.objects.get(email={DSP!r})
for n in range({CONCERNS}):
    with rls.scoped([setting.pk]):
        incident = services.concern_report(
            by=dsp, setting_id=setting.pk, came_to_light="child_told", occurred_at=None,
            account="Failover " + str(n), saw_image=False,
            children=[services.ChildInput(name="Plentyn " + str(n), age=14)],
        )
    # Printed once its transaction has committed: an acknowledged write.
    print("ACK", incident.pk, flush=True)
"""


class Failover:
    """The standby cluster and the processes the test starts in place of the stack's; all
    stopped at the end, however the test ends."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.data = stack.dir / "pg" / "standby"
        self.log = stack.dir / "pg" / "standby.log"
        self.started: list[subprocess.Popen[bytes]] = []

    def pg_ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return pg_ctl(self.data, *args, check=check)

    def start(self, role: str, *command: str, log: str) -> None:
        """A process as its systemd unit starts it (deploy/bin/as ROLE ...)."""
        with (self.stack.dir / "log" / log).open("wb") as out:
            self.started.append(
                subprocess.Popen(
                    [str(ROOT / "deploy" / "bin" / "as"), role, *command],
                    env=clean_env(YMATEB_ETC=str(self.stack.dir / "etc")),
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

    def stop(self) -> None:
        stop_processes(self.started)
        if (self.data / "postmaster.pid").exists():
            self.pg_ctl("-m", "immediate", "stop", check=False)
        if self.log.exists():  # kept with the stack's logs (running_stack keeps log/*.log)
            (self.stack.dir / "log" / "pg-standby.log").write_bytes(self.log.read_bytes())


@pytest.fixture(scope="module")
def stack() -> Iterator[tuple[Stack, Failover]]:
    """The stack, kept going when a process ends (the test restarts them itself), and the
    standby, stopped before the stack's folder is removed."""
    with running_stack("failover", YMATEB_STACK_KEEP_GOING="1") as started:
        failover = Failover(started)
        try:
            yield started, failover
        finally:
            failover.stop()


def port_of(stack: Stack) -> str:
    return stack.env_value("db-app.env", "DATABASE_URL").rsplit(":", 1)[1].split("/")[0]


def superuser_sql(stack: Stack, port: str, sql: str) -> str:
    """SQL as the superuser through the private socket (as `make production` runs it)."""
    result = subprocess.run(
        ["runuser", "-u", "postgres", "--", pg_bin("psql"), "-q", "-X", "-A", "-t",
         "-h", str(stack.dir / "pg"), "-p", port, "-U", "postgres", "-d", "ymateb", "-c", sql],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


def make_standby(stack: Stack, failover: Failover, port: str) -> str:
    """A streaming standby of the stack's cluster on a port of its own, synchronous."""
    primary = port_of(stack)
    with (stack.cluster / "pg_hba.conf").open("a") as hba:  # the superuser may replicate
        hba.write("local   replication     postgres        peer\n")
    stack.pg_ctl("reload")
    conninfo = (
        f"host={stack.dir / 'pg'} port={primary} user=postgres application_name={STANDBY_NAME}"
    )
    subprocess.run(
        ["runuser", "-u", "postgres", "--", pg_bin("pg_basebackup"), "-D", str(failover.data),
         "-d", conninfo, "-R", "-X", "stream", "-c", "fast"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    # Its own port; the same socket folder and addresses (the copied postgresql.conf).
    with (failover.data / "postgresql.conf").open("a") as conf:
        conf.write(f"\n# the failover drill's standby\nport = {port}\n")
    with (failover.data / "postgresql.auto.conf").open("a") as conf:
        conf.write(f"primary_conninfo = '{conninfo}'\n")
    failover.pg_ctl("-l", str(failover.log), "-w", "start")
    superuser_sql(stack, primary, f"ALTER SYSTEM SET synchronous_standby_names = '{STANDBY_NAME}'")
    superuser_sql(stack, primary, "ALTER SYSTEM SET synchronous_commit = 'on'")
    superuser_sql(stack, primary, "SELECT pg_reload_conf()")
    deadline, state = time.monotonic() + 60, ""
    while time.monotonic() < deadline:
        state = superuser_sql(
            stack, primary, "SELECT application_name, state, sync_state FROM pg_stat_replication"
        )
        if state == f"{STANDBY_NAME}|streaming|sync":
            return state
        time.sleep(0.5)
    raise AssertionError(f"the standby is not a synchronous one: {state!r}")


def kill_primary(stack: Stack) -> int:
    """Every process of the primary SIGKILLed at once: the server is lost."""
    postmaster = int((stack.cluster / "postmaster.pid").read_text().split()[0])
    victims = descendants(postmaster)
    if os.getpgid(postmaster) == postmaster:
        os.killpg(postmaster, signal.SIGKILL)
    kill_all(victims)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in victims) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in victims)
    # Its stale pid file is not left for the stack's clean-up to signal.
    (stack.cluster / "postmaster.pid").unlink()
    return len(victims)


def point_at(stack: Stack, old: str, new: str) -> None:
    """Every role's DATABASE_URL (etc/db-*.env) names the new primary's port."""
    for path in sorted((stack.dir / "etc").glob("db-*.env")):
        lines = path.read_text().splitlines()
        changed = [
            line.replace(f":{old}/", f":{new}/") if line.startswith("DATABASE_URL=") else line
            for line in lines
        ]
        assert changed != lines, f"no DATABASE_URL on port {old} in {path.name}"
        path.write_text("\n".join(changed) + "\n")  # same file: its owner and mode stay


def test_promoted_synchronous_standby_has_every_acknowledged_write(
    stack: tuple[Stack, Failover],
) -> None:
    stack_, failover = stack
    started = time.monotonic()
    stack_.add_setting(SETTING, "Cyngor Methiant", DSP, "Dafydd Methiant")
    old_port = port_of(stack_)
    standby_port = str(free_ports(1)[0])
    state = make_standby(stack_, failover, standby_port)
    print(f"\nStandby on port {standby_port}: {state}")

    # The writer: one owner session reporting concerns, each id printed after its commit.
    writer = subprocess.Popen(
        [str(ROOT / "deploy" / "bin" / "ymateb"), "--db", "owner", "shell", "-v", "0",
         "-c", WRITE_CONCERNS],
        env=clean_env(YMATEB_ETC=str(stack_.dir / "etc")),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    acknowledged: list[str] = []
    first_at: list[float] = []
    enough = threading.Event()

    def read() -> None:
        assert writer.stdout is not None
        for line in writer.stdout:
            if line.startswith("ACK "):
                first_at[:] = first_at or [time.monotonic()]
                acknowledged.append(line.split()[1])
                if len(acknowledged) >= KILL_AFTER:
                    enough.set()
        enough.set()  # the writer ended (early, if before KILL_AFTER: checked below)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert enough.wait(timeout=120), "the writer acknowledged nothing in 120 s"
    killed_at = time.monotonic()
    killed = kill_primary(stack_)
    at_kill = len(acknowledged)
    writing_for = killed_at - first_at[0] if first_at else 0.0
    try:
        _, errors = writer.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        writer.kill()
        _, errors = writer.communicate()
    reader.join(timeout=10)
    # It was mid-way: it had reached KILL_AFTER and failed when its database went away.
    assert at_kill >= KILL_AFTER, errors[-3000:]
    assert writer.returncode != 0 and len(acknowledged) < CONCERNS, errors[-3000:]
    print(
        f"Primary SIGKILLed ({killed} processes) with {at_kill} concerns acknowledged; "
        f"{len(acknowledged)} in all before the writer failed "
        f"({errors.strip().splitlines()[-1] if errors.strip() else 'no error'})"
    )

    # Failover: promote the standby, point every role at it, restart what holds connections.
    promoting = time.monotonic()
    failover.pg_ctl("-w", "-t", "60", "promote")
    assert superuser_sql(stack_, standby_port, "SELECT pg_is_in_recovery()") == "f"
    promoted_in = time.monotonic() - promoting
    point_at(stack_, old_port, standby_port)
    for port in stack_.app_ports:
        kill_all(descendants(stack_.pid(f"web-{port}")))
    kill_all(descendants(stack_.pid("worker")))
    for port in stack_.app_ports:
        failover.start("app", str(ROOT / "deploy/bin/web"), str(port), log=f"web-{port}-2.log")
    failover.start("worker", str(ROOT / "deploy/bin/worker"), log="worker-2.log")

    # Every acknowledged concern is on the new primary, whole, with its audit row.
    with owner_connection(stack_) as db:
        assert db.execute("SELECT pg_is_in_recovery()").fetchone()[0] is False
        incidents = {str(row[0]) for row in db.execute("SELECT id FROM incidents_incident")}
        children = Counter(
            str(row[0]) for row in db.execute("SELECT incident_id FROM incidents_incidentchild")
        )
        created = Counter(
            row[0]
            for row in db.execute(
                "SELECT object_id FROM audit_auditevent"
                " WHERE object_type = 'incident' AND action = 'create'"
            )
        )
    lost = [i for i in acknowledged if i not in incidents]
    assert not lost, f"{len(lost)} of {len(acknowledged)} acknowledged concerns lost: {lost[:5]}"
    for what, missing in [
        ("children", [i for i in incidents if not children[i]]),
        ("CREATE audit row", [i for i in incidents if created[i] != 1]),
    ]:
        assert not missing, f"{len(missing)} incidents without exactly one {what}: {missing[:5]}"

    assert stack_.ymateb("--db", "owner", "audit", "verify").startswith("audit chain OK")
    assert "as declared" in stack_.ymateb("--db", "app", "db_roles", "--check")
    assert seen_by_the_app(stack_, SETTING) == (0, len(incidents))

    # The restarted app servers answer through nginx; the restarted worker alerts the DSP
    # of every incident, on the new primary.
    assert healthy(stack_) == 200
    deadline, alerts = time.monotonic() + 90, 0
    while time.monotonic() < deadline:
        with owner_connection(stack_) as db:
            alerts = db.execute(
                "SELECT count(DISTINCT incident_id) FROM incidents_alert"
            ).fetchone()[0]
        if alerts == len(incidents):
            break
        time.sleep(2)
    assert alerts == len(incidents), f"{alerts} of {len(incidents)} incidents alerted"
    print(
        f"Failover: {len(acknowledged)} acknowledged concerns, all on the promoted standby "
        f"({len(incidents) - len(acknowledged)} more committed but not acknowledged); "
        f"{at_kill / writing_for:.0f} synchronous commits a second for {writing_for:.1f} s "
        f"before the kill; promoted in {promoted_in:.1f} s; drill "
        f"{time.monotonic() - started:.0f} s"
    )
