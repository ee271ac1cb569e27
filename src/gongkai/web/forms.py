"""Typed access to a form's fields, for the apps' forms that adjust a field in ``__init__``."""

from __future__ import annotations

from typing import TypeVar

from django import forms

F = TypeVar("F", bound=forms.Field)


def field(form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """`form.fields[name]` as the field class it is (django-stubs types every entry as `Field`,
    so setting ``queryset`` or ``choices`` would not type-check); a different class is a bug."""
    found = form.fields[name]
    if not isinstance(found, kind):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(found).__name__}, not a {kind.__name__}")
    return found
