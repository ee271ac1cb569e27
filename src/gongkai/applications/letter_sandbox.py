"""The Jinja environment every letter template renders in: sandboxed, audited, bounded. Pure.

An agency admin uploads Word templates (docxtpl, i.e. Jinja inside the document XML), so a
template is hostile input: ``{{ ''.__class__.__mro__[1].__subclasses__() }}`` in an ordinary
Jinja environment runs code on the server. Three layers, applied to *every* template source
docxtpl renders (body, headers, footers, footnotes, document properties), at upload and again
at every render, so a template that reached the database some other way is held to the same
rules:

1. `audit` walks the parsed Jinja tree before anything runs and refuses, in Chinese, names other
   than the documented variables, attributes or keys starting with ``_``, any call, arithmetic,
   macros/includes/imports, filters and tests outside a short list, loops over anything but a
   documented list, and loops nested deeper than `MAX_LOOP_DEPTH`;
2. the environment is jinja2's `ImmutableSandboxedEnvironment` with no globals (no ``range``,
   ``cycler``, ``namespace`` …) and `StrictUndefined`;
3. rendering is bounded: every attribute/item lookup, output value and loop step spends one unit
   of `MAX_OPERATIONS`, and the render stops once `RENDER_SECONDS` of wall-clock time have passed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

#: A loop inside a loop is the most any letter needs (items × something); deeper is refused.
MAX_LOOP_DEPTH = 2
#: Lookups, printed values and loop steps one letter may spend (a real letter spends a few hundred).
MAX_OPERATIONS = 200_000
#: Wall-clock bound of one render.
RENDER_SECONDS = 5.0

#: Filters a letter may use: none of them calls back into Python objects or allocates by an argument.
FILTERS = ("default", "d", "e", "escape", "upper", "lower", "trim", "title", "capitalize", "length", "count",
           "first", "last", "string", "int")
TESTS = ("defined", "undefined", "none", "number", "string", "true", "false", "odd", "even", "eq", "ne", "lt",
         "le", "gt", "ge", "==", "!=", "<", "<=", ">", ">=", "in")
#: Jinja tree nodes a template may contain; everything else (Call, arithmetic, Macro, Include,
#: Import, Extends, Block, FilterBlock, With, Scope …) is refused.
ALLOWED_NODES = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Const, nodes.Name, nodes.Getattr,
                 nodes.Getitem, nodes.For, nodes.If, nodes.Filter, nodes.Test, nodes.Compare, nodes.Operand,
                 nodes.And, nodes.Or, nodes.Not, nodes.CondExpr, nodes.Concat, nodes.Assign, nodes.Keyword,
                 nodes.List, nodes.Tuple)
#: What a loop provides inside its body.
LOOP_NAME = "loop"


class TemplateRefused(SecurityError):
    """A template the rules above refuse (the message is Chinese and names the problem)."""


def list_paths(variables: Mapping[str, Any], prefix: str = "") -> frozenset[str]:
    """Dotted paths of the lists among `variables` (the only things a template may loop over)."""
    found: set[str] = set()
    for key, value in variables.items():
        path = f"{prefix}{key}"
        if isinstance(value, list | tuple):
            found.add(path)
        elif isinstance(value, Mapping):
            found |= list_paths(value, f"{path}.")
    return frozenset(found)


def _path(node: nodes.Node) -> str | None:
    """``a.b.c`` for a chain of plain attribute lookups on a name, else None."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _path(node.node)
        return f"{base}.{node.attr}" if base else None
    return None


def _describe(node: nodes.Node) -> str:
    return {"Call": "调用函数或方法", "Pow": "乘方运算", "Mul": "乘法运算", "Add": "加法运算", "Sub": "减法运算",
            "Div": "除法运算", "FloorDiv": "整除运算", "Mod": "取余运算", "Macro": "宏（macro）",
            "Include": "引用其他模板（include）", "Import": "导入（import）", "FromImport": "导入（import）",
            "Extends": "模板继承（extends）", "Block": "块（block）", "CallBlock": "调用块（call）",
            "FilterBlock": "过滤块（filter）", "Slice": "切片"}.get(type(node).__name__, f"“{type(node).__name__}”语法")


def audit(tree: nodes.Template, variables: frozenset[str], lists: frozenset[str]) -> tuple[list[str], set[str]]:
    """Problems (Chinese) of a parsed template, and the dotted variable paths it uses."""
    problems: list[str] = []
    used: set[str] = set()

    def refuse(text: str) -> None:
        if text not in problems:
            problems.append(text)

    # a name the template itself binds ({% set %}, a loop target, ``loop``) can only hold
    # documented data or constants: no call is allowed to produce anything else
    known = variables | {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")} | {LOOP_NAME}

    def walk(node: nodes.Node, depth: int) -> None:
        if not isinstance(node, ALLOWED_NODES):  # refused; its parts are still looked at
            refuse(f"模板中不能使用{_describe(node)}")
        if isinstance(node, nodes.Name) and node.ctx == "load" and node.name not in known:
            refuse(f"不存在的变量“{node.name}”")
        if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            refuse(f"不能访问以下划线开头的属性“{node.attr}”")
        if isinstance(node, nodes.Getitem):
            key = node.arg.value if isinstance(node.arg, nodes.Const) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                refuse("方括号中只能写固定的名称或序号")
            elif isinstance(key, str) and key.startswith("_"):
                refuse(f"不能访问以下划线开头的属性“{key}”")
        if isinstance(node, nodes.Filter) and node.name not in FILTERS:
            refuse(f"不能使用过滤器“{node.name}”（可用：{'、'.join(FILTERS)}）")
        if isinstance(node, nodes.Test) and node.name not in TESTS:
            refuse(f"不能使用判断“{node.name}”")
        path = _path(node)
        if path and path.split(".", 1)[0] in variables:
            used.add(path)
        if isinstance(node, nodes.For):
            if depth >= MAX_LOOP_DEPTH:
                refuse(f"循环嵌套不能超过{MAX_LOOP_DEPTH}层")
            if node.recursive:
                refuse("不能使用递归循环")
            source = _path(node.iter)
            if source not in lists:
                refuse(f"循环只能遍历{'、'.join(sorted(lists))}")
            walk(node.iter, depth)
            for child in (*node.body, *node.else_, *([node.test] if node.test is not None else [])):
                walk(child, depth + 1)
            return
        for child in node.iter_child_nodes():
            walk(child, depth)

    walk(tree, 0)
    return problems, used


class _Budget:
    """Operations and wall-clock time left for one render."""

    def __init__(self, operations: int, seconds: float) -> None:
        self.left = operations
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise TemplateRefused("模板运算量超过上限（循环过多），已停止生成")
        if time.monotonic() > self.deadline:
            raise TemplateRefused(f"模板生成超过{self.seconds:g}秒，已停止")


class _Counted(tuple):
    """A list in the context whose every loop step spends a unit of the budget."""

    budget: _Budget

    def __new__(cls, values, budget: _Budget):
        self = super().__new__(cls, values)
        self.budget = budget
        return self

    def __iter__(self) -> Iterator[Any]:
        for value in super().__iter__():
            self.budget.spend()
            yield value


class LetterEnvironment(ImmutableSandboxedEnvironment):
    """One render's environment: `variables` names the documented variables (a sample or the real
    context; its lists are the loopable paths). Pass `bounded(context)` to ``render``."""

    def __init__(self, variables: Mapping[str, Any], *, operations: int = MAX_OPERATIONS,
                 seconds: float = RENDER_SECONDS) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, finalize=self._finalize)
        self.globals.clear()
        self.filters = {name: self.filters[name] for name in FILTERS}
        self.tests = {name: self.tests[name] for name in TESTS}
        self.variables = frozenset(variables)
        self.lists = list_paths(variables)
        self.budget = _Budget(operations, seconds)
        #: dotted variable paths the templates rendered so far use
        self.used: set[str] = set()

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        problems, used = audit(tree, self.variables, self.lists)
        if problems:
            raise TemplateRefused("；".join(problems))
        self.used |= used
        return tree

    def _finalize(self, value: Any) -> Any:
        self.budget.spend()
        return value

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.spend()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.spend()
        return super().getitem(obj, argument)

    def bounded(self, value: Any) -> Any:
        """`value` with every list turned into one whose loop steps spend the budget."""
        if isinstance(value, Mapping):
            return {k: self.bounded(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return _Counted((self.bounded(v) for v in value), self.budget)
        return value
