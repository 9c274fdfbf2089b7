"""The backup and restore drill on the production stack (issue "A real installation"):
a backup as the timer takes it (`deploy/bin/backup`, as the owner role), the cluster
destroyed, a new cluster made with the same roles (`db_roles --apply` as the superuser),
the backup restored into it as the owner: every table's count matches, the audit trail
verifies, the grants are exactly the declared ones, row-level security still binds the
app role, and the running app servers answer again from the restored database."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.production.stack import (
    MARKS,
    ROOT,
    Stack,
    clean_env,
    healthy,
    pg_bin,
    running_stack,
    seen_by_the_app,
)

pytestmark = MARKS

SETTING = "Ysgol y Dril"
DSP = "dsp@ysgol-dril.example.org"
CONCERNS = 6

MAKE_CONCERNS = f"""
from ymateb.accounts.models import User
from ymateb.incidents.concern import services
from ymateb.records import rls
from ymateb.tenancy.models import Setting
setting = Setting.objects.get(name={SETTING!r})
dsp = User.objects.get(email={DSP!r})
for n in range({CONCERNS}):
    with rls.scoped([setting.pk]):
        services.concern_report(
            by=dsp, setting_id=setting.pk, came_to_light="child_told", occurred_at=None,
            account="Drill " + str(n), saw_image=False,
            children=[services.ChildInput(name="Plentyn " + str(n), age=14)],
        )
"""
COUNTS = (
    "import json; from ymateb.records import backup; "
    "print(json.dumps(backup.row_counts('default'), sort_keys=True))"
)


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    """The stack, kept going when the worker exits as its database goes away (systemd
    restarts it on a server; this test does not need it back)."""
    with running_stack("backup-drill", YMATEB_STACK_KEEP_GOING="1") as started:
        yield started


def as_role(stack: Stack, role: str, *command: str) -> str:
    """A command of deploy/bin as its systemd unit runs it: `deploy/bin/as ROLE ...`."""
    result = subprocess.run(
        [str(ROOT / "deploy" / "bin" / "as"), role, *command],
        env=clean_env(YMATEB_ETC=str(stack.dir / "etc")),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def new_cluster(stack: Stack) -> None:
    """A new, empty cluster where the old one was: same port, socket and access rules."""
    port = stack.env_value("db-app.env", "DATABASE_URL").rsplit(":", 1)[1].split("/")[0]
    postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*postgres, pg_bin("initdb"), "-D", str(stack.cluster), "-U", "postgres", "-E", "UTF8",
         "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    shutil.copy(stack.dir / "pg" / "pg_hba.conf", stack.cluster / "pg_hba.conf")
    shutil.chown(stack.cluster / "pg_hba.conf", "postgres")
    with (stack.cluster / "postgresql.conf").open("a") as conf:
        conf.write(
            f"\nport = {port}\nunix_socket_directories = '{stack.dir / 'pg'}'\n"
            "listen_addresses = '127.0.0.1'\npassword_encryption = scram-sha-256\n"
        )
    stack.pg_ctl("-l", str(stack.dir / "pg" / "log"), "-w", "start")
    subprocess.run(
        [*postgres, pg_bin("psql"), "-q", "-X", "-h", str(stack.dir / "pg"), "-p", port,
         "-U", "postgres", "-d", "postgres", "-c", "CREATE DATABASE ymateb"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip


def counts(stack: Stack) -> dict[str, Any]:
    return dict(json.loads(stack.ymateb("--db", "owner", "shell", "-v", "0", "-c", COUNTS)))


def settled(stack: Stack) -> dict[str, Any]:
    """Every table's count once the worker has made the concerns' alerts and the counts
    stay still (the worker keeps running, as on a server)."""
    deadline, last = time.monotonic() + 120, counts(stack)
    while time.monotonic() < deadline:
        time.sleep(3)
        now = counts(stack)
        if now == last and now.get("incidents.Alert") == CONCERNS:
            return now
        last = now
    raise AssertionError(f"the worker did not settle: {last}")


def test_backup_destroy_restore_into_a_new_cluster_with_the_same_roles(stack: Stack) -> None:
    stack.add_setting(SETTING, "Cyngor Dril", DSP, "Dafydd Dril")
    stack.ymateb("--db", "owner", "shell", "-v", "0", "-c", MAKE_CONCERNS)
    before = settled(stack)
    assert before["incidents.Incident"] == CONCERNS
    assert before["incidents.IncidentChild"] == CONCERNS

    # The nightly backup, as its timer runs it.
    as_role(stack, "owner", str(ROOT / "deploy" / "bin" / "backup"))
    [backup] = sorted((stack.dir / "var" / "backups").glob("ymateb-*.backup"))
    assert backup.stat().st_size > 0 and backup.stat().st_mode & 0o077 == 0
    assert b"Drill 0" not in backup.read_bytes()  # encrypted fields stay encrypted

    # The server is lost: the cluster stops hard and its files are gone.
    stack.pg_ctl("-m", "immediate", "stop")
    shutil.rmtree(stack.cluster)
    assert healthy(stack, seconds=3) == 503  # the app servers are up; the database is not

    # A new cluster, the same roles, the backup restored as the owner.
    new_cluster(stack)
    subprocess.run(  # creates the roles; its check fails on a database with no tables yet
        [str(ROOT / "deploy" / "bin" / "ymateb"), "--db", "admin", "db_roles", "--apply"],
        env=clean_env(YMATEB_ETC=str(stack.dir / "etc")),
        capture_output=True,
        timeout=120,
    )
    stack.ymateb("--db", "owner", "restore", str(backup), "--no-owner")
    stack.ymateb("--db", "admin", "db_roles", "--apply")
    assert "as declared" in stack.ymateb("--db", "app", "db_roles", "--check")

    after = counts(stack)
    assert after == before
    assert stack.ymateb("--db", "owner", "audit", "verify").startswith("audit chain OK")
    # Row-level security binds the app role on the restored tables: nothing without a
    # scope, the setting's concerns within it.
    assert seen_by_the_app(stack, SETTING) == (0, CONCERNS)
    # The app servers that kept running answer from the restored database.
    assert healthy(stack) == 200
