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


class Choosing(forms.Form):
    setting = fields.select("Setting", [(1, "One"), (2, "Two")], coerce=int, missing="Pick one")
    kind = fields.select("Kind", [("a", "A")], not_listed="Choose from the list")
    held, held_time = fields.moment("When", "Time")


def test_a_list_with_its_messages_and_a_chosen_value_turned_into_a_number() -> None:
    form = Choosing({"kind": "b"})
    assert not form.is_valid()
    assert form.errors["setting"] == ["Pick one"]
    assert form.errors["kind"] == ["Choose from the list"]
    assert isinstance(Choosing.base_fields["setting"], forms.TypedChoiceField)
    assert isinstance(Choosing.base_fields["kind"].widget, forms.Select)
    form = Choosing({"setting": "2"})
    assert form.is_valid()
    assert form.cleaned_data["setting"] == 2


def test_a_date_input_and_its_time_box_are_declared_together_in_that_order() -> None:
    held, held_time = Choosing.base_fields["held"], Choosing.base_fields["held_time"]
    assert list(Choosing.base_fields)[-2:] == ["held", "held_time"]
    assert (held.label, held.required) == ("When", False)
    assert (held_time.label, held_time.required, held_time.max_length) == ("Time", False, 10)
