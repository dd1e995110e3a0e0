"""Name matching for conflict checks: normalisation, phonetic keys and a similarity score."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz

# Words that say nothing about *who* someone is: honorifics and company forms.
_NOISE = frozenset((
    "mr", "mrs", "ms", "miss", "dr", "prof", "hon", "judge", "esq", "jr", "sr", "ii", "iii",
    "iv", "inc", "incorporated", "llc", "llp", "lp", "pllc", "pc", "pa", "ltd", "limited",
    "corp", "corporation", "co", "company", "plc", "gmbh", "ag", "sa", "na", "the", "of", "and",
))
_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=200_000)  # names repeat across searches; a hit skips the Unicode work
def normalize_name(name: str) -> str:
    """Lowercase ASCII words without accents, punctuation or honorific/company-form noise."""
    folded = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    words = [w for w in _NON_WORD.split(ascii_only.replace("&", " and ")) if w]
    kept = [w for w in words if w not in _NOISE]
    return " ".join(kept or words)


def token_keys(name: str) -> set[str]:
    """Index keys for one name: each word's phonetic code (metaphone) and its first 4 letters."""
    keys: set[str] = set()
    for word in normalize_name(name).split():
        if len(word) == 1:
            continue
        code = _metaphone(word) if word.isalpha() else word
        if code:
            keys.add("m:" + code)
        keys.add("p:" + word[:4])
    return keys


def contact_keys(name: str, aliases: Iterable[str]) -> set[str]:
    """All index keys of a contact, over its name and every alias/former name."""
    keys = token_keys(name)
    for alias in aliases:
        keys |= token_keys(alias)
    return keys


@lru_cache(maxsize=100_000)
def _metaphone(word: str) -> str:
    return str(jellyfish.metaphone(word))


def _phonetic_overlap(query_words: list[str], candidate_words: list[str]) -> float:
    """Share of query words that sound like some candidate word (0..1)."""
    if not query_words:
        return 0.0
    cand_codes = {_metaphone(w) for w in candidate_words if w.isalpha()}
    hits = sum(1 for w in query_words if w.isalpha() and _metaphone(w) in cand_codes)
    return hits / len(query_words)


def similarity(query: str, candidate: str) -> float:
    """0..100: how likely `candidate` names the same person/organization as `query`.

    Blends spelling (rapidfuzz token ratios, so word order and extra middle names matter little)
    with sound (metaphone), so "Jon Smyth" scores high against "John Smith".
    """
    q, c = normalize_name(query), normalize_name(candidate)
    if not q or not c:
        return 0.0
    if q == c:
        return 100.0
    spelling = max(fuzz.token_sort_ratio(q, c), 0.95 * fuzz.token_set_ratio(q, c))
    sound = 100.0 * _phonetic_overlap(q.split(), c.split())
    return round(0.6 * spelling + 0.4 * sound, 1)


def best_similarity(query: str, names: Iterable[str]) -> tuple[float, str]:
    """The best score of `query` against several names (a name and its aliases)."""
    best = (0.0, "")
    for name in names:
        score = similarity(query, name)
        if score > best[0]:
            best = (score, name)
    return best
