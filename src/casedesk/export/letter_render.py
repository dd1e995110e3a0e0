"""Filling a checked Word template with a letter's context, safely.

Why each setting (docs/templates.md explains it for template authors too):
- `ImmutableSandboxedEnvironment`: a template is code from outside the program. The sandbox
  refuses `__class__`-style escapes to Python internals and unsafe callables; "immutable"
  also refuses `list.append` and `dict.update`, so a template cannot change its own context.
- `StrictUndefined`: a misspelt or missing placeholder stops the letter instead of leaving a
  silent gap in something sent to a client or a court.
- `autoescape=True`: docxtpl renders into WordprocessingML, so a value with `&`, `<` or `>`
  ("Smith & Jones", "<Acme> LLC") must be written as an XML entity, or characters and whole
  following paragraphs are lost while the file still opens. Nothing can turn it off: the
  `safe`, `urlize` and `xmlattr` filters are gone, a value printed inside
  `{% autoescape false %}` is escaped all the same (`_finalize`), and `Markup.translate` (which
  could map escaped text back into tags) is refused. `letter_safety` explains the rest.
- Budgets: `range` has a total item budget, `*`, `**` and `%` are bounded, filter and method
  arguments are capped, macro calls are counted, and the output size and wall time of a render
  are limited, so a hostile template cannot make one letter run for ever.
- After rendering, each filled part is verified before docxtpl tidies it (which would quietly
  "recover" broken XML): well-formed, no text outside a run, no value with `<` written as
  markup (`letter_safety.verify_part`). Then every part of the file (body, headers, footers,
  footnotes, endnotes, comments, properties) must be well-formed and hold no `{{`, `{%`, `}}`
  or `%}` other than in the values' own text; otherwise the letter is refused rather than sent
  damaged or half-filled.
"""

from __future__ import annotations

import functools
import io
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jinja2 import StrictUndefined, TemplateError, UndefinedError, pass_eval_context
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from casedesk.domain.errors import InvalidInput
from casedesk.export import docx_parts, letter_safety
from casedesk.export.letter_check import TemplateCheck, check_template
from casedesk.export.letter_schema import letter_date

MAX_RENDER_SECONDS = 20.0
MAX_OUTPUT_CHARS = 50_000_000  # all parts of one letter, as XML
MAX_RANGE_ITEMS = 10_000
MAX_CALLS = 200_000
MAX_INT_ARGUMENT = 100_000
MAX_SEQUENCE = 1_000_000  # characters or items a `*` may produce
_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(\d+)|\.(\d+)")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class TemplateProblems(InvalidInput):
    """A template that failed its check; `check` lists every problem."""

    def __init__(self, check: TemplateCheck, what: str = "The template") -> None:
        lines = check.report()
        more = f"\n(and {len(lines) - 20} more)" if len(lines) > 20 else ""
        super().__init__(f"{what} cannot be used:\n" + "\n".join(f"- {line}"
                                                                 for line in lines[:20]) + more,
                         field="template", details="\n".join(lines))
        self.check = check


@dataclass
class RenderBudget:
    """What one render may spend."""

    seconds: float = MAX_RENDER_SECONDS
    output_chars: int = MAX_OUTPUT_CHARS
    range_items: int = MAX_RANGE_ITEMS
    calls: int = MAX_CALLS

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.seconds

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise SecurityError(f"the template took longer than {self.seconds:g} seconds")


def _check_ints(values: Iterable[Any]) -> None:
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and \
                abs(value) > MAX_INT_ARGUMENT:
            raise SecurityError(f"the number {value} is too large for a letter template")
        if isinstance(value, str) and len(value) > MAX_SEQUENCE:
            raise SecurityError("a text value is too long for a letter template")


def _check_format(spec: Any) -> None:
    if isinstance(spec, str):
        for match in _FORMAT_WIDTH.finditer(spec):
            if int(match.group(1) or match.group(2)) > 1000:
                raise SecurityError("a format width is too large for a letter template")


class LetterEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox letters render in: strict, autoescaping, and on a budget."""

    intercepted_binops = frozenset({"*", "**", "%", "//"})

    def __init__(self, budget: RenderBudget | None = None) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=True, finalize=_finalize)
        self.budget = budget or RenderBudget()
        # No lipsum (unbounded text) and no namespace (state that survives loop iterations).
        self.globals = {"range": self._range, "dict": dict,
                        "cycler": self.globals["cycler"], "joiner": self.globals["joiner"]}
        # No filter that writes a value unescaped ("safe", and the HTML ones).
        self.filters = {name: _guarded(name, fn) for name, fn in self.filters.items()
                        if name not in letter_safety.REFUSED_FILTERS}
        self.concat = self._concat  # type: ignore[method-assign]

    def _range(self, *args: int) -> range:
        _check_ints(args)
        numbers = range(*args)
        self.budget.range_items -= len(numbers)
        if self.budget.range_items < 0:
            raise SecurityError(f"loops in this template count past {MAX_RANGE_ITEMS}")
        return numbers

    def _concat(self, chunks: Iterable[str]) -> str:
        out: list[str] = []
        budget = self.budget
        for chunk in chunks:
            budget.output_chars -= len(chunk)
            if budget.output_chars < 0:
                raise SecurityError("the template produces more text than a letter can hold")
            if len(out) % 256 == 0:
                budget.tick()
            out.append(chunk)
        return "".join(out)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int) and \
                        len(seq) * times > MAX_SEQUENCE:
                    raise SecurityError("a repetition is too long for a letter template")
        elif operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise SecurityError("a power is too large for a letter template")
        elif operator == "%":
            _check_format(left)
        return super().call_binop(context, operator, left, right)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, str) and attr in ("format", "format_map"):
            return False  # widths in format specs are unbounded; use the format filter
        if isinstance(obj, Markup) and attr == "translate":
            return False  # escapes its text arguments only: {38: 60} turns "&lt;" into "<lt;"
        return super().is_safe_attribute(obj, attr, value)

    def call(__self, __context: Any, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        budget = __self.budget
        budget.calls -= 1
        if budget.calls < 0:
            raise SecurityError("the template calls too many functions")
        budget.tick()
        _check_ints(args)
        _check_ints(kwargs.values())
        return super().call(__context, __obj, *args, **kwargs)


@pass_eval_context
def _finalize(eval_ctx: EvalContext, value: Any) -> Any:
    """Every printed value: escaped even where `{% autoescape false %}` turned escaping off
    (the check refuses that block; this holds for a template that was never checked)."""
    if eval_ctx.autoescape or isinstance(value, Markup):
        return value
    return escape(value)


def _guarded(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose numeric arguments are bounded (`center(10**9)` would fill memory)."""
    skip = 1 + (getattr(fn, "jinja_pass_arg", None) is not None)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _check_ints(args[skip:])
        _check_ints(kwargs.values())
        if name == "format" and len(args) >= skip:
            _check_format(args[skip - 1])
        return fn(*args, **kwargs)

    return wrapper


def checking_environment() -> LetterEnvironment:
    """The environment templates are parsed and compiled with: the filters of rendering, and
    the refused ones as stubs, so the check names them as unsafe rather than unknown."""
    env = LetterEnvironment()
    env.filters.update({name: _refused for name in letter_safety.REFUSED_FILTERS})
    return env


def _refused(*_args: Any, **_kwargs: Any) -> Any:
    raise SecurityError("this filter is not available in letter templates")


# -- the context handed to a template ----------------------------------------------------------
def plain(value: Any) -> Any:
    """A context value as plain data: dicts, lists, str, bool and numbers only (dates written
    for letters, None as "", anything else as its text), with characters XML cannot hold
    removed. Templates never see ORM objects, sessions or functions."""
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime):
        return letter_date(value.date())
    if isinstance(value, date):
        return letter_date(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return _XML_ILLEGAL.sub("", str(value))


# -- rendering ---------------------------------------------------------------------------------
def render_letter(data: bytes, context: Mapping[str, Any], *,
                  budget: RenderBudget | None = None) -> bytes:
    """The letter: the template filled with `context`, as .docx bytes.

    Refuses (InvalidInput) a template that fails `check_template` (TemplateProblems, with the
    list), a context without a name the template uses, anything the sandbox blocks, and a
    result with a tag left unfilled in any part.
    """
    data = docx_parts.normalised_docx(data)
    check = checked(data)
    if not check.ok:
        raise TemplateProblems(check)
    missing = sorted(check.names - set(context))
    if missing:
        raise InvalidInput(_missing_message(missing), field="template")
    return render_checked(data, plain(context), budget=budget)


@functools.lru_cache(maxsize=32)
def checked(data: bytes) -> TemplateCheck:
    """`check_template`, remembered for the last templates used (a check costs about as much
    as filling the letter, and a template is usually used for many letters). TemplateCheck is
    immutable, so sharing it is safe."""
    return check_template(data)


def _missing_message(names: list[str]) -> str:
    if "filing" in names:
        return ("This template lists a court filing's documents (filing.*); generate it from a "
                "filing package (or name one with --filing).")
    return f"This letter has no value for {', '.join(names)}."


def render_checked(data: bytes, context: dict[str, Any], *,
                   budget: RenderBudget | None = None) -> bytes:
    """Render a template already checked with a plain context, then verify the result."""
    template = docx_parts.open_template(data)
    env = LetterEnvironment(budget)
    values = letter_safety.text_values(context)
    shielded, restore = letter_safety.shield_values(context, data)
    _verify_each_part(template, values, restore)
    try:
        template.render(shielded, jinja_env=env, autoescape=True)
    except UndefinedError as exc:
        raise InvalidInput(f"The template uses a value this letter does not have "
                           f"({exc.message}){_docx_context(exc)}.", field="template") from None
    except SecurityError as exc:
        raise InvalidInput(f"The template was stopped: {str(exc).rstrip('.')}"
                           f"{_docx_context(exc)}.", field="template") from None
    except RecursionError:
        raise InvalidInput("The template was stopped: it calls itself too deeply.",
                           field="template") from None
    except TemplateError as exc:
        raise InvalidInput(f"The template could not be filled: {exc.message}"
                           f"{_docx_context(exc)}.", field="template") from None
    out = io.BytesIO()
    template.save(out)
    result = out.getvalue()
    verify_letter(result, values)
    return result


def _verify_each_part(template: Any, values: list[str], restore: Callable[[str], str]) -> None:
    """Verify each part as docxtpl fills it, before it tidies the body's XML (its `fix_tables`
    parses with `recover=True`, which would quietly drop what a bad value broke)."""
    marked = [v for v in values if "<" in v]
    fill_part = template.render_xml_part

    def render_xml_part(src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> str:
        xml: str = restore(fill_part(src_xml, part, context, jinja_env))
        label = docx_parts.part_label(str(part.partname).lstrip("/"))
        letter_safety.verify_part(xml, src_xml, label, marked)
        return xml

    template.render_xml_part = render_xml_part


def _docx_context(exc: Exception) -> str:
    lines = [line.strip() for line in getattr(exc, "docx_context", ()) or () if line.strip()]
    return f" (near “{docx_parts.shorten(' '.join(lines), 120)}”)" if lines else ""


def verify_letter(data: bytes, values: Iterable[str] = ()) -> None:
    """Refuse a filled letter with a malformed part or a tag left in any part (`{{` and the
    like in the text of `values`, the context's, do not count)."""
    from lxml import etree

    try:
        leftovers = letter_safety.unfilled_tags(data, values)
    except etree.XMLSyntaxError as exc:
        raise InvalidInput(f"The filled letter would be damaged ({exc}); nothing was saved.",
                           field="template") from None
    if leftovers:
        where = "; ".join(f"{part}: “{text}”" for part, text in leftovers[:5])
        raise InvalidInput(f"The filled letter still has unfilled template tags ({where}); "
                           "nothing was saved.", field="template")

