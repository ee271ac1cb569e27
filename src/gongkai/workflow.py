"""The one workflow convention (办理流程) of every app with a lifecycle. Pure: no Django.

An app describes its lifecycle as a `Workflow`: its states with their Chinese labels and a
table of named `Transition`s. A transition says, for each state it may start from, which
permission actions (`gongkai.agencies.permissions.Action` values: ``act`` 经办, ``review`` 审核,
``sign_off`` 签发, …) may take it from there; where it leads; what the person must supply; and
a guard over the app's own facts that returns the Chinese text of the rule forbidding it now.

`Workflow.refusal` says why a step may not be taken (or None), `Workflow.check` raises it,
`Workflow.available` lists the next steps for the UI. Every refusal is a `TransitionError`
carrying the HTTP status a view answers with: 409 (`ConflictError`) when the record is not in a
state the step starts from, or was changed by someone else since it was loaded; 422 when the
rule or the input forbids it. Services keep the order permission → version → rule → change →
audit entry, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

F = TypeVar("F")


class TransitionError(Exception):
    """A step the rules forbid now; the message (Chinese) names the rule."""

    status = 422


class ConflictError(TransitionError):
    """The record is not where the step starts, or someone else changed it; nothing was written."""

    status = 409


def stale(noun: str, seen: int, current: int) -> ConflictError:
    """The refusal of a change made on a version someone else has since replaced (optimistic locking)."""
    return ConflictError(f"该{noun}已被他人修改（您看到的是第{seen}版，当前为第{current}版），"
                         "您的操作未保存，请刷新页面后重新办理")


#: Who holds each workflow action, for "只能由…办理".
ACTORS: Mapping[str, str] = {"act": "经办人", "review": "审核人", "sign_off": "分管领导"}

Guard = Callable[[F], "str | None"]


@dataclass(frozen=True)
class Transition(Generic[F]):
    """One named step. ``sources`` maps each state it may start from to the actions allowed there;
    an empty mapping is an entry step (the record is created by it). ``target`` None: the state
    stays, or the service decides among several (documented by the app)."""

    name: str
    label: str  # the button (Chinese)
    sources: Mapping[str, frozenset[str]]
    target: str | None
    needs: str = ""  # what the person must supply (Chinese), shown beside the form
    comment_required: bool = False
    guard: Callable[[F], str | None] | None = None
    routine: bool = True  # False: an exceptional exit that does not make it anyone's turn
    #: the refusal (409) from a state the step does not start from, ``{state}`` the state's label;
    #: default: 当前状态为“…”，不能…（只能在…状态下办理）
    wrong_state: str = ""
    actions: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", frozenset().union(*self.sources.values()))

    def __str__(self) -> str:
        return self.name


def step(
    name: str,
    label: str,
    *,
    by: str | Iterable[str] = (),
    sources: Iterable[str] | Mapping[str, str | Iterable[str]] = (),
    target: str | None,
    **options: Any,
) -> Transition:
    """A transition from a compact table row: the same ``by`` actions from every state in
    ``sources``, or a mapping state → action(s) where who may act depends on the state."""
    if isinstance(sources, Mapping):
        table = {s: _actions(a) for s, a in sources.items()}
    else:
        table = {s: _actions(by) for s in sources}
        if table and not _actions(by):
            raise ValueError(f"transition {name!r}: 'by' is missing (who may take it)")
    return Transition(name, label, table, target, **options)


def _actions(value: str | Iterable[str]) -> frozenset[str]:
    return frozenset({value} if isinstance(value, str) else value)


class Workflow(Generic[F]):
    """A lifecycle: states (a StrEnum) with labels, the transition table, and who holds each
    action (for "只能由…办理"; default `ACTORS`)."""

    def __init__(
        self,
        states: type[StrEnum],
        labels: Mapping[Any, str],
        transitions: Iterable[Transition[F]],
        action_labels: Mapping[str, str] = ACTORS,
    ) -> None:
        self.states = states
        self.labels = {states(s): label for s, label in labels.items()}
        self.transitions: tuple[Transition[F], ...] = tuple(transitions)
        self.by_name = {t.name: t for t in self.transitions}
        self.action_labels = dict(action_labels)
        missing = [s for s in states if s not in self.labels]
        unknown = [s for t in self.transitions for s in [*t.sources, t.target] if s is not None and s not in self.labels]
        if missing or unknown or len(self.by_name) != len(self.transitions):
            raise ValueError(f"workflow table: states without label {missing}, unknown states {unknown}, "
                             f"or a transition name used twice")

    def transition(self, name: str) -> Transition[F]:
        try:
            return self.by_name[name]
        except KeyError:
            raise TransitionError(f"未知的操作：{name}") from None

    def refusal(self, name: str, state: str, held: Iterable[str] | None, facts: F | None = None,
                comment: str | None = None) -> TransitionError | None:
        """Why `name` may not be taken from `state` by someone holding the actions `held`
        (None: the caller checked who may act), or None when it may. ``comment`` None: not asked
        yet (the UI listing next steps)."""
        t = self.transition(name)
        here = self.states(state)
        if here not in t.sources:
            if t.wrong_state:
                return ConflictError(t.wrong_state.format(state=self.labels[here]))
            where = "、".join(self.labels[self.states(s)] for s in t.sources) or "新登记"
            return ConflictError(f"当前状态为“{self.labels[here]}”，不能{t.label}（只能在{where}状态下办理）")
        if held is not None and not t.sources[here] & set(held):
            who = "或".join(self.action_labels.get(a, a) for a in sorted(t.sources[here]))
            return TransitionError(f"“{t.label}”只能由{who}办理")
        if comment is not None and t.comment_required and not comment.strip():
            return TransitionError(f"{t.label}须填写意见或理由")
        if t.guard is None:
            return None
        if facts is None:
            raise ValueError(f"transition {name!r} has a guard: pass the facts")
        rule = t.guard(facts)
        return TransitionError(rule) if rule else None

    def check(self, name: str, state: str, held: Iterable[str] | None, facts: F | None = None,
              comment: str | None = None) -> Transition[F]:
        """The transition `name` when it may be taken now; otherwise its `TransitionError`."""
        error = self.refusal(name, state, held, facts, comment)
        if error is not None:
            raise error
        return self.by_name[name]

    def available(self, state: str, held: Iterable[str] | None, facts: F | None = None) -> list[Transition[F]]:
        """The steps that may be taken now, in table order (the UI's next actions)."""
        held = None if held is None else frozenset(held)
        return [t for t in self.transitions if t.sources and self.refusal(t.name, state, held, facts) is None]
