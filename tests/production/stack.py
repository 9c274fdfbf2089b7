"""The production stack for the tests of tests/production: `scripts/production.sh` started
on free ports in a folder of its own, and stopped, with its logs kept, however the test
ends (issue "A real installation"; ADR 0012)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: The marks of every test that runs the stack.
MARKS = [
    pytest.mark.system,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="the production stack runs with the PostgreSQL runs of the suite (make test)",
    ),
    pytest.mark.skipif(
        shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(),
        reason="needs Debian's nginx (scripts/install-system-deps.sh test installs it)",
    ),
]


def free_ports(count: int) -> list[int]:
    sockets = []
    for _ in range(count):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def clean_env(**extra: str) -> dict[str, str]:
    """What the stack's commands see: no test settings, no test database."""
    keep = ("PATH", "LANG", "LC_ALL", "HOME", "TERM")
    return {**{k: os.environ[k] for k in keep if k in os.environ}, **extra}


def pg_bin(name: str) -> str:
    return str(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))[-1])


def pg_ctl(data: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """pg_ctl on the cluster in `data`, as the postgres user."""
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", pg_bin("pg_ctl"), "-D", str(data), *args],
        capture_output=True,
        text=True,
        check=check,
        timeout=120,
    )


@dataclass
class Stack:
    dir: Path
    https: int
    app_ports: list[int]
    log: Path

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.https}"

    @property
    def cluster(self) -> Path:
        return self.dir / "pg" / "data"

    def ymateb(self, *args: str, **env: str) -> str:
        """A management command as the README's guide runs it: deploy/bin/ymateb."""
        result = subprocess.run(
            [str(ROOT / "deploy" / "bin" / "ymateb"), *args],
            env=clean_env(YMATEB_ETC=str(self.dir / "etc"), **env),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def first_admin(self, email: str, password: str, name: str = "Anwen Admin") -> None:
        """The installation's first admin, as the README's guide makes them."""
        self.ymateb(
            "--db", "owner", "createsuperuser", "--noinput", "--email", email,
            "--full_name", name, DJANGO_SUPERUSER_PASSWORD=password,
        )  # fmt: skip

    def add_setting(self, name: str, authority: str, dsp: str, dsp_name: str) -> str:
        """A setting and its DSP, as the README's guide adds the first (`setting_add`);
        what the command printed (the DSP's temporary password among it)."""
        return self.ymateb(
            "setting_add", "--local-authority", authority, "--name", name,
            "--dsp-email", dsp, "--dsp-name", dsp_name, "--base-url", self.url,
        )  # fmt: skip

    def env_value(self, file: str, name: str) -> str:
        for line in (self.dir / "etc" / file).read_text().splitlines():
            if line.startswith(f"{name}="):
                return line.split("=", 1)[1]
        raise AssertionError(f"{name} not in {file}")

    def pid(self, name: str) -> int:
        """The process id of one of the stack's processes (web-PORT, worker) as started."""
        return int((self.dir / "run" / f"{name}.pid").read_text())

    def pg_ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """pg_ctl on the stack's cluster, as the postgres user (its settings are in the
        cluster's postgresql.conf)."""
        return pg_ctl(self.cluster, *args, check=check)

    def mail_link(self, email: str) -> str:
        for path in sorted((self.dir / "var" / "mail").glob("*.log")):
            text = path.read_text()
            if f"To: {email}" in text:
                found = re.search(r"https://\S+/sign-in/set-up/\S+/", text)
                if found:
                    return found.group(0)
        raise AssertionError(f"no set-up link was emailed to {email}")


@contextmanager
def running_stack(name: str, **settings: str) -> Iterator[Stack]:
    """`scripts/production.sh` on free ports (settings: more of its YMATEB_* variables),
    until the block ends, then stopped and removed, its logs kept in
    test-artifacts/production-logs/NAME/."""
    # Under /tmp, not pytest's private tmp folder: the stack's unprivileged processes must
    # reach its var/ folder.
    where = Path(tempfile.mkdtemp(prefix="ymateb-stack-test."))
    https, http, app_a, app_b, pg = free_ports(5)
    log = Path(tempfile.mkstemp(prefix="ymateb-stack-test.", suffix=".log")[1])
    defaults = {"YMATEB_WEB_WORKERS": "1"}
    env = clean_env(
        YMATEB_STACK_DIR=str(where),
        YMATEB_HTTPS_PORT=str(https),
        YMATEB_HTTP_PORT=str(http),
        YMATEB_APP_PORTS=f"{app_a} {app_b}",
        YMATEB_PG_PORT=str(pg),
        YMATEB_STACK_KEEP="1",  # the test reads the logs, then removes the folder itself
        **{**defaults, **settings},
    )
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(ROOT / "scripts" / "production.sh")],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stack = Stack(where, https, [app_a, app_b], log)
    try:
        deadline = time.monotonic() + 240
        while not (where / "ready").exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("the stack did not start:\n" + log.read_text()[-4000:])
            time.sleep(0.5)
        yield stack
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # the script stops every process it started
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        if (stack.cluster / "postmaster.pid").exists():  # the script was killed before its cleanup
            stack.pg_ctl("-m", "immediate", "stop", check=False)
        # The processes' logs outlive the stack, for a failure to be read afterwards.
        kept = ROOT / "test-artifacts" / "production-logs" / name
        shutil.rmtree(kept, ignore_errors=True)
        kept.mkdir(parents=True, exist_ok=True)
        shutil.copy(log, kept / "production.sh.log")
        for path in [*where.glob("log/*.log"), *where.glob("nginx/log/*.log"), where / "pg/log"]:
            if path.is_file():
                shutil.copy(path, kept / "-".join(path.relative_to(where).parts))
        shutil.rmtree(where, ignore_errors=True)
        log.unlink(missing_ok=True)


def healthy(stack: Stack, seconds: float = 60) -> int:
    """Ask the health check through nginx until it answers 200: the app servers reach
    the database again (they reconnect by themselves)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    deadline, status = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        try:
            address = f"{stack.url}/healthz"  # https, the stack's own
            with urllib.request.urlopen(address, context=context) as answer:  # noqa: S310
                status = answer.status
        except Exception as problem:  # noqa: BLE001 (a refused or failed request: ask again)
            status = getattr(problem, "code", 0)
        if status == 200:
            return status
        time.sleep(1)
    return status


def descendants(pid: int) -> list[int]:
    """pid and every process under it (from /proc), read before any is killed."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def kill_all(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def owner_connection(stack: Stack) -> Any:
    import psycopg

    return psycopg.connect(stack.env_value("db-owner.env", "DATABASE_URL"), autocommit=True)


def stop_processes(processes: list[subprocess.Popen[bytes]]) -> None:
    """Stop the processes a test started (each in its own session): SIGTERM, then SIGKILL."""
    for process in processes:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


SEEN_BY_THE_APP = """
from ymateb.incidents.models import Incident
from ymateb.records import rls
from ymateb.tenancy.models import Setting
setting = Setting.objects.get(name={setting!r})
with rls.scoped([]):
    unscoped = Incident.objects.count()
with rls.scoped([setting.pk]):
    scoped = Incident.objects.count()
print(unscoped, scoped)
"""


def seen_by_the_app(stack: Stack, setting: str) -> tuple[int, int]:
    """The incidents the app role sees with no scope, and within the setting's scope."""
    code = SEEN_BY_THE_APP.format(setting=setting)
    unscoped, scoped = stack.ymateb("--db", "app", "shell", "-v", "0", "-c", code).split()
    return int(unscoped), int(scoped)
