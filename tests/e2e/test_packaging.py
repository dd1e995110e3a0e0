"""The PyInstaller spec and the packaging inputs, checked without building (see docs/packaging.md).

The spec is executed with stand-ins for PyInstaller's build classes that record what they are
given, so these tests see exactly the data files, hidden imports, excludes, icons and bundle
settings a real `make package` would use. packaging/smoke_test.sh builds and runs the real thing.
"""

from __future__ import annotations

import ast
import configparser
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import casedesk
from casedesk.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "casedesk.spec"
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "src" / "casedesk" / "resources"
ICONS = RESOURCES / "icons"

sys.path.insert(0, str(PACKAGING))
import build_support  # noqa: E402

REQUIRED_ICONS = (
    "briefcase", "calendar", "calendar-days", "file-text", "folder-open", "users", "user",
    "user-plus", "building-2", "plus", "pencil", "trash-2", "search", "filter", "x", "check",
    "circle-check", "circle", "triangle-alert", "circle-alert", "clock", "scale", "gavel",
    "shield-check", "shield-alert", "lock", "lock-open", "archive", "archive-restore",
    "rotate-ccw", "save", "download", "upload", "file-up", "file-down", "settings", "info",
    "circle-help", "list-checks", "sticky-note", "history", "merge", "link", "mail", "phone",
    "map-pin", "refresh-cw", "chevron-left", "chevron-right", "arrow-up-down", "log-out",
    "star", "flag", "book-open", "sun", "moon", "panel-left",
)


class _Recorder:
    """Stands in for one PyInstaller build class: remembers each call's arguments."""

    def __init__(self, calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]], kind: str):
        self._calls, self._kind = calls, kind

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._calls.append((self._kind, args, kwargs))
        return _Built(self._kind, args, kwargs)


# What a Linux analysis collects, in part: two Qt libraries that must stay, three that must go.
ANALYSED_BINARIES = [
    ("PySide6/Qt/lib/libQt6Gui.so.6", "/x/libQt6Gui.so.6", "BINARY"),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", "/x/libqsvg.so", "BINARY"),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", "/x/libQt6Pdf.so.6", "BINARY"),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", "/x/libqpdf.so", "BINARY"),
    ("PySide6/Qt/lib/libQt6Quick.so.6", "/x/libQt6Quick.so.6", "BINARY"),
]


class _Built:
    def __init__(self, kind: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs
        self.pure = self.scripts = self.datas = ()
        self.binaries = list(ANALYSED_BINARIES) if kind == "Analysis" else []


def run_spec(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, os_name: str,
             **env: str) -> dict[str, list[_Built]]:
    """Execute casedesk.spec as PyInstaller would on `os_name`; the build calls it made, by kind."""
    for name in ("CASEDESK_CONSOLE", "CASEDESK_PORTABLE", "CASEDESK_POSTGRES",
                 "CASEDESK_DEBUG", "TARGET_ARCH", "CODESIGN_IDENTITY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("platform.system", lambda: os_name)
    monkeypatch.setattr(sys, "path", list(sys.path))
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    namespace: dict[str, Any] = {
        "__name__": "__main__", "SPECPATH": str(ROOT), "workpath": str(tmp_path / "build"),
        **{kind: _Recorder(calls, kind)
           for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")},
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    built: dict[str, list[_Built]] = {}
    for kind, args, kwargs in calls:
        built.setdefault(kind, []).append(_Built(kind, args, kwargs))
    return built


def test_spec_is_python_that_imports_version_and_id_from_the_package() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and node.module == "casedesk" for alias in node.names}
    assert {"__version__", "APP_ID", "APP_NAME"} <= imported


def test_linux_build_collects_resources_migrations_and_commands(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    built = run_spec(monkeypatch, tmp_path, "Linux")
    (analysis,) = built["Analysis"]
    assert analysis.args[0] == [str(PACKAGING / "casedesk_launcher.py")]
    datas = {(Path(src).relative_to(RESOURCES).as_posix(), dest)
             for src, dest in analysis.kwargs["datas"]}
    # Alembic loads these from the file system at run time: they must be shipped as files.
    assert ("migrations/env.py", "casedesk/resources/migrations") in datas
    assert ("migrations/script.py.mako", "casedesk/resources/migrations") in datas
    revisions = sorted(p.name for p in (RESOURCES / "migrations" / "versions").glob("*.py"))
    assert revisions, "no Alembic revisions found"
    for name in revisions:
        assert (f"migrations/versions/{name}", "casedesk/resources/migrations/versions") in datas
    assert ("icons/LICENSE-lucide.txt", "casedesk/resources/icons") in datas
    assert ("icons/app.png", "casedesk/resources/icons") in datas
    assert ("icons/briefcase.svg", "casedesk/resources/icons") in datas
    assert not [src for src, _ in datas if "__pycache__" in src or src.endswith(".pyc")]

    hidden = set(analysis.kwargs["hiddenimports"])
    assert {module for module, _help in COMMANDS.values()} <= hidden
    assert {"alembic", "alembic.op", "alembic.context", "sqlmodel", "sqlalchemy",
            "casedesk.domain.models"} <= hidden
    # panes built on first visit are imported by name
    assert {"casedesk.ui.panes.calendar_pane", "casedesk.ui.panes.contacts_pane",
            "casedesk.ui.panes.documents_pane"} <= hidden

    excluded = set(analysis.kwargs["excludes"])
    assert {"PySide6.QtWebEngineCore", "PySide6.Qt3DCore", "PySide6.QtMultimedia",
            "PySide6.QtQuick3D", "PySide6.QtCharts", "PySide6.QtDataVisualization",
            "PySide6.QtPdf"} <= excluded
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets",
                "PySide6.QtSvg"} & excluded

    (exe,) = built["EXE"]
    assert exe.kwargs["name"] == casedesk.APP_NAME
    assert exe.kwargs["icon"] is None
    assert exe.kwargs["debug"] is False
    (collect,) = built["COLLECT"]
    assert collect.kwargs["name"] == casedesk.APP_NAME
    assert collect.args[0].kind == "EXE" and collect.args[0].kwargs["name"] == casedesk.APP_NAME
    collected = [entry[0] for entry in collect.args[1]]
    assert collected == ["PySide6/Qt/lib/libQt6Gui.so.6",
                         "PySide6/Qt/plugins/imageformats/libqsvg.so"]
    assert "BUNDLE" not in built


def test_windows_build_has_ico_version_info_and_a_console_twin(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    built = run_spec(monkeypatch, tmp_path, "Windows")
    gui, cli = built["EXE"]
    assert gui.kwargs["console"] is False and cli.kwargs["console"] is True
    assert cli.kwargs["name"] == f"{casedesk.APP_NAME}-cli"
    assert gui.kwargs["icon"] == str(ROOT / "resources" / "casedesk.ico")
    version_text = Path(gui.kwargs["version"]).read_text(encoding="utf-8")
    assert f"'ProductVersion', '{casedesk.__version__}'" in version_text
    ast.parse(version_text, mode="eval")
    try:
        from PyInstaller.utils.win32.versioninfo import load_version_info_from_text_file
    except ImportError:  # the `package` extra is not installed: the syntax check above stands
        return
    info = load_version_info_from_text_file(gui.kwargs["version"])
    assert info.ffi.fileVersionMS >> 16 == build_support.numeric_version(casedesk.__version__)[0]


def test_console_variant_builds_one_console_executable(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    built = run_spec(monkeypatch, tmp_path, "Windows", CASEDESK_CONSOLE="1")
    (exe,) = built["EXE"]
    assert exe.kwargs["console"] is True


def test_macos_build_is_a_bundle_with_the_app_id(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    built = run_spec(monkeypatch, tmp_path, "Darwin", CODESIGN_IDENTITY="Dev ID",
                     TARGET_ARCH="universal2")
    (exe,) = built["EXE"]
    assert exe.kwargs["icon"] == str(ROOT / "resources" / "casedesk.icns")
    assert exe.kwargs["codesign_identity"] == "Dev ID"
    assert exe.kwargs["target_arch"] == "universal2"
    (bundle,) = built["BUNDLE"]
    assert bundle.kwargs["bundle_identifier"] == casedesk.APP_ID
    assert bundle.kwargs["icon"] == str(ROOT / "resources" / "casedesk.icns")
    plist = bundle.kwargs["info_plist"]
    assert plist["CFBundleIdentifier"] == casedesk.APP_ID
    assert plist["CFBundleShortVersionString"] == casedesk.__version__


def test_variants_portable_debug_and_no_postgres(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    built = run_spec(monkeypatch, tmp_path, "Linux", CASEDESK_PORTABLE="1",
                     CASEDESK_DEBUG="1", CASEDESK_POSTGRES="0")
    (analysis,) = built["Analysis"]
    assert analysis.kwargs["runtime_hooks"] == [str(PACKAGING / "rthooks" / "portable.py")]
    assert "psycopg" in analysis.kwargs["excludes"]
    assert "psycopg" not in analysis.kwargs["hiddenimports"]
    assert built["EXE"][0].kwargs["debug"] == ["imports"]
    # The portable data folder would land inside the signed bundle on macOS: not offered there.
    darwin = run_spec(monkeypatch, tmp_path, "Darwin", CASEDESK_PORTABLE="1")
    assert darwin["Analysis"][0].kwargs["runtime_hooks"] == []


def test_postgres_driver_follows_the_environment() -> None:
    assert build_support.Variant.from_env({"CASEDESK_POSTGRES": "1"}).postgres is True
    assert build_support.Variant.from_env({"CASEDESK_POSTGRES": "off"}).postgres is False
    auto = build_support.Variant.from_env({})
    assert auto.postgres is build_support.has_module("psycopg")
    assert auto.console is False and auto.portable is False


def test_resource_datas_skips_bytecode_but_keeps_python_scripts(tmp_path: Path) -> None:
    (tmp_path / "migrations" / "__pycache__").mkdir(parents=True)
    (tmp_path / "migrations" / "__pycache__" / "env.cpython-311.pyc").write_bytes(b"x")
    (tmp_path / "migrations" / "env.py").write_text("import alembic\n", encoding="utf-8")
    (tmp_path / "stray.pyc").write_bytes(b"x")
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "a.svg").write_text("<svg/>", encoding="utf-8")
    datas = build_support.resource_datas(tmp_path)
    assert sorted(datas) == sorted([
        (str(tmp_path / "icons" / "a.svg"), str(Path("casedesk/resources/icons"))),
        (str(tmp_path / "migrations" / "env.py"), str(Path("casedesk/resources/migrations"))),
    ])


def test_migration_imports_are_read_from_the_scripts(tmp_path: Path) -> None:
    (tmp_path / "versions").mkdir()
    (tmp_path / "env.py").write_text(
        "from __future__ import annotations\nimport sqlalchemy as sa\n"
        "from alembic import context\nfrom . import sibling\n", encoding="utf-8")
    (tmp_path / "versions" / "0002_x.py").write_text(
        "def upgrade():\n    import json.decoder\n", encoding="utf-8")
    assert build_support.migration_imports(tmp_path) == ["alembic", "json.decoder", "sqlalchemy"]
    real = build_support.migration_imports()
    assert {"alembic", "sqlalchemy", "sqlmodel", "casedesk.domain.models"} <= set(real)


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("PySide6\\Qt6Svg.dll", True),
    ("PySide6/QtQml.abi3.so", True),  # a Python module: excluded by name, not pruned here
    ("PySide6/Qt/lib/libQt6QmlModels.so.6", False),
    ("PySide6\\Qt6Pdf.dll", False),
    ("PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/plugins/imageformats/qpdf.dll", False),
])
def test_pruned_qt_parts(dest: str, kept: bool) -> None:
    assert build_support.keep_collected(dest) is kept


def test_a_command_registered_without_its_module_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "conflicts.py").write_text("", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"casedesk\.commands\.\w+"):
        build_support.command_modules(tmp_path)
    assert "casedesk.commands.conflicts" in build_support.command_modules()


def test_numeric_version() -> None:
    assert build_support.numeric_version("0.1.0") == (0, 1, 0, 0)
    assert build_support.numeric_version("2.10.3rc1") == (2, 10, 3, 0)
    assert build_support.numeric_version("1.2.3.4.5") == (1, 2, 3, 4)


@pytest.mark.parametrize("preset", [None, "/somewhere/else"])
def test_portable_runtime_hook_defaults_the_data_folder(tmp_path: Path,
                                                        preset: str | None) -> None:
    hook = PACKAGING / "rthooks" / "portable.py"
    code = ("import os, runpy, sys; runpy.run_path(sys.argv[1]); "
            "print(os.environ['CASEDESK_DATA_DIR'])")
    env = {"PATH": "/usr/bin:/bin"}
    if preset is not None:
        env["CASEDESK_DATA_DIR"] = preset
    out = subprocess.run([sys.executable, "-c", code, str(hook)], env=env, check=True,
                         capture_output=True, text=True).stdout.strip()
    expected = preset or str(Path(sys.executable).absolute().parent / "casedesk-data")
    assert out == expected


def test_lucide_icons_are_present_and_recolourable() -> None:
    missing = [name for name in REQUIRED_ICONS if not (ICONS / f"{name}.svg").is_file()]
    assert missing == []
    for path in ICONS.glob("*.svg"):
        root = ET.fromstring(path.read_text(encoding="utf-8"))
        assert root.tag == "{http://www.w3.org/2000/svg}svg", path.name
        assert root.get("viewBox") == "0 0 24 24", path.name
        assert root.get("stroke") == "currentColor", path.name
        assert root.get("fill") == "none", path.name
    licence = (ICONS / "LICENSE-lucide.txt").read_text(encoding="utf-8")
    assert licence.startswith("ISC License") and "Lucide" in licence


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_app_icons_hold_every_size() -> None:
    png = (ROOT / "resources" / "casedesk.png").read_bytes()
    assert _png_size(png) == (256, 256)
    assert (ICONS / "app.png").read_bytes() == png

    ico = (ROOT / "resources" / "casedesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, _h, _c, _r, _p, _bits, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * index:22 + 16 * index])
        side = width or 256
        assert _png_size(ico[offset:offset + length]) == (side, side)
        sizes.append(side)
    assert {16, 24, 32, 48, 256} <= set(sizes)

    icns = (ROOT / "resources" / "casedesk.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    position, types = 8, {}
    while position < len(icns):
        ostype = icns[position:position + 4].decode("ascii")
        length = struct.unpack(">I", icns[position + 4:position + 8])[0]
        types[ostype] = _png_size(icns[position + 8:position + length])[0]
        position += length
    assert types["ic07"] == 128 and types["ic08"] == 256 and types["ic10"] == 1024


def test_desktop_entry() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(ROOT / "resources" / "casedesk.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == casedesk.APP_NAME
    assert entry["Icon"] == casedesk.APP_NAME
    assert "Office" in entry["Categories"].split(";")
