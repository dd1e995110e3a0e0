"""Checking a Word template before anything is filled: what is wrong, where, and the likely fix.

Three kinds of trouble are found without rendering:
- Jinja syntax errors (and unknown filters), per part, with the paragraph's text;
- placeholders the context does not have: every name and attribute chain in the Jinja syntax
  tree (`case.nmber`, `d.titel` inside a loop, `loop.indx`) is resolved against
  `letter_schema.SCHEMA`, with "did you mean" suggestions; private attributes (`__class__`)
  and loops over something that is not a list are refused;
- tags docxtpl cannot see, near misses, tracked changes over a tag, and tags in parts that
  are never filled (the text checks of `letter_problems`);
- ways around escaping (kind "unsafe", see `letter_safety`): the `safe` filter (also in a
  `{% filter %}` block), `{% autoescape %}` blocks, `Markup(...)`, the HTML filters, and
  docxtpl's `{{r }}`/`{{p }}`/`{{tr }}`/`{{tc }}` tags.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jinja2 import TemplateSyntaxError, nodes

from casedesk.domain.errors import InvalidInput
from casedesk.export import docx_parts, letter_safety
from casedesk.export.letter_problems import (
    TemplateCheck,
    TemplateProblem,
    paragraph_number,
    split_tags,
    syntax_problem,
    unfilled_tags,
)
from casedesk.export.letter_problems import (
    problem as make_problem,
)
from casedesk.export.letter_schema import (
    JINJA_GLOBALS,
    LOOP_FIELDS,
    SCHEMA,
    Flag,
    ListOf,
    Node,
    Text,
    iter_paths,
)

__all__ = ["TemplateCheck", "TemplateProblem", "check_template"]

MAX_LOOP_DEPTH = 2  # loops go over lists of at most a few hundred items
# Filters that keep a list a list of the same items (so a loop over the result is checked).
_LIST_FILTERS = frozenset({"sort", "reverse", "selectattr", "rejectattr", "unique", "list"})
_ITEM_FILTERS = frozenset({"first", "last", "random"})


# -- the check ------------------------------------------------------------------------------
def check_template(data: bytes) -> TemplateCheck:
    """Everything wrong with a .docx template, before it is filled (never raises for a bad
    template: an unreadable file is one problem of kind "file")."""
    from casedesk.export.letter_render import checking_environment

    try:
        data = docx_parts.normalised_docx(data)
        template = docx_parts.open_template(data)
        parts = list(docx_parts.template_parts(template, data))
    except InvalidInput as exc:
        return TemplateCheck((TemplateProblem("file", exc.message),))
    env = checking_environment()
    problems: list[TemplateProblem] = []
    walker = _Walker(problems)
    for part in parts:
        if not part.filled or part.label == "document properties":
            problems.extend(unfilled_tags(part))
            continue
        problems.extend(split_tags(part))
        problems.extend(letter_safety.markup_tags(part))
        try:
            tree = env.parse(part.source)
            env.compile(tree)  # unknown filters and tests are found here
        except TemplateSyntaxError as exc:
            problems.append(syntax_problem(part, exc))
            walker.walk_lines(part, env)
            continue
        walker.walk(part, tree)
    return TemplateCheck(tuple(_dedupe(problems)), tuple(sorted(walker.used)),
                         frozenset(walker.names))


def _dedupe(problems: list[TemplateProblem]) -> Iterator[TemplateProblem]:
    seen: set[tuple[str, str, str]] = set()
    for problem in problems:
        key = (problem.kind, problem.name or problem.context, problem.part)
        if key not in seen:
            seen.add(key)
            yield problem


# -- names against the schema -----------------------------------------------------------------
class _Any:
    """A value of no known shape (a filter's result, a literal): anything goes under it."""


class _Unknown:
    """An unknown placeholder already reported: nothing under it is reported again."""


ANY = _Any()
UNKNOWN = _Unknown()
LOOP: dict[str, Node] = {name: Text("loop variable") for name in LOOP_FIELDS}
Shape = Any  # Node | _Any | _Unknown


@dataclass
class _Walker:
    problems: list[TemplateProblem]
    used: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    part: docx_parts.Part | None = None
    scopes: list[dict[str, tuple[Shape, str]]] = field(default_factory=list)
    depth: int = 0

    lenient: bool = False
    offset: int = 0

    def walk(self, part: docx_parts.Part, tree: nodes.Template) -> None:
        self.part, self.scopes, self.depth = part, [{}], 0
        for node in tree.body:
            self.visit(node)

    def walk_lines(self, part: docx_parts.Part, env: Any) -> None:
        """After a syntax error, still check each paragraph that parses on its own. A name
        that may be a loop variable defined elsewhere is not reported then, only misspelt
        fields of the documented names (case.nmber)."""
        self.lenient = True
        try:
            for index, line in enumerate(part.source.split("\n")):
                try:
                    tree = env.parse(line)
                except TemplateSyntaxError:
                    continue
                self.offset = index
                self.walk(part, tree)
        finally:
            self.lenient, self.offset = False, 0

    # -- reporting ----------------------------------------------------------------------------
    def _report(self, kind: str, node: nodes.Node, message: str, *, name: str = "",
                suggestion: str = "") -> None:
        assert self.part is not None
        lineno = node.lineno + self.offset
        context = docx_parts.line_text(self.part.source, lineno)
        line = paragraph_number(lineno)
        self.problems.append(make_problem(kind, self.part.label, line, context, message + ".",
                                      name, suggestion))

    def _unknown(self, node: nodes.Node, written: str, shape: Shape = None) -> None:
        """Report `written`; `shape` is what its last part was looked up in, if known."""
        if isinstance(shape, dict):
            head, _dot, attr = written.rpartition(".")
            found = difflib.get_close_matches(attr, list(shape), n=1, cutoff=0.6)
            suggestion = f"{head}.{found[0]}" if found else ""
        else:
            suggestion = self._suggest(written)
        hint = f' (did you mean "{suggestion}"?)' if suggestion else ""
        self._report("unknown", node, f'unknown placeholder "{written}"{hint}', name=written,
                     suggestion=suggestion)

    def _visible(self) -> dict[str, tuple[Shape, str]]:
        names: dict[str, tuple[Shape, str]] = {g: (ANY, g) for g in JINJA_GLOBALS}
        names.update({key: (node, key) for key, node in SCHEMA.items()})
        for scope in self.scopes:
            names.update(scope)
        return names

    def _suggest(self, written: str) -> str:
        depth = written.count(".")
        candidates: list[str] = []
        for name, (shape, _path) in self._visible().items():
            if isinstance(shape, dict | ListOf | Text | Flag):
                candidates.extend(p for p, _n in iter_paths(shape, name)
                                  if "[]" not in p and p.count(".") == depth)
            elif depth == 0:
                candidates.append(name)
        found = difflib.get_close_matches(written, candidates, n=1, cutoff=0.6)
        if found:
            return found[0]
        head, _dot, rest = written.partition(".")
        roots = difflib.get_close_matches(head, list(self._visible()), n=1, cutoff=0.6)
        return f"{roots[0]}.{rest}" if roots and rest else (roots[0] if roots else "")

    # -- statements ---------------------------------------------------------------------------
    def visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.For):
            self._for(node)
        elif isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self._printed(child)
        elif isinstance(node, nodes.Assign):
            shape, path = self.resolve(node.node)
            self._bind(node.target, shape, path)
        elif isinstance(node, nodes.AssignBlock):
            self._visit_all(node.body)
            self._bind(node.target, ANY, "")
        elif isinstance(node, nodes.With):
            for value in node.values:
                self.resolve(value)
            self._inner(node.body, {t.name: (ANY, "") for t in node.targets
                                    if isinstance(t, nodes.Name)})
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.Macro):
                self.scopes[-1][node.name] = (ANY, "")
            else:
                self.resolve(node.call)
            for default in node.defaults:
                self.resolve(default)
            local = {a.name: (ANY, "") for a in node.args}
            local.update({n: (ANY, "") for n in ("varargs", "kwargs", "caller")})
            self._inner(node.body, local)
        elif isinstance(node, nodes.Extends | nodes.Include | nodes.Import | nodes.FromImport
                        | nodes.Block):
            kind = type(node).__name__.lower()
            self._report("unsupported", node, f"{{% {kind} %}} is not available in letter "
                         "templates (each template stands alone)")
        elif isinstance(node, nodes.Expr):
            self.resolve(node)
        elif isinstance(node, nodes.EvalContextModifier):  # {% autoescape %}
            self._report("unsafe", node, letter_safety.AUTOESCAPE_MESSAGE, name="autoescape")
            self._visit_all(getattr(node, "body", []))
        else:
            for sub in node.iter_child_nodes():
                self.visit(sub)

    def _visit_all(self, body: list[nodes.Node]) -> None:
        for child in body:
            self.visit(child)

    def _inner(self, body: list[nodes.Node], local: dict[str, tuple[Shape, str]]) -> None:
        self.scopes.append(dict(local))
        try:
            self._visit_all(body)
        finally:
            self.scopes.pop()

    def _bind(self, target: nodes.Node, shape: Shape, path: str) -> None:
        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = (shape, path)
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self._bind(item, ANY, "")
        elif isinstance(target, nodes.NSRef):
            self.resolve(nodes.Name(target.name, "load", lineno=target.lineno))

    def _for(self, node: nodes.For) -> None:
        shape, path = self.resolve(node.iter)
        item: tuple[Shape, str] = (ANY, "")
        if isinstance(shape, ListOf):
            item = (shape.item, f"{path}[]")
        elif not (isinstance(node.iter, nodes.List | nodes.Tuple) or _is_range(node.iter)) \
                and shape is not UNKNOWN:
            # Anything else could be as long as a template likes (`'x' * 99999|list`).
            lists = ", ".join(p for p, n in iter_paths(SCHEMA, "")
                              if isinstance(n, ListOf) and "[]" not in p)
            what = f'"{path}" is not a list' if path else "this is not one of the lists"
            self._report("misuse", node, f"{what}; loops can only go over {lists}, a range() "
                         "or a list written out in the template")
        if self.depth >= MAX_LOOP_DEPTH:
            self._report("misuse", node, f"loops are nested more than {MAX_LOOP_DEPTH} deep")
        local: dict[str, tuple[Shape, str]] = {"loop": (LOOP, "loop")}
        self.scopes.append(local)
        self.depth += 1
        try:
            self._bind(node.target, *item)
            if node.test is not None:
                self.resolve(node.test)
            self._visit_all(node.body)
        finally:
            self.depth -= 1
            self.scopes.pop()
        self._visit_all(node.else_)

    def _printed(self, node: nodes.Expr) -> None:
        shape, path = self.resolve(node)
        if isinstance(shape, dict) and path != "loop":
            fields = ", ".join(f"{path}.{k}" for k in list(shape)[:4])
            self._report("misuse", node, f'"{path}" is a group of values; print one of them '
                         f"({fields}…)")
        elif isinstance(shape, ListOf):
            self._report("misuse", node, f'"{path}" is a list; print its items with '
                         f"{{% for item in {path} %}}…{{% endfor %}}")

    # -- expressions --------------------------------------------------------------------------
    def resolve(self, node: nodes.Node) -> tuple[Shape, str]:
        """The schema shape of an expression and its documented path ("" when none)."""
        if isinstance(node, nodes.Filter) and node.name in letter_safety.REFUSED_FILTERS:
            self._report("unsafe", node, letter_safety.filter_message(node.name),
                         name=node.name)
        chain = _chain(node)
        if chain is not None:
            return self._resolve_chain(node, chain)
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            return self._member(node)
        if isinstance(node, nodes.Filter) and node.node is not None:
            base, path = self.resolve(node.node)
            self._args(node)
            if isinstance(base, ListOf) and node.name in _LIST_FILTERS:
                return base, path
            if isinstance(base, ListOf) and node.name in _ITEM_FILTERS:
                return base.item, f"{path}[]"
            return ANY, ""
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Expr):
                self.resolve(child)
            else:
                self.visit(child)
        return ANY, ""

    def _args(self, node: nodes.Filter | nodes.Test | nodes.Call) -> None:
        for arg in [*node.args, *(k.value for k in node.kwargs)]:
            self.resolve(arg)
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.resolve(extra)

    def _member(self, node: nodes.Getattr | nodes.Getitem) -> tuple[Shape, str]:
        """An attribute or item of something that is not a plain name chain."""
        base, path = self.resolve(node.node)
        if isinstance(node, nodes.Getattr):
            if node.attr.startswith("_"):
                self._unsafe(node, node.attr)
                return UNKNOWN, ""
            step = _step(base, node.attr)
            if step is None and path:
                self._unknown(node, f"{path}.{node.attr}", base)
                return UNKNOWN, ""
            if step is None or step is ANY:
                return ANY, ""
            self.used.add(f"{path}.{node.attr}")
            return step, f"{path}.{node.attr}"
        self.resolve(node.arg)
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str) and \
                node.arg.value.startswith("_"):
            self._unsafe(node, node.arg.value)
        return (base, path) if isinstance(base, ListOf) and isinstance(node.arg, nodes.Slice) \
            else (ANY, "")

    def _unsafe(self, node: nodes.Node, attr: str) -> None:
        self._report("unsafe", node, f'"{attr}" reaches into Python internals; templates may '
                     "only use the documented placeholders", name=attr)

    def _resolve_chain(self, node: nodes.Node, chain: list[str | int]) -> tuple[Shape, str]:
        root = str(chain[0])
        visible = self._visible()
        if root not in visible and root.casefold() in letter_safety.MARKUP_NAMES:
            self._report("unsafe", node, letter_safety.markup_name_message(root), name=root)
            return UNKNOWN, ""
        if root not in visible:
            if self.lenient:
                return UNKNOWN, ""
            written = _written(chain[:2] if len(chain) > 1 and isinstance(chain[1], str)
                               else chain[:1])
            self._unknown(node, written)
            return UNKNOWN, ""
        shape, path = visible[root]
        if path and "." not in path and "[" not in path and path in SCHEMA:
            self.names.add(path)
        for index, part in enumerate(chain[1:], start=1):
            if isinstance(part, str) and part.startswith("_"):
                self._unsafe(node, part)
                return UNKNOWN, ""
            step = _step(shape, part)
            if step is None:
                written = _written(chain[: index + 1])
                if isinstance(shape, ListOf):
                    self._report("misuse", node, f'"{_written(chain[:index])}" is a list and has '
                                 f'no "{part}"; loop over it and use the items\' fields',
                                 name=written)
                else:
                    self._unknown(node, written, shape)
                return UNKNOWN, ""
            if step is ANY:
                if path:
                    self.used.add(path)
                return ANY, ""
            shape = step
            path = f"{path}[]" if isinstance(part, int) else (f"{path}.{part}" if path else "")
        if path and path != "loop" and not path.startswith("loop."):
            self.used.add(path)
        return shape, path


def _is_range(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and \
        node.node.name == "range"


def _chain(expr: nodes.Node) -> list[str | int] | None:
    """`case.number`, `events[0].title`, `case['title']` as parts; None for anything else."""
    parts: list[str | int] = []
    node: nodes.Node = expr
    while True:
        if isinstance(node, nodes.Name):
            return [node.name, *reversed(parts)]
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and \
                isinstance(node.arg.value, str | int) and not isinstance(node.arg.value, bool):
            parts.append(node.arg.value)
        else:
            return None
        node = node.node


def _written(parts: list[str | int]) -> str:
    out = str(parts[0])
    for part in parts[1:]:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _step(shape: Shape, part: str | int) -> Shape | None:
    """What `shape.part` is, ANY when anything goes, None when it does not exist."""
    if isinstance(shape, _Any | _Unknown):
        return ANY
    if isinstance(shape, dict):
        return shape.get(part) if isinstance(part, str) else None
    if isinstance(shape, ListOf):
        return shape.item if isinstance(part, int) else None
    if isinstance(shape, Text) and isinstance(part, str) and callable(getattr(str, part, None)):
        return ANY  # a string method: {{ case.title.upper() }}
    return None
