"""What keeps a letter's values plain text: the tags a template may not use, and the checks of
each filled part.

Autoescaping (`letter_render`) writes every value as XML text, so a client called
`Smith & Jones <Acme> "LLC"` cannot damage a letter, and a name holding WordprocessingML cannot
add a hidden paragraph to it. A template could still ask for a value to be written as markup:
the `safe` filter (also as `{% filter safe %}`), `{% autoescape false %}`, the HTML filters
`urlize` and `xmlattr`, a `Markup(...)` call, or docxtpl's `{{r }}`, `{{p }}`, `{{tr }}` and
`{{tc }}` tags, which put a value where a whole run, paragraph, row or cell was (they are meant
for docxtpl's RichText objects; letters only have text, which Word then drops). The check
refuses all of them (kind "unsafe"); the rendering environment has none of those filters and
escapes even inside an autoescape block; and each filled part is verified (`verify_part`) in
case some other way is ever found.

Values may hold `{{` or `{%` themselves (a case called "In re {{ weird }} Trust"): the check for
tags left unfilled (`unfilled_tags`) discounts text that came from the values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from casedesk.domain.errors import InvalidInput
from casedesk.export import docx_parts
from casedesk.export.letter_problems import TemplateProblem, problem

# Filters that write a value as markup (unescaped); the environment letters render in has none.
REFUSED_FILTERS = {
    "safe": "writes a value as Word markup instead of escaping it, so a name with & or < would "
            "damage the letter or hide text in it; remove “|safe” (values are always escaped "
            "and come out exactly as typed)",
    "urlize": "writes HTML links, which are not escaped for Word and damage the letter; remove "
              "it",
    "xmlattr": "writes HTML attributes, which are not escaped for Word and damage the letter; "
               "remove it",
}
MARKUP_NAMES = frozenset({"markup", "markupsafe"})  # compared case-folded
AUTOESCAPE_MESSAGE = ("{% autoescape %} is not available in letter templates: values are "
                      "always escaped (written as text), so a name with & or < comes out "
                      "exactly as typed; remove the block")


def filter_message(name: str) -> str:
    return f'the "{name}" filter {REFUSED_FILTERS[name]}'


def markup_name_message(name: str) -> str:
    return (f'"{name}" would write a value as Word markup instead of escaping it; templates '
            "may only use the documented placeholders")


# -- docxtpl's markup tags ----------------------------------------------------------------------
# docxtpl replaces the whole run/paragraph/row/cell holding `{{r x }}`, `{{p x }}`, `{{tr x }}`
# or `{{tc x }}` with the value (see its `patch_xml`); `{%p ... %}` and the like are statements
# and fine.
_MARKUP_TAG = re.compile(r"\{\{(tr|tc|p|r)\s(.*?)\}\}", re.DOTALL)
_REPLACED = {"r": "run", "p": "paragraph", "tr": "table row", "tc": "table cell"}


def markup_tags(part: docx_parts.Part) -> Iterator[TemplateProblem]:
    """Every `{{r …}}`, `{{p …}}`, `{{tr …}}` or `{{tc …}}` tag of a part, per paragraph (the
    text of its runs joined, as docxtpl joins a tag Word split)."""
    from lxml import etree

    w = docx_parts.W_NS
    try:
        root = etree.fromstring(part.raw.encode("utf-8"))
    except etree.XMLSyntaxError:
        return
    for number, paragraph in enumerate(root.iter(f"{{{w}}}p"), start=1):
        shown = "".join(t.text or "" for t in paragraph.iter(f"{{{w}}}t"))
        for match in _MARKUP_TAG.finditer(shown):
            kind, expression = match.group(1), " ".join(match.group(2).split())
            yield problem(
                "unsafe", part.label, number, docx_parts.shorten(shown),
                f"“{{{{{kind} …}}}}” replaces the whole {_REPLACED[kind]} with the value as Word "
                "markup (for docxtpl's rich text, which letters do not have), so the text is "
                f"not escaped and Word drops it; write {{{{ {expression} }}}} instead "
                "({%p …%}, {%tr …%}, {%tc …%} and {%r …%} for loops and conditions are fine).",
                name=f"{{{{{kind}")


# -- the values of a letter ---------------------------------------------------------------------
def text_values(context: Any) -> list[str]:
    """Every text value of a (plain) context, once each."""
    found: dict[str, None] = {}

    def walk(value: Any) -> None:
        if isinstance(value, str):
            if value:
                found[value] = None
        elif isinstance(value, Mapping):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(context)
    return list(found)


# docxtpl turns `{_{`, `}_}`, `{_%` and `%_}` into `{{`, `}}`, `{%` and `%}` after filling (so a
# template can print a literal tag); a value holding one would silently change. Its `_` is
# swapped for a private-use character the letter does not otherwise hold, and swapped back.
_DOCXTPL_ESCAPE = re.compile(r"(?<=\{)_(?=[{%])|(?<=[}%])_(?=\})")


def shield_values(context: Any, template: bytes) -> tuple[Any, Callable[[str], str]]:
    """The context with docxtpl's escapes in values hidden, and what undoes it in a part."""
    values = text_values(context)
    if not any(_DOCXTPL_ESCAPE.search(v) for v in values):
        return context, _unchanged
    parts = [xml for _name, xml in docx_parts.xml_parts(template)]
    sentinel = next((chr(code) for code in range(0xE000, 0xF900)
                     if not any(chr(code) in v for v in values)
                     and not any(chr(code).encode("utf-8") in xml for xml in parts)), None)
    if sentinel is None:  # 6,400 private-use characters all taken: leave docxtpl be
        return context, _unchanged

    def shield(value: Any) -> Any:
        if isinstance(value, str):
            return _DOCXTPL_ESCAPE.sub(sentinel, value)
        if isinstance(value, Mapping):
            return {k: shield(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [shield(v) for v in value]
        return value

    return shield(context), lambda xml: xml.replace(sentinel, "_")


def _unchanged(xml: str) -> str:
    return xml


# -- a filled part --------------------------------------------------------------------------
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SEGMENTS = re.compile(r"[\n\t]")  # docxtpl writes these as <w:br/> and <w:tab/>
_MIXED = "//*[* and text()[normalize-space()]]"  # text beside elements: outside any w:t


def verify_part(xml: str, source: str, label: str, values: Iterable[str]) -> None:
    """Refuse a filled part (the XML docxtpl made of `source`) that is not well-formed, holds
    text outside the elements that hold text, or holds a value with `<` as markup.

    Escaped text never contains `<`, so a value with `<` found as it is in the filled XML, but
    not in the template's, was written as markup. Cheap: one parse, one XPath, and a substring
    search for the rare value with a `<`.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(_DECLARATION.sub("", xml, count=1), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InvalidInput(f"The filled letter would be damaged ({label}: {exc}): the template "
                           "writes a value as Word markup instead of text; nothing was saved.",
                           field="template") from None
    mixed = root.xpath(_MIXED)
    if mixed:
        stray = next(t for t in mixed[0].xpath("text()") if t.strip())
        raise InvalidInput(f"The filled letter would be damaged ({label}): the template puts "
                           f"text outside any run (“{docx_parts.shorten(stray, 60)}”), where "
                           "Word drops it (a {{r …}} or {{p …}} tag?); nothing was saved.",
                           field="template")
    for value in values:
        for segment in _SEGMENTS.split(value):
            if "<" in segment and segment in xml and segment not in source:
                raise InvalidInput(
                    f"The filled letter would be damaged ({label}): the value "
                    f"“{docx_parts.shorten(value, 60)}” would be written as Word markup instead "
                    "of text; nothing was saved.", field="template")


def unfilled_tags(letter: bytes, values: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(part label, paragraph text) for every paragraph of a filled letter, in any part, that
    still holds `{{`, `{%`, `}}` or `%}` once the values' own text is discounted (compared
    case-insensitively, so `{{ case.title|upper }}` is discounted too). Raises
    lxml's XMLSyntaxError for a part that is not well-formed."""
    needles = sorted({_flat(v).casefold() for v in values if "{" in v or "}" in v} - {""},
                     key=len, reverse=True)
    found: list[tuple[str, str]] = []
    for name, xml in docx_parts.xml_parts(letter):
        if name.endswith(".rels") or name == "[Content_Types].xml":
            continue
        if b"{" not in xml and b"}" not in xml:
            continue  # every delimiter has a brace: nothing to find (styles, theme, fonts...)
        for text in docx_parts.paragraph_texts(xml):
            if not docx_parts.LEFTOVER.search(text):
                continue
            rest = text.casefold()
            for needle in needles:
                rest = rest.replace(needle, "\0")
            if docx_parts.LEFTOVER.search(rest):
                found.append((docx_parts.part_label(name), docx_parts.shorten(text)))
    return found


def _flat(value: str) -> str:
    """A value as a paragraph's runs read joined: its line breaks and tabs are elements."""
    return _SEGMENTS.sub("", value)
