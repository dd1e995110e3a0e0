"""Render the app icon from resources/casedesk.svg into .png, .ico, .icns and the window icon.

Run from the repository root with the project's virtualenv:

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/make_icons.py

Only PySide6 is needed: Qt renders the SVG at every size, and the .ico and .icns containers are
written here (Qt's own writers store one image only). Every entry is PNG-compressed, as Windows
Vista+ and macOS 10.7+ read them.
"""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "casedesk.svg"
PNG_OUT = ROOT / "resources" / "casedesk.png"
ICO_OUT = ROOT / "resources" / "casedesk.ico"
ICNS_OUT = ROOT / "resources" / "casedesk.icns"
WINDOW_ICON_OUT = ROOT / "src" / "casedesk" / "resources" / "icons" / "app.png"

ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# OSType -> pixel size (the @2x types hold the doubled size of their point size).
ICNS_TYPES = (
    ("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512),
    ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512),
)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG drawn at size x size pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """The image encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG-compressed 32-bit image per size."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG data for every standard icon type."""
    chunks = b"".join(
        ostype.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for ostype, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def main() -> int:
    """Regenerate every derived app icon from the SVG."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"make_icons: {SOURCE} is not a valid SVG", file=sys.stderr)
        return 1
    sizes = set(ICO_SIZES) | {size for _type, size in ICNS_TYPES}
    pngs = {size: png_bytes(render(renderer, size)) for size in sorted(sizes)}
    PNG_OUT.write_bytes(pngs[256])
    ICO_OUT.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    ICNS_OUT.write_bytes(icns_bytes(pngs))
    WINDOW_ICON_OUT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PNG_OUT, WINDOW_ICON_OUT)
    for path in (PNG_OUT, ICO_OUT, ICNS_OUT, WINDOW_ICON_OUT):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
