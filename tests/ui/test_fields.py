"""Form fields declared in one line (ymateb.ui.fields) behave as the long declarations did."""

from __future__ import annotations

from django import forms

from ymateb.ui import fields


class Sample(forms.Form):
    name = fields.text("Name", 5, "Too long", missing="Enter a name")
    note = fields.long_text("Note", 10, "Note too long")
    colour = fields.radios("Colour", [("red", "Red"), ("blue", "Blue")], missing="Pick one")
    shade = fields.radios("Shade", [("dark", "Dark")])


def test_a_field_that_says_what_to_tell_an_empty_answer_is_required() -> None:
    form = Sample({})
    assert not form.is_valid()
    assert form.errors["name"] == ["Enter a name"]
    assert form.errors["colour"] == ["Pick one"]
    assert "note" not in form.errors and "shade" not in form.errors


def test_too_long_and_the_text_area() -> None:
    form = Sample({"name": "Long name", "note": "x" * 11, "colour": "red"})
    assert not form.is_valid()
    assert form.errors["name"] == ["Too long"]
    assert form.errors["note"] == ["Note too long"]
    assert isinstance(Sample.base_fields["note"].widget, forms.Textarea)
    assert isinstance(Sample.base_fields["colour"].widget, forms.RadioSelect)
    assert Sample({"name": "Ann", "colour": "blue"}).is_valid()
