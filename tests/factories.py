"""Test data through factories (factory-boy): settings, people and their roles, incidents and
their children, reviews, risk assessments, interviews, referrals, actions and devices.

Plain test data. A factory writes its rows directly, as a fixture would: nothing lands in the
chronology (IncidentEvent) or the audit trail. A test about what a service writes (the
chronology, the audit rows, the version, the retention date) makes its records through the
service (concern_services.concern_report, review services.review_save, ...), not here.

The rows still pass what every save passes: the image guard (a field holding image data is
refused) and the encrypted fields (encrypted on the way in).

The factories build on the demo data (the `demo` fixture): an incident is reported by the
demo's member of staff and a review is recorded by the demo DSP, unless told otherwise. A new
setting belongs to the demo's local authority. Pass `setting=demo` for the demo setting.

PostgreSQL row-level security (ymateb.records.rls) binds the role the web app connects as,
through the scope SettingScopeMiddleware sets for each signed-in request. The tests connect
as the owner of the tables, which PostgreSQL exempts, so a factory writes with no scope set
(as the demo loader and the management commands do) and a page still reads through the
middleware's scope, as in production. tests/records/test_row_level_security.py checks the
policies themselves as a role that does not own the tables.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from factory.django import DjangoModelFactory

from ymateb import rules
from ymateb.accounts.models import User
from ymateb.incidents.models import (
    Action,
    Device,
    Incident,
    IncidentChild,
    Interview,
    Referral,
    Review,
    RiskAssessment,
)
from ymateb.tenancy.models import LocalAuthority, Membership, Setting
from ymateb.web.demo import DEMO_PASSWORD, demo_totp_key_hex

# Far ahead: a reported incident always has a retention date (the report sets one), and
# this one is not due for review in any test.
KEPT_UNTIL = date(2050, 1, 1)


def demo_person(email: str) -> User:
    """One of the demo's people (staff@, dsp@, deputy@, head@, oversight@, admin@)."""
    return User.objects.get(email=email)


class LocalAuthorityFactory(DjangoModelFactory):
    """The demo's local authority when the demo is loaded; made if not."""

    class Meta:
        model = LocalAuthority
        django_get_or_create = ("name",)

    name = "Example Council"


class SettingFactory(DjangoModelFactory):
    class Meta:
        model = Setting

    name = factory.Sequence(lambda n: f"Other School {n}")
    kind = Setting.Kind.SCHOOL
    local_authority = factory.SubFactory(LocalAuthorityFactory)


class UserFactory(DjangoModelFactory):
    """A person with the demo password. `authenticator=True` gives them a confirmed
    authenticator with the demo key, so the `sign_in` fixture signs them in, code and all."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = DEMO_PASSWORD
    full_name = "New Person"

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        return model_class.objects.create_user(*args, **kwargs)

    @factory.post_generation
    def authenticator(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            TOTPDevice.objects.create(user=self, name="x", key=demo_totp_key_hex(), confirmed=True)


class MembershipFactory(DjangoModelFactory):
    """A confirmed role in a setting (a row made in code is confirmed at once)."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    setting = factory.SubFactory(SettingFactory)
    role = "dsp"


def dsp_of(setting: Setting, email: str, full_name: str = "O") -> User:
    """A new DSP of `setting`, able to sign in with the demo password and code."""
    return MembershipFactory(
        setting=setting,
        role="dsp",
        user__email=email,
        user__full_name=full_name,
        user__authenticator=True,
    ).user


class IncidentFactory(DjangoModelFactory):
    """An incident, reported by the demo's member of staff, with its children.

    `children=["Megan Jones", {"name": "Rhys Evans", "age": 15}]`: the children involved,
    refs A, B, ... in order (a name, or the child's fields). One child unless told; `()` for
    none.
    """

    class Meta:
        model = Incident
        skip_postgeneration_save = True

    setting = factory.SubFactory(SettingFactory)
    reference = factory.Sequence(lambda n: f"T-{n:04d}")
    reported_by = factory.LazyFunction(lambda: demo_person("staff@example.org"))
    came_to_light = "child_told"
    account = "What was said, in words."
    retention_until = KEPT_UNTIL

    class Params:
        #: Past its retention date: on the retention review list.
        due_for_review = factory.Trait(retention_until=date(2000, 1, 1))

    @factory.post_generation
    def children(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        for number, child in enumerate(("A child",) if extracted is None else extracted):
            fields = {"name": child} if isinstance(child, str) else dict(child)
            IncidentChildFactory(incident=self, ref=chr(ord("A") + number), **fields)


class IncidentChildFactory(DjangoModelFactory):
    class Meta:
        model = IncidentChild

    incident = factory.SubFactory(IncidentFactory, children=())
    ref = factory.LazyAttribute(lambda o: chr(ord("A") + o.incident.children.count()))
    name = "A child"


class ReviewFactory(DjangoModelFactory):
    """A saved review. With `facts` (the engine's input, in the contract's form), the
    engine's output, rules version, recommendation and typology are the engine's own."""

    class Meta:
        model = Review

    class Params:
        facts: Any = None
        output = factory.LazyAttribute(
            lambda o: {} if o.facts is None else rules.assess_dict(o.facts)
        )

    incident = factory.SubFactory(IncidentFactory)
    held_at = factory.LazyFunction(timezone.now)
    attendees = "DSP, head of year"
    engine_input = factory.LazyAttribute(lambda o: json.dumps(o.facts or {}))
    engine_output = factory.LazyAttribute(lambda o: json.dumps(o.output))
    rules_version = factory.LazyAttribute(
        lambda o: str(o.output.get("rules_version") or rules.RULES_VERSION)
    )
    recommended_referral = factory.LazyAttribute(lambda o: bool(o.output.get("referral_required")))
    typology = factory.LazyAttribute(lambda o: str(o.output.get("typology") or ""))
    created_by = factory.LazyFunction(lambda: demo_person("dsp@example.org"))


class RiskAssessmentFactory(DjangoModelFactory):
    class Meta:
        model = RiskAssessment

    incident = factory.SubFactory(IncidentFactory)
    answers = factory.LazyFunction(
        lambda: json.dumps(
            {q.code: f"Answer to {q.code}." for q in rules.RISK_ASSESSMENT_QUESTIONS}
        )
    )
    created_by = factory.LazyFunction(lambda: demo_person("dsp@example.org"))


class InterviewFactory(DjangoModelFactory):
    """A conversation with the incident's first child, in the child's own words."""

    class Meta:
        model = Interview

    incident = factory.SubFactory(IncidentFactory)
    child = factory.LazyAttribute(lambda o: o.incident.children.order_by("ref").first())
    held_at = factory.LazyFunction(timezone.now)
    statement = "What she said, in words."
    created_by = factory.LazyFunction(lambda: demo_person("dsp@example.org"))


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = Referral

    incident = factory.SubFactory(IncidentFactory)
    route = Referral.Route.MASH
    made_at = factory.LazyFunction(timezone.now)
    made_by = factory.LazyFunction(lambda: demo_person("dsp@example.org"))
    agreed = "The MASH will call back."


class ActionFactory(DjangoModelFactory):
    """An action of the plan: an education follow-up, open, with no owner, unless told."""

    class Meta:
        model = Action

    incident = factory.SubFactory(IncidentFactory)
    kind = Action.Kind.EDUCATION


class DeviceFactory(DjangoModelFactory):
    """A device in the register, held for the incident's first child."""

    class Meta:
        model = Device

    incident = factory.SubFactory(IncidentFactory)
    child = factory.LazyAttribute(lambda o: o.incident.children.order_by("ref").first())
    description = "Phone"
    access_details = "1234"
    created_by = factory.LazyFunction(lambda: demo_person("dsp@example.org"))
