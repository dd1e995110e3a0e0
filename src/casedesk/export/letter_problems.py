"""What is wrong with a template, and the checks made on its text rather than its syntax.

`TemplateProblem`/`TemplateCheck` are what `letter_check.check_template` returns. The text
checks find tags Word split where docxtpl cannot join them: after docxtpl's own patching (which
joins tags Word split into runs) every `<w:t>` must hold whole tags; near misses (`{ {`,
single braces, a tag left open in its paragraph), tracked changes over a tag, and tags in parts
docxtpl never fills (endnotes, comments) or in the document properties are reported too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from jinja2 import TemplateSyntaxError

from casedesk.export import docx_parts


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    """One thing that would stop a template from producing a correct letter."""

    kind: str  # file, syntax, unknown, unsafe, misuse, split, unsupported
    message: str  # one complete sentence, ready to show
    part: str = ""  # "body", "header 1", "footer 2", "footnotes"...
    line: int | None = None  # paragraph number within the part (1-based, as docxtpl counts)
    context: str = ""  # that paragraph's text
    name: str = ""  # an unknown placeholder as written, e.g. "case.nmber"
    suggestion: str = ""  # e.g. "case.number"


@dataclass(frozen=True, slots=True)
class TemplateCheck:
    """What `check_template` found; a template is usable when `ok`."""

    problems: tuple[TemplateProblem, ...]
    placeholders: tuple[str, ...] = ()  # known ones it uses: "case.number", "events[].date"
    names: frozenset[str] = frozenset()  # top-level names it uses: "case", "filing"...

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def unknown(self) -> tuple[TemplateProblem, ...]:
        return tuple(p for p in self.problems if p.kind == "unknown")

    def report(self) -> list[str]:
        """One line per problem (what the command line prints)."""
        return [p.message for p in self.problems]


def where(part: str, line: int | None, context: str) -> str:
    """'Body, paragraph 3 (“Re: {{ case.nmber }}”)': where a problem is, as people see it."""
    spot = part[:1].upper() + part[1:] + (f", paragraph {line}" if line else "")
    return spot + (f" (“{context}”)" if context else "")


def problem(kind: str, part: str, line: int | None, context: str, text: str,
             name: str = "", suggestion: str = "") -> TemplateProblem:
    return TemplateProblem(kind, f"{where(part, line, context)}: {text}", part, line, context,
                           name, suggestion)


def paragraph_number(lineno: int | None) -> int | None:
    return None if lineno is None else max(lineno - 1, 1)


_BLOCK_TAG = re.compile(r"\{%[-+]?\s*(\w+)")
_OPENERS = frozenset({"if", "for", "macro", "call", "filter", "with", "raw", "block"})


def _unclosed_line(source: str) -> int | None:
    """The line of the innermost block tag left open (Jinja reports the end of the part)."""
    stack: list[int] = []
    for match in _BLOCK_TAG.finditer(source):
        word = match.group(1)
        if word in _OPENERS:
            stack.append(source.count("\n", 0, match.start()) + 1)
        elif word.startswith("end") and word[3:] in _OPENERS and stack:
            stack.pop()
    return stack[-1] if stack else None


def syntax_problem(part: docx_parts.Part, exc: TemplateSyntaxError) -> TemplateProblem:
    lineno = exc.lineno
    if "Unexpected end of template" in (exc.message or ""):
        lineno = _unclosed_line(part.source) or lineno
    context = docx_parts.line_text(part.source, lineno)
    line = paragraph_number(lineno)
    message = (exc.message or "syntax error").rstrip(".")
    return problem("syntax", part.label, line, context, f"template syntax error: {message}.")


def unfilled_tags(part: docx_parts.Part) -> Iterator[TemplateProblem]:
    text = part.source if part.label == "document properties" else docx_parts.visible(part.raw)
    if not re.search(r"\{[{%]", text):
        return
    if part.label == "document properties":
        yield problem("unsupported", part.label, None, "",
                       "the title, subject or author hold a placeholder; placeholders only work "
                       "in the text of the letter. Clear them under File ▸ Info ▸ Properties.")
    else:
        yield problem("unsupported", part.label, None, docx_parts.shorten(text, 80),
                       "placeholders here are never filled (only the body, headers, footers and "
                       "footnotes are); move them into the letter itself.")


# -- tags Word split where docxtpl cannot join them ------------------------------------------
_DELIM = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_WHOLE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_SPACED = re.compile(r"\{\s+[{%#]|[}%#]\s+\}")
_SINGLE = re.compile(r"(?<!\{)\{\s*[A-Za-z_][\w.]*\s*\}(?!\})")
_W_T = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_PAIRS = {"{{": "}}", "{%": "%}", "{#": "#}"}


def split_tags(part: docx_parts.Part) -> Iterator[TemplateProblem]:
    from lxml import etree

    w = docx_parts.W_NS
    try:
        root = etree.fromstring(part.raw.encode("utf-8"))
    except etree.XMLSyntaxError:
        return
    found_any = False
    for number, paragraph in enumerate(root.iter(f"{{{w}}}p"), start=1):
        shown = "".join(t.text or "" for t in paragraph.iter(f"{{{w}}}t"))
        hidden = "".join(t.text or "" for t in paragraph.iter(f"{{{w}}}delText",
                                                                 f"{{{w}}}instrText"))
        context = docx_parts.shorten(shown)
        revised = any(True for _ in paragraph.iter(f"{{{w}}}ins", f"{{{w}}}del",
                                                    f"{{{w}}}moveFrom", f"{{{w}}}moveTo"))
        if (revised and _DELIM.search(shown)) or _DELIM.search(hidden):
            found_any = True
            yield problem("split", part.label, number, context,
                           "a placeholder is covered by tracked changes or a field; accept or "
                           "reject all changes (Review ▸ Accept) and save the template again.")
            continue
        rest = _WHOLE.sub(" ", shown)
        if _SPACED.search(rest):
            found_any = True
            yield problem("split", part.label, number, context,
                           "braces with a space between them are not a placeholder; write "
                           "{{ … }} or {% … %} without spaces inside the pairs.")
        elif found := _DELIM.search(rest):
            what = "closed" if found.group() in _PAIRS else "opened"
            found_any = True
            yield problem("split", part.label, number, context,
                           f"a placeholder is not {what} in the same paragraph; each tag must "
                           "start and end in one paragraph.")
        elif single := _SINGLE.search(rest):
            found_any = True
            inner = single.group().strip("{} ")
            yield problem("split", part.label, number, context,
                           f"{single.group()} has single braces; placeholders use double "
                           f"braces: {{{{ {inner} }}}}.")
    if not found_any:
        yield from _unbalanced_runs(part)


def _unbalanced_runs(part: docx_parts.Part) -> Iterator[TemplateProblem]:
    """After docxtpl's patching every text node must hold whole tags: a node that opens one
    and does not close it means docxtpl will hand Jinja broken markup."""
    for match in _W_T.finditer(part.source):
        text = html.unescape(match.group(1))
        expected = ""
        broken = False
        for delim in _DELIM.findall(text):
            if delim in _PAIRS and not expected:
                expected = _PAIRS[delim]
            elif delim == expected:
                expected = ""
            else:
                broken = True
        if broken or expected:
            lineno = part.source.count("\n", 0, match.start()) + 1
            context = docx_parts.line_text(part.source, lineno)
            line = paragraph_number(lineno)
            yield problem("split", part.label, line, context,
                           "Word has split a placeholder where it cannot be joined again; "
                           "delete the tag and type it again in one go, without changing its "
                           "formatting half-way.")
