"""The GOV.UK Frontend components are there in every template without an import."""

from __future__ import annotations

from pathlib import Path

from django.template import engines

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "ymateb"


def test_every_component_is_a_global_a_page_calls_without_importing_it() -> None:
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    for name in ("govukButton", "govukBackLink", "govukErrorSummary", "govukTaskList"):
        assert callable(env.globals[name])
    html = env.from_string('{{ govukButton({"text": "Save"}) }}').render()
    assert 'class="govuk-button"' in html and "Save" in html


def test_no_page_imports_a_component_again() -> None:
    """One way to reach a component: pages do not import them one by one."""
    importing = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.html")
        if "govuk_frontend_jinja/components/" in path.read_text(encoding="utf-8")
    ]
    assert importing == []
