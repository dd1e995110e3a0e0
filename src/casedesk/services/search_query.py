"""What a person types in the search box, turned into a safe FTS5 or tsquery expression.

The typed text is never handed to the database's query syntax as it is. It is parsed into
words, "quoted phrases", `OR` between two items and `-exclusions`; every word is reduced to
its letters and digits and quoted again, so no input can cause a syntax error. The last word
is matched as a prefix while it is being typed (as-you-type), once it has MIN_PREFIX_CHARS.

Also here: the markers a snippet puts around matched terms, and their rendering.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

HL_START = "\x02"  # put before a matched term in a snippet (never in indexed text)
HL_END = "\x03"  # and after it
ELLIPSIS = "…"

MAX_QUERY_CHARS = 1000
MAX_TERMS = 16  # words and phrases together; the rest of a long query is ignored
MAX_TOKEN_CHARS = 64
MAX_PHRASE_TOKENS = 12
MIN_PREFIX_CHARS = 4  # a shorter last word is matched whole (see search_results.py)

_PIECE = re.compile(r'(-?)"([^"]*)("?)|(\S+)')
_UNQUOTABLE = re.compile(r"['\\\x00-\x1f\x7f]")
MAX_RAW_CHARS = 200


@dataclass(frozen=True, slots=True)
class Term:
    """One word or phrase: its tokens (lowercase), whether the last one is a prefix, and the
    text as typed (PostgreSQL's parser makes its own words of it: e-mails, file names...)."""

    tokens: tuple[str, ...]
    prefix: bool = False
    raw: str = ""


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """All of `required` (each a group of alternatives joined by OR), none of `excluded`."""

    required: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Nothing to look for (an exclusion alone matches nothing to exclude from)."""
        return not self.required


def _token_char(char: str) -> bool:
    # What FTS5's unicode61 tokenizer keeps in a word: letters, digits, marks, private use.
    category = unicodedata.category(char)
    return category[0] in "LNM" or category == "Co"


def tokens_of(text: str) -> tuple[str, ...]:
    """The words of a text as FTS5 splits them, lowercase, each at most MAX_TOKEN_CHARS long.

    Lowercased, not case-folded: the index keeps "ß" as it is, so must the query.
    """
    tokens: list[str] = []
    word: list[str] = []
    for char in unicodedata.normalize("NFKC", text).lower() + " ":
        if _token_char(char):
            word.append(char)
        elif word:
            tokens.append("".join(word)[:MAX_TOKEN_CHARS])
            word = []
            if len(tokens) == MAX_PHRASE_TOKENS:
                break
    return tuple(tokens)


def _raw(text: str) -> str:
    """Typed text safe inside a quoted tsquery word: no quotes, backslashes or controls."""
    return " ".join(_UNQUOTABLE.sub(" ", text).split())[:MAX_RAW_CHARS]


def parse_query(text: str) -> ParsedQuery:
    """Parse the search box's text; never raises."""
    text = (text or "")[:MAX_QUERY_CHARS]
    items: list[tuple[Term, bool]] = []  # (term, excluded); "OR" kept as a marker term
    or_marker = Term(("\x00or",))
    pieces = list(_PIECE.finditer(text))
    for index, match in enumerate(pieces):
        neg_phrase, phrase, closed, bare = match.groups()
        if bare is not None:
            if bare == "OR":
                items.append((or_marker, False))
                continue
            if bare == "AND":
                continue
            negated = bare.startswith("-") and len(bare) > 1
            word = bare[1:] if negated else bare
            tokens = tokens_of(word)
            if not tokens:
                continue
            last = index == len(pieces) - 1 and not text[-1:].isspace()
            prefix = (last and not negated and len(tokens[-1]) >= MIN_PREFIX_CHARS
                      and bare[-1:].isalnum())
            items.append((Term(tokens, prefix, _raw(word)), negated))
        else:
            tokens = tokens_of(phrase)
            if tokens:
                # A phrase still being typed (no closing quote yet) ends in a prefix too.
                typing = (not closed and index == len(pieces) - 1 and not neg_phrase
                          and phrase[-1:].isalnum() and len(tokens[-1]) >= MIN_PREFIX_CHARS)
                items.append((Term(tokens, typing, _raw(phrase)), bool(neg_phrase)))
    return _group(items, or_marker)


def _group(items: list[tuple[Term, bool]], or_marker: Term) -> ParsedQuery:
    required: list[list[Term]] = []
    excluded: list[Term] = []
    joining = False
    for term, negated in items:
        if term is or_marker:
            joining = bool(required)
            continue
        if negated:
            excluded.append(term)
            joining = False
            continue
        if joining and required:
            required[-1].append(term)
        else:
            required.append([term])
        joining = False
    kept = required[:MAX_TERMS]
    budget = MAX_TERMS - sum(len(group) for group in kept)
    return ParsedQuery(required=tuple(tuple(group) for group in kept),
                       excluded=tuple(excluded[:max(budget, 0)]))


# -- SQLite FTS5 -----------------------------------------------------------------------------
def _fts5_term(term: Term) -> str:
    # Tokens are letters and digits only, so a double-quoted string cannot be broken out of.
    quoted = '"' + " ".join(term.tokens) + '"'
    return quoted + " *" if term.prefix else quoted


def _fts5_group(group: tuple[Term, ...]) -> str:
    if len(group) == 1:
        return _fts5_term(group[0])
    return "(" + " OR ".join(_fts5_term(t) for t in group) + ")"


def to_fts5(query: ParsedQuery) -> str | None:
    """The FTS5 MATCH expression, or None when there is nothing to look for."""
    if query.is_empty:
        return None
    expr = " AND ".join(_fts5_group(g) for g in query.required)
    if query.excluded:
        expr = f"({expr}) NOT (" + " OR ".join(_fts5_term(t) for t in query.excluded) + ")"
    return expr


# -- PostgreSQL tsquery --------------------------------------------------------------------
def _pg_term(term: Term, params: dict[str, str]) -> str:
    name = f"t{len(params)}"
    if term.prefix:
        # Quoted, the typed text goes through the same parser as the indexed text; `:*` makes
        # each of its words a prefix. _raw() left no quote or backslash to break out with.
        params[name] = f"'{term.raw}':*"
        return f"to_tsquery('english', :{name})"
    params[name] = term.raw
    return f"phraseto_tsquery('english', :{name})"


def to_pg_tsquery(query: ParsedQuery) -> tuple[str, dict[str, str]] | None:
    """A tsquery SQL expression over bound parameters, or None when nothing is looked for.

    Each word or phrase is parsed by PostgreSQL's own text-search parser (phraseto_tsquery), so
    e-mail addresses, file names and hyphenated numbers match as they were indexed.
    """
    if query.is_empty:
        return None
    params: dict[str, str] = {}
    groups = [_pg_term(g[0], params) if len(g) == 1 else
              "(" + " || ".join(_pg_term(t, params) for t in g) + ")" for g in query.required]
    positive = "(" + " && ".join(groups) + ")"
    if not query.excluded:
        return positive, params
    excluded = " && ".join(f"!!{_pg_term(t, params)}" for t in query.excluded)
    # Words PostgreSQL drops (stop words: "the", "or") can leave only the exclusions, which
    # would match everything else: then the query is empty and matches nothing.
    return f"(CASE WHEN numnode({positive}) = 0 THEN ''::tsquery ELSE {positive} && " \
           f"{excluded} END)", params


# -- snippets ------------------------------------------------------------------------------
def strip_markers(text: str) -> str:
    return text.replace(HL_START, "").replace(HL_END, "")


def highlight_brackets(snippet: str) -> str:
    """A snippet on one line, with matched terms as [term] (for the command line)."""
    text = " ".join(snippet.split())
    return text.replace(HL_START, "[").replace(HL_END, "]")


def highlight_html(snippet: str) -> str:
    """A snippet as escaped HTML with matched terms in <b>…</b> (for the GUI's rich text)."""
    out: list[str] = []
    bold = False
    for piece in re.split(f"([{HL_START}{HL_END}])", " ".join(snippet.split())):
        if piece == HL_START:
            if not bold:
                out.append("<b>")
                bold = True
        elif piece == HL_END:
            if bold:
                out.append("</b>")
                bold = False
        else:
            out.append(html.escape(piece, quote=False))
    if bold:
        out.append("</b>")
    return "".join(out)
