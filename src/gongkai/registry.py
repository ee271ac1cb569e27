"""What apps contribute to places they do not own: home-page panels, annual-report section
providers, demo loaders.

The owner of a place keeps a `Registry`; each app registers its contributions from its
``AppConfig.ready()``. They therefore come in ``INSTALLED_APPS`` order, and the owner never
imports an app by a dotted string, which used to hide import cycles (home ↔ views, reports ↔
statistics). Pure Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """An ordered set of contributions; registering the same one twice keeps one."""

    def __init__(self, what: str, items: Iterable[T] = ()) -> None:
        self.what = what
        self._items: list[T] = []
        for item in items:
            self.register(item)

    def register(self, item: T) -> T:
        if item not in self._items:
            self._items.append(item)
        return item

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Registry({self.what!r}, {self._items!r})"
