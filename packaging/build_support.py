"""What casedesk.spec feeds PyInstaller: data files, hidden imports, excludes, variants.

Plain stdlib on purpose: tests/e2e/test_packaging.py imports it to check what a build would
collect without PyInstaller (which only the `package` extra installs) and without building.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SRC_DIR = REPO_ROOT / "src"
RESOURCES_DIR = SRC_DIR / "casedesk" / "resources"
MIGRATIONS_DIR = RESOURCES_DIR / "migrations"
COMMANDS_DIR = SRC_DIR / "casedesk" / "commands"
ICONS = {"Windows": REPO_ROOT / "resources" / "casedesk.ico",
         "Darwin": REPO_ROOT / "resources" / "casedesk.icns"}
RUNTIME_HOOKS_DIR = REPO_ROOT / "packaging" / "rthooks"
HOOKS_DIR = REPO_ROOT / "packaging" / "hooks"

# Files under casedesk/resources that are build litter, never shipped.
_SKIP_DIRS = {"__pycache__"}
_SKIP_SUFFIXES = {".pyc", ".pyo"}

# Qt modules casedesk does not use. The PySide6 hooks only collect what is imported, so this is
# a guard against one of them being dragged in by accident (each costs 5-150 MB).
QT_EXCLUDES: tuple[str, ...] = tuple(f"PySide6.{name}" for name in (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCharts", "QtDataVisualization", "QtDesigner", "QtGraphs",
    "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia",
    "QtMultimediaWidgets", "QtNfc", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtQml",
    "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets",
    "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort",
    "QtSpatialAudio", "QtSql", "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools",
    "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
    "QtWebSockets", "QtWebView",
))
# Development tools and test-only code that must never end up in the app folder.
OTHER_EXCLUDES: tuple[str, ...] = (
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "mypy", "ruff",
    "importlinter", "grimp", "IPython", "PyInstaller", "alembic.testing", "sqlalchemy.testing",
    "tests",
)
# Modules the Alembic scripts need at run time besides what they import themselves: env.py and
# the revisions are loaded from files by Alembic, so PyInstaller never sees them import anything.
MIGRATION_RUNTIME_IMPORTS: tuple[str, ...] = (
    "alembic", "alembic.command", "alembic.config", "alembic.context", "alembic.op",
    "alembic.runtime.migration", "alembic.script", "alembic.ddl.sqlite",
    "alembic.ddl.postgresql", "mako.template", "sqlmodel", "sqlalchemy.dialects.sqlite",
    "casedesk.domain.models",
)
# Qt libraries and plugins that only plugins casedesk never loads pull in: the PDF image-format
# plugin (QtPdf) and the virtual keyboard input method (QtQml, QtQuick, QtVirtualKeyboard). About
# 21 MB on Linux. Matched against each path part: libQt6Pdf.so.6, Qt6Pdf.dll, QtPdf.framework.
_PRUNED_QT_LIBRARY = re.compile(
    r"^(lib)?Qt6?(Pdf|Qml|QmlMeta|QmlModels|QmlWorkerScript|Quick|VirtualKeyboard"
    r"|VirtualKeyboardQml)(\.framework|\.so(\.\d+)*|\.dll|\.dylib)?$")
_PRUNED_QT_PLUGIN = re.compile(r"^(lib)?(qpdf|qtvirtualkeyboardplugin)\.(so|dll|dylib)$")

POSTGRES_IMPORTS: tuple[str, ...] = (
    "psycopg", "psycopg_binary", "sqlalchemy.dialects.postgresql.psycopg",
)


def _flag(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Variant:
    """One build flavour, chosen by environment variables (see docs/packaging.md)."""

    console: bool  # CASEDESK_CONSOLE=1: the main executable gets a console window (Windows)
    portable: bool  # CASEDESK_PORTABLE=1: data folder beside the executable (Windows, Linux)
    postgres: bool  # CASEDESK_POSTGRES=0 leaves the PostgreSQL driver out
    debug: bool  # CASEDESK_DEBUG=1: PyInstaller's import tracing in the bootloader
    target_arch: str | None  # TARGET_ARCH (macOS: x86_64, arm64, universal2)
    codesign_identity: str | None  # CODESIGN_IDENTITY (macOS)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Variant:
        """The variant the environment asks for; defaults give the normal release build."""
        env = os.environ if env is None else env
        postgres_wanted = env.get("CASEDESK_POSTGRES", "auto").strip().lower()
        if postgres_wanted in {"0", "false", "no", "off"}:
            postgres = False
        elif postgres_wanted in {"1", "true", "yes", "on"}:
            postgres = True
        else:
            postgres = has_module("psycopg")
        return cls(
            console=_flag(env, "CASEDESK_CONSOLE"),
            portable=_flag(env, "CASEDESK_PORTABLE"),
            postgres=postgres,
            debug=_flag(env, "CASEDESK_DEBUG"),
            target_arch=env.get("TARGET_ARCH") or None,
            codesign_identity=env.get("CODESIGN_IDENTITY") or None,
        )


def has_module(name: str) -> bool:
    """Whether `name` can be imported in the build environment (without importing it)."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def resource_datas(resources_dir: Path = RESOURCES_DIR) -> list[tuple[str, str]]:
    """(source file, destination folder) for every file of casedesk.resources.

    Includes the Alembic scripts (`env.py`, `versions/*.py`, `script.py.mako`): Alembic reads
    them from the file system at run time, so they must exist as files in the frozen app.
    """
    package_dest = Path("casedesk") / "resources"
    datas: list[tuple[str, str]] = []
    for path in sorted(resources_dir.rglob("*")):
        relative = path.relative_to(resources_dir)
        if not path.is_file() or path.suffix in _SKIP_SUFFIXES:
            continue
        if _SKIP_DIRS.intersection(relative.parts):
            continue
        datas.append((str(path), str(package_dest / relative.parent)))
    return datas


def command_modules(commands_dir: Path = COMMANDS_DIR) -> list[str]:
    """Every module of casedesk.commands (cli.py imports them by name, unseen by PyInstaller)."""
    names = {f"casedesk.commands.{path.stem}" for path in commands_dir.glob("*.py")
             if path.stem != "__init__"}
    from casedesk.cli import COMMANDS  # the registry itself, so a typo there fails the build

    registered = {module for module, _help in COMMANDS.values()}
    missing = sorted(registered - names)
    if missing:  # a frozen app whose parser cannot be built would not even print --version
        raise RuntimeError(f"casedesk.cli.COMMANDS names modules that do not exist in "
                           f"{commands_dir}: {', '.join(missing)}")
    return sorted(names)


def migration_imports(migrations_dir: Path = MIGRATIONS_DIR) -> list[str]:
    """The modules the shipped Alembic scripts import (read with `ast`, not executed)."""
    found: set[str] = set()
    for path in sorted(migrations_dir.rglob("*.py")):
        if _SKIP_DIRS.intersection(path.relative_to(migrations_dir).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
    found.discard("__future__")
    return sorted(found)


def lazy_pane_modules() -> list[str]:
    """The panes the main window builds on first visit (imported by name)."""
    from casedesk.ui.main_window import PANES

    return sorted(spec.module for spec in PANES if spec.module)


def hidden_imports(variant: Variant) -> list[str]:
    """Modules loaded by name or from files at run time, which the analysis cannot see."""
    names = (set(command_modules()) | set(migration_imports()) | set(MIGRATION_RUNTIME_IMPORTS)
             | set(lazy_pane_modules()))
    if has_module("tzdata"):
        names.add("tzdata")  # zoneinfo's database on Windows, where the OS has none
    if variant.postgres:
        names.update(POSTGRES_IMPORTS)
    return sorted(names)


def excludes(variant: Variant) -> list[str]:
    """Modules kept out of the app folder."""
    names = list(QT_EXCLUDES) + list(OTHER_EXCLUDES)
    if not variant.postgres:
        names += ["psycopg", "psycopg_binary", "psycopg_c", "psycopg2"]
    return names


def keep_collected(dest_name: str) -> bool:
    """False for a collected binary or data file that belongs to a pruned Qt library or plugin."""
    parts = re.split(r"[\\/]", dest_name)
    return not any(_PRUNED_QT_LIBRARY.match(part) or _PRUNED_QT_PLUGIN.match(part)
                   for part in parts)


def prune(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """PyInstaller's (dest_name, src_name, typecode) entries without the pruned Qt parts."""
    return [entry for entry in entries if keep_collected(entry[0])]


def runtime_hooks(os_name: str, variant: Variant) -> list[str]:
    """Scripts the frozen app runs before casedesk starts."""
    hooks: list[str] = []
    if variant.portable and os_name != "Darwin":
        hooks.append(str(RUNTIME_HOOKS_DIR / "portable.py"))
    return hooks


def icon_for(os_name: str) -> str | None:
    """The executable/bundle icon for this OS (Linux uses the .desktop entry's icon instead)."""
    path = ICONS.get(os_name)
    return str(path) if path is not None else None


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0); non-numeric parts (e.g. '0.2.0rc1') keep their leading digits."""
    parts: list[int] = []
    for piece in version.split(".")[:4]:
        digits = ""
        for char in piece:
            if not char.isdigit():
                break
            digits += char
        parts.append(int(digits or 0))
    while len(parts) < 4:
        parts.append(0)
    return (parts[0], parts[1], parts[2], parts[3])


def windows_version_info(version: str, app_name: str, display_name: str, org_name: str) -> str:
    """The text of a PyInstaller version file (Windows Explorer's Details tab)."""
    numbers = numeric_version(version)
    strings = {
        "CompanyName": org_name,
        "FileDescription": f"{display_name} case manager",
        "FileVersion": version,
        "InternalName": app_name,
        "LegalCopyright": f"{org_name}",
        "OriginalFilename": f"{app_name}.exe",
        "ProductName": display_name,
        "ProductVersion": version,
    }
    table = ",\n          ".join(f"StringStruct({key!r}, {value!r})"
                                 for key, value in strings.items())
    return (
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers={numbers!r}, prodvers={numbers!r}, mask=0x3f, flags=0x0,\n"
        "                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),\n"
        "  kids=[\n"
        "    StringFileInfo([\n"
        "      StringTable('040904B0', [\n"
        f"          {table}])]),\n"
        "    VarFileInfo([VarStruct('Translation', [1033, 1200])]),\n"
        "  ],\n"
        ")\n"
    )


def mac_info_plist(version: str, app_name: str, display_name: str,
                   app_id: str, env: Mapping[str, str] | None = None) -> dict[str, object]:
    """Info.plist entries for the macOS bundle."""
    env = os.environ if env is None else env
    return {
        "CFBundleName": app_name,
        "CFBundleDisplayName": display_name,
        "CFBundleIdentifier": app_id,
        "CFBundleVersion": ".".join(str(n) for n in numeric_version(version)[:3]),
        "CFBundleShortVersionString": version,
        "LSApplicationCategoryType": "public.app-category.business",
        "LSMinimumSystemVersion": env.get("MACOSX_DEPLOYMENT_TARGET", "11.0"),
        "NSHighResolutionCapable": True,
        "NSPrincipalClass": "NSApplication",
        "NSRequiresAquaSystemAppearance": False,
    }
