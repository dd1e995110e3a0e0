"""The text of a Word (.docx) file, read as a stream so a small file cannot take a big memory.

python-docx builds the whole XML tree of a part in memory: a 1 MB .docx whose document.xml
unpacks to 300 MB took gigabytes. Here each part holding text (the body, the headers and
footers its sections use, footnotes, endnotes) is fed in chunks to an lxml parser whose
target keeps only the text (no tree is built; entities are not expanded). A file whose text
parts say they unpack to more than the total cap is refused before reading (`DocxTooBig`); a
part is read up to the per-part cap and the characters kept are capped: past either, reading
stops and what was read is kept.
`text_extract` passes the caps and turns these errors into its own.
"""

from __future__ import annotations

import contextlib
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

_W = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "http://purl.oclc.org/ooxml/wordprocessingml/main")  # transitional and strict
_REL_NS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "http://purl.oclc.org/ooxml/officeDocument/relationships")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _w(name: str) -> frozenset[str]:
    return frozenset(f"{{{ns}}}{name}" for ns in _W)


_KINDS: dict[str, str] = {tag: kind for names, kind in (
    (("p",), "p"), (("r",), "r"), (("t",), "t"), (("tab",), "tab"), (("br", "cr"), "br"),
    (("tr",), "row"), (("tc",), "cell"), (("headerReference", "footerReference"), "reference"))
    for name in names for tag in _w(name)}
_KINDS[_MC_FALLBACK] = "fallback"
_R_ID = tuple(f"{{{ns}}}id" for ns in _REL_NS)


class DocxDamaged(Exception):
    """The file is not a readable .docx; `str(error)` says why."""


class DocxTooBig(Exception):
    """The parts holding text say they unpack to more than the cap (a zip bomb)."""

    def __init__(self, declared: int) -> None:
        super().__init__(declared)
        self.declared = declared


class _Full(Exception):
    """The character budget is spent: stop reading, keep what was read."""


@dataclass
class Caps:
    """How much may be read: characters kept, unpacked bytes per part and in all."""

    chars: int
    part_bytes: int
    total_bytes: int
    bytes_read: int = 0


_CHUNK = 64 * 1024
_TEXT_RELATIONSHIPS = frozenset({"officeDocument", "header", "footer", "footnotes", "endnotes"})
_MAX_RELATIONSHIPS = 1000  # Word makes at most six headers and footers a section


@dataclass
class _Story:
    """The lines of one part, built from its parser events (an lxml parser target: no tree
    is built, so memory does not grow with the part)."""

    budget: int
    lines: list[str] = field(default_factory=list)
    chars: int = 0  # in `lines` and in the open paragraphs
    containers: list[list[str]] = field(default_factory=list)  # open table rows and cells
    paragraphs: list[list[str]] = field(default_factory=list)  # the runs of open paragraphs
    runs: int = 0  # inside a w:r (a w:tab elsewhere is a tab stop, not a tab)
    text: int = 0  # inside a w:t
    fallback: int = 0  # inside mc:Fallback (a copy of content shown another way): skipped
    references: dict[str, str] = field(default_factory=dict)  # header/footer r:id -> kind

    def _put(self, text: str) -> None:
        if self.containers:
            self.containers[-1].append(text)
        elif text.strip():
            self.lines.append(text)
            self.chars += 1

    def _add(self, text: str) -> None:
        if self.paragraphs and not self.fallback:
            self.paragraphs[-1].append(text)
            self.chars += len(text)
            if self.chars > self.budget:
                raise _Full

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        kind = _KINDS.get(tag)
        if kind is None:  # most elements: formatting, drawings, bookmarks...
            return
        if kind == "p":
            self.paragraphs.append([])
        elif kind == "r":
            self.runs += 1
        elif kind == "t":
            self.text += 1
        elif kind == "tab":
            if self.runs:
                self._add("\t")
        elif kind == "br":
            if self.runs:
                self._add("\n")
        elif kind in ("row", "cell"):
            self.containers.append([])
        elif kind == "fallback":
            self.fallback += 1
        elif kind == "reference":
            rid = next((v for key in _R_ID if (v := attrib.get(key))), None)
            if rid and len(self.references) < _MAX_RELATIONSHIPS:
                self.references.setdefault(rid, tag.rpartition("}")[2])

    def data(self, text: str) -> None:
        if self.text:
            self._add(text)

    def end(self, tag: str) -> None:
        kind = _KINDS.get(tag)
        if kind is None:
            return
        if kind == "t":
            self.text -= 1
        elif kind == "r":
            self.runs -= 1
        elif kind == "p":
            if self.paragraphs:
                self._put("".join(self.paragraphs.pop()))
        elif kind == "cell":
            if self.containers:  # its paragraphs on one line
                self._put(" ".join(t for t in self.containers.pop() if t.strip()))
        elif kind == "row":
            if self.containers:  # its cells side by side
                self._put("\t".join(self.containers.pop()))
        elif kind == "fallback":
            self.fallback -= 1

    def close(self) -> None:
        """Reading stopped (end of the part, or a cap): keep what is still open."""
        for cells in self.containers:
            self.lines.extend(t for t in cells if t.strip())
        for runs in self.paragraphs:
            if (text := "".join(runs)).strip():
                self.lines.append(text)
        self.containers.clear()
        self.paragraphs.clear()


class _Relationships:
    """The relationships to parts that hold text, from a .rels part's parser events."""

    def __init__(self) -> None:
        self.found: list[dict[str, str]] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if (tag == _RELS and len(self.found) < _MAX_RELATIONSHIPS
                and (attrib.get("Type") or "").rpartition("/")[2] in _TEXT_RELATIONSHIPS):
            self.found.append(dict(attrib))

    def end(self, tag: str) -> None:
        pass

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def _parse(archive: zipfile.ZipFile, name: str, caps: Caps, target: Any) -> None:
    """Feed a part to `target`, at most `caps.part_bytes` of it (and what the total leaves).

    A part cut at the cap is not closed: what it gave so far is kept."""
    import lxml.etree  # type: ignore[import-untyped, unused-ignore]

    parser = lxml.etree.XMLParser(target=target, resolve_entities=False, no_network=True,
                                  load_dtd=False, huge_tree=False)
    left = min(caps.part_bytes, caps.total_bytes - caps.bytes_read)
    try:
        with archive.open(name) as raw:
            while left > 0 and (chunk := raw.read(min(_CHUNK, left))):
                left -= len(chunk)
                caps.bytes_read += len(chunk)
                parser.feed(chunk)
            if left <= 0 and raw.read(1):
                return  # cut at the cap
        parser.close()
    except lxml.etree.XMLSyntaxError as exc:
        raise DocxDamaged(f"{name}: {exc}") from None


def _story(archive: zipfile.ZipFile, name: str, caps: Caps, budget: int) -> _Story:
    story = _Story(budget=budget)
    with contextlib.suppress(_Full):  # the budget is spent: keep what was read
        _parse(archive, name, caps, story)
    story.close()
    return story


# -- the package: which parts hold the text ----------------------------------------------------
def _relationships(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], source: str,
                   caps: Caps) -> Iterator[tuple[str, str, str]]:
    """(id, kind, target part) of the internal relationships of a part ('' for the package)."""
    folder, base = posixpath.split(source)
    rels = names.get(posixpath.join(folder, "_rels", f"{base}.rels").lower())
    if rels is None:
        return
    found = _Relationships()
    _parse(archive, rels.filename, caps, found)
    for attrib in found.found:
        if attrib.get("TargetMode") == "External":
            continue
        target = attrib.get("Target") or ""
        part = (target.lstrip("/") if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target)))
        yield (attrib.get("Id") or "", (attrib.get("Type") or "").rpartition("/")[2], part)


def _parts(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo],
           caps: Caps) -> tuple[zipfile.ZipInfo, dict[str, tuple[str, zipfile.ZipInfo]]]:
    """The main document part, and the parts with text it relates to by r:id."""
    main = next((part for _id, kind, part in _relationships(archive, names, "", caps)
                 if kind == "officeDocument"), "word/document.xml")
    found = names.get(main.lower())
    if found is None:
        raise DocxDamaged("it has no main document part")
    related = {rid: (kind, info) for rid, kind, part in
               _relationships(archive, names, found.filename, caps)
               if kind in ("header", "footer", "footnotes", "endnotes")
               and (info := names.get(part.lower())) is not None}
    return found, related


def read_docx(data: bytes, caps: Caps) -> list[str]:
    """The lines of a .docx: the headers its sections use, the body (paragraphs and table rows
    in order), the footers, then footnotes and endnotes."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocxDamaged(f"it is not a valid .docx: {exc}") from None
    with archive:
        names = {info.filename.lower(): info for info in archive.infolist()}
        try:
            return _read_package(archive, names, caps)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, ValueError, OSError,
                EOFError, NotImplementedError) as exc:  # bad members, encrypted members
            raise DocxDamaged(f"{type(exc).__name__}: {exc}") from None


def _read_package(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo],
                  caps: Caps) -> list[str]:
    main, related = _parts(archive, names, caps)
    declared = main.file_size + sum(info.file_size for _kind, info in related.values())
    if declared > caps.total_bytes:
        raise DocxTooBig(declared)
    body = _story(archive, main.filename, caps, caps.chars)
    side_budget = caps.chars  # headers, footers and notes share one more budget
    seen: set[str] = set()
    around: dict[str, list[str]] = {"headerReference": [], "footerReference": []}
    for rid, kind in body.references.items():  # in the order the sections name them
        found = related.get(rid)
        if found is None or found[1].filename in seen or side_budget <= 0:
            continue
        seen.add(found[1].filename)
        story = _story(archive, found[1].filename, caps, side_budget)
        side_budget -= story.chars
        around[kind].extend(story.lines)
    notes: list[str] = []
    for kind in ("footnotes", "endnotes"):
        for info in sorted({i.filename for k, i in related.values() if k == kind}):
            if side_budget <= 0:
                break
            story = _story(archive, info, caps, side_budget)
            side_budget -= story.chars
            notes.extend(story.lines)
    return around["headerReference"] + body.lines + around["footerReference"] + notes
