"""The PostgreSQL roles of an installation and the exact grants of each (ADR 0011).

Three roles:

- the owner owns every table, sequence and function and runs `ymateb migrate` (and
  backups, restores and key rotation, which read and rewrite every setting's rows). It has
  BYPASSRLS for that; nothing else connects as it.
- the web app role owns nothing, cannot bypass row-level security, and has exactly the
  grants in GRANTS["app"]: no DELETE but where a row is meant to go (sessions, sign-in
  lockouts, a refused role grant, and the two-person destruction of a record).
- the worker role (alerts, escalation, audit checkpoints, the retention review) has
  GRANTS["worker"].

`ymateb db_roles --apply` creates the roles and makes the grants match this table (run it
after every migration); `ymateb db_roles --check` lists every difference and fails on
any, a grant beyond the table above all. A table with no entry here is a failure of the
check too, so a migration that adds a table must say here who may do what with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ymateb.records import rls

OWNER, APP, WORKER = "owner", "app", "worker"
DEFAULT_NAMES = {OWNER: "ymateb_owner", APP: "ymateb_app", WORKER: "ymateb_worker"}

R, W, U, D = "SELECT", "INSERT", "UPDATE", "DELETE"

# The destruction of a record (incidents.retention.services.destruction_approve, two
# different people) deletes the incident and these rows of it, and its request. These are
# the only record tables the app may DELETE from; the policies still limit it to the
# person's settings.
DESTRUCTION_TABLES = (
    "incidents_alert",
    "incidents_addendum",
    "incidents_device",
    "incidents_continuumplacement",
    "incidents_interview",
    "incidents_riskassessment",
    "incidents_referral",
    "incidents_signoff",
    "incidents_review",
    "incidents_action",
    "incidents_incidentevent",
    "incidents_incidentchild",
    "incidents_incident",
    "records_destructionrequest",
)

_RECORD_TABLES = (
    "incidents_action",
    "incidents_addendum",
    "incidents_alert",
    "incidents_continuumplacement",
    "incidents_device",
    "incidents_incident",
    "incidents_incidentchild",
    "incidents_incidentevent",
    "incidents_interview",
    "incidents_referral",
    "incidents_review",
    "incidents_riskassessment",
    "incidents_signoff",
)


def _app() -> dict[str, tuple[str, ...]]:
    grants: dict[str, tuple[str, ...]] = {
        # Accounts: sign-in, password change, enrolment; the admin creates people.
        "accounts_user": (R, W, U),
        "accounts_user_groups": (R,),
        "accounts_user_user_permissions": (R,),
        "accounts_enrolmentlink": (R, W, U),
        # A new authenticator app replaces the earlier ones, and a password an admin sets
        # removes them all (accounts.views.set_up_code, accounts.services.remove_devices).
        "otp_totp_totpdevice": (R, W, U, D),
        "auth_group": (R,),
        "auth_group_permissions": (R,),
        "auth_permission": (R,),
        "django_content_type": (R,),
        "django_admin_log": (R, W),
        # Sessions end (sign-out, a new key at sign-in): DELETE.
        "django_session": (R, W, U, D),
        # Sign-in lockouts are counted, and cleared on success (AXES_RESET_ON_SUCCESS).
        "axes_accessattempt": (R, W, U, D),
        "axes_accessattemptexpiration": (R, W, U, D),
        "axes_accessfailurelog": (R, W),
        "axes_accesslog": (R, W, U),
        # The audit trail: rows are added, never changed (the triggers refuse it anyway);
        # read for "who has seen this record" and for the chain. The head moves on.
        "audit_auditevent": (R, W),
        "audit_auditchainhead": (R, W, U),
        # Tasks for the worker (the alerts of a new concern).
        "django_tasks_database_dbtaskresult": (R, W),
        # Settings and roles, managed in the app; a refused role grant is removed.
        "tenancy_localauthority": (R, W, U),
        "tenancy_setting": (R, W, U),
        "tenancy_membership": (R, W, U, D),
        "tenancy_oversightassignment": (R, W, U, D),
        # Records, under row-level security: read, add, change; DELETE only to destroy.
        "records_recordtombstone": (R, W),
        "records_destructionrequest": (R, W),
    }
    for table in _RECORD_TABLES:
        grants[table] = (R, W, U)
    for table in DESTRUCTION_TABLES:
        grants[table] = (*grants[table], D)
    return grants


# The worker: the alerts of a new concern and their escalation (incidents.concern.alerts),
# the audit checkpoints (audit.tasks) and `ymateb retention review`.
_WORKER: dict[str, tuple[str, ...]] = {
    "django_tasks_database_dbtaskresult": (R, W, U),
    "accounts_user": (R,),
    "tenancy_setting": (R,),
    "tenancy_membership": (R,),
    # SELECT ... FOR UPDATE (a retried task waits for the first) needs UPDATE.
    "incidents_incident": (R, U),
    "incidents_alert": (R, W, U),
    "incidents_incidentevent": (R, W),
    "records_destructionrequest": (R,),
    "audit_auditevent": (R, W),
    "audit_auditchainhead": (R, W, U),
}

# Every table and the grants of each role on it (the owner owns them all).
GRANTS: dict[str, dict[str, tuple[str, ...]]] = {APP: _app(), WORKER: _WORKER}

# Functions the roles may call (besides PostgreSQL's own).
FUNCTIONS: dict[str, tuple[str, ...]] = {
    APP: (),
    WORKER: ("ymateb_incident_setting(uuid)", "ymateb_alert_setting(bigint)"),
}

# Tables only the owner touches.
OWNER_ONLY = ("django_migrations",)

# Tables with a setting_id or incident_id column that are not under row-level security,
# and why. Every other such table must have a FORCEd policy (the meta-test checks).
NOT_SCOPED = {
    "tenancy_membership": "who works where: the input of the scope itself",
    "audit_auditevent": "the chain is verified whole; rows hold ids, never content",
}


def declared_tables() -> set[str]:
    return set(OWNER_ONLY).union(*(set(g) for g in GRANTS.values()))


def sequences_for(grants: dict[str, tuple[str, ...]], sequences: Iterable[str]) -> set[str]:
    """The sequences of the tables a role inserts into (USAGE, for nextval())."""
    existing = set(sequences)
    return {f"{t}_id_seq" for t, p in grants.items() if W in p} & existing


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.problems.append(text)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _rows(cursor: Any, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    cursor.execute(sql, list(params))
    return list(cursor.fetchall())


def _objects(cursor: Any) -> tuple[list[str], list[str], list[str]]:
    rows = _rows(
        cursor,
        "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S', 'v', 'm')"
        " ORDER BY 1",
    )
    tables = [name for name, kind in rows if kind in ("r", "p", "v", "m")]
    sequences = [name for name, kind in rows if kind == "S"]
    functions = [
        str(r[0])
        for r in _rows(
            cursor,
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n"
            " ON n.oid = p.pronamespace WHERE n.nspname = current_schema() ORDER BY 1",
        )
    ]
    return tables, sequences, functions


def apply(cursor: Any, names: dict[str, str], passwords: dict[str, str]) -> None:
    """Create the roles (when missing) and make ownership and grants match the table.
    Run as a superuser, on the installation's database, after `ymateb migrate`."""
    for kind, name in names.items():
        wanted = (True, False, False, False, False, kind == OWNER)
        cursor.execute(
            "SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication,"
            " rolbypassrls FROM pg_roles WHERE rolname = %s",
            [name],
        )
        row = cursor.fetchone()
        if row is None:
            cursor.execute(f"CREATE ROLE {_q(name)} LOGIN")
        if row is None or tuple(row) != wanted:
            bypass = "BYPASSRLS" if kind == OWNER else "NOBYPASSRLS"
            cursor.execute(
                f"ALTER ROLE {_q(name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
                f" NOREPLICATION {bypass}"
            )
        if passwords.get(kind):
            cursor.execute(f"ALTER ROLE {_q(name)} PASSWORD %s", [passwords[kind]])
    owner, app, worker = names[OWNER], names[APP], names[WORKER]
    cursor.execute("SELECT current_database(), current_schema()")
    database, schema = cursor.fetchone()
    cursor.execute(f"GRANT CONNECT, TEMPORARY ON DATABASE {_q(database)} TO {_q(owner)}")
    cursor.execute(f"GRANT USAGE, CREATE ON SCHEMA {_q(schema)} TO {_q(owner)}")
    tables, sequences, functions = _objects(cursor)
    # Every object as SQL names it: a table or sequence by its quoted name, a function by
    # its signature (regprocedure text).
    every = [("TABLE", _q(table)) for table in tables]
    every += [("SEQUENCE", _q(sequence)) for sequence in sequences]
    every += [("FUNCTION", function) for function in functions]
    for what, name in every:
        cursor.execute(f"ALTER {what} {name} OWNER TO {_q(owner)}")
    # Nothing for PUBLIC (every role): no table, sequence or function of the schema.
    for what, name in every:
        cursor.execute(f"REVOKE ALL ON {what} {name} FROM PUBLIC")
    for kind, role in ((APP, app), (WORKER, worker)):
        cursor.execute(f"GRANT CONNECT ON DATABASE {_q(database)} TO {_q(role)}")
        cursor.execute(f"GRANT USAGE ON SCHEMA {_q(schema)} TO {_q(role)}")
        cursor.execute(f"REVOKE CREATE ON SCHEMA {_q(schema)} FROM {_q(role)}")
        grants = GRANTS[kind]
        privileges = {
            ("TABLE", _q(table)): ", ".join(grants[table]) for table in tables if grants.get(table)
        }
        privileges.update(
            {("SEQUENCE", _q(sequence)): "USAGE" for sequence in sequences_for(grants, sequences)}
        )
        privileges.update(
            {
                ("FUNCTION", function): "EXECUTE"
                for function in functions
                if function in FUNCTIONS[kind]
            }
        )
        for what, name in every:
            cursor.execute(f"REVOKE ALL ON {what} {name} FROM {_q(role)}")
            if (what, name) in privileges:
                cursor.execute(f"GRANT {privileges[what, name]} ON {what} {name} TO {_q(role)}")


def check(cursor: Any, names: dict[str, str]) -> Report:
    """Every difference between the database and the declared roles and grants."""
    report = Report()
    tables, sequences, functions = _objects(cursor)
    for table in sorted(set(tables) - declared_tables()):
        report.add(f"table {table} is not declared in ymateb.records.roles")
    attributes = {
        r[0]: r[1:]
        for r in _rows(
            cursor,
            "SELECT rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication"
            " FROM pg_roles WHERE rolname = ANY(%s)",
            [list(names.values())],
        )
    }
    for kind, name in names.items():
        if name not in attributes:
            report.add(f"role {name} ({kind}) does not exist")
            continue
        superuser, bypass, createrole, createdb, replication = attributes[name]
        if superuser or createrole or createdb or replication:
            report.add(f"role {name} has SUPERUSER, CREATEROLE, CREATEDB or REPLICATION")
        if kind == OWNER and not bypass:
            report.add(f"role {name} (owner) lacks BYPASSRLS, which migrations need")
        if kind != OWNER and bypass:
            report.add(f"role {name} ({kind}) has BYPASSRLS")
        member_of = _rows(
            cursor,
            "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid"
            " JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s",
            [name],
        )
        for (other,) in member_of:
            report.add(f"role {name} is a member of {other} (and may have its grants)")
    owned = _rows(
        cursor,
        "SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n"
        " ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
        " AND c.relkind IN ('r', 'p', 'S', 'v', 'm')",
    )
    owned += _rows(
        cursor,
        "SELECT p.oid::regprocedure::text, pg_get_userbyid(p.proowner) FROM pg_proc p"
        " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()",
    )
    for obj, owner in owned:
        if owner != names[OWNER]:
            report.add(f"{obj} is owned by {owner}, not by {names[OWNER]}")
    # Privileges as PostgreSQL holds them: on tables and sequences, on columns, and on
    # functions, for the two roles and for PUBLIC (which every role has).
    held = _rows(
        cursor,
        "SELECT c.relname, c.relkind, coalesce(g.rolname, 'PUBLIC'), a.privilege_type"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,"
        " aclexplode(c.relacl) a LEFT JOIN pg_roles g ON g.oid = a.grantee"
        " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S', 'v', 'm')"
        " AND (a.grantee = 0 OR g.rolname = ANY(%s))",
        [[names[APP], names[WORKER]]],
    )
    columns = _rows(
        cursor,
        "SELECT c.relname || '.' || t.attname, coalesce(g.rolname, 'PUBLIC'), a.privilege_type"
        " FROM pg_attribute t JOIN pg_class c ON c.oid = t.attrelid"
        " JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(t.attacl) a"
        " LEFT JOIN pg_roles g ON g.oid = a.grantee WHERE n.nspname = current_schema()"
        " AND (a.grantee = 0 OR g.rolname = ANY(%s))",
        [[names[APP], names[WORKER]]],
    )
    for column, role, privilege in columns:
        report.add(f"{role} has {privilege} on column {column} (column grants are not declared)")
    executable = _rows(
        cursor,
        "SELECT p.oid::regprocedure::text, coalesce(g.rolname, 'PUBLIC'), a.privilege_type"
        " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,"
        " aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a"
        " LEFT JOIN pg_roles g ON g.oid = a.grantee WHERE n.nspname = current_schema()"
        " AND (a.grantee = 0 OR g.rolname = ANY(%s))",
        [[names[APP], names[WORKER]]],
    )
    by_role = {names[APP]: APP, names[WORKER]: WORKER}
    actual: dict[tuple[str, str], set[str]] = {}
    for obj, _kind, role, privilege in held:
        actual.setdefault((role, obj), set()).add(privilege)
    for obj, role, privilege in executable:
        actual.setdefault((role, obj), set()).add(privilege)
    expected: dict[tuple[str, str], set[str]] = {}
    for kind in (APP, WORKER):
        role = names[kind]
        for table, privileges in GRANTS[kind].items():
            if table in tables and privileges:
                expected[(role, table)] = set(privileges)
        for sequence in sequences_for(GRANTS[kind], sequences):
            expected[(role, sequence)] = {"USAGE"}
        for function in FUNCTIONS[kind]:
            if function in functions:
                expected[(role, function)] = {"EXECUTE"}
    for key in sorted(set(actual) | set(expected)):
        role, obj = key
        extra = actual.get(key, set()) - expected.get(key, set())
        missing = expected.get(key, set()) - actual.get(key, set())
        who = role if role == "PUBLIC" else f"{role} ({by_role[role]})"
        if extra:
            report.add(f"{who} has {', '.join(sorted(extra))} on {obj} beyond the declared grants")
        if missing:
            report.add(f"{who} lacks {', '.join(sorted(missing))} on {obj}")
    forced = dict(
        (str(r[0]), (bool(r[1]), bool(r[2])))
        for r in _rows(
            cursor,
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind = 'r'",
        )
    )
    for table in rls.SETTING_TABLES + rls.INCIDENT_CHILD_TABLES:
        if forced.get(table) != (True, True):
            report.add(f"table {table} does not have row-level security enabled and FORCEd")
    return report
