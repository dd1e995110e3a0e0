"""Where the practice lives: the data folder and what is inside it (stdlib + platformdirs)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "CASEDESK_DATA_DIR"
DATABASE_URL_ENV = "CASEDESK_DATABASE_URL"
# Where document files are kept when not in <data folder>/documents: a shared folder that every
# desk of a PostgreSQL practice reaches (docs/postgresql.md, "Document files").
DOCUMENTS_DIR_ENV = "CASEDESK_DOCUMENTS_DIR"
DB_FILENAME = "casedesk.db"


def default_data_dir() -> Path:
    """The per-user data folder for casedesk (e.g. ~/.local/share/casedesk on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("casedesk", appauthor=False)


@dataclass(frozen=True, slots=True)
class DataLocation:
    """The data folder and the database URL derived from it (or given explicitly)."""

    data_dir: Path
    database_url: str
    documents_root: Path | None = None  # None: <data_dir>/documents

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file, or None when the practice runs on a server database."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix):
            return Path(self.database_url[len(prefix):])
        return None

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def documents_dir(self) -> Path:
        """The document store: files named by their SHA-256 (persistence/blob_store.py)."""
        return self.documents_root or self.data_dir / "documents"


def resolve(data_dir: str | os.PathLike[str] | None = None,
            database_url: str | None = None,
            documents_dir: str | os.PathLike[str] | None = None) -> DataLocation:
    """`--data-dir` beats CASEDESK_DATA_DIR beats the platform default; same for the URL and
    the documents folder (CASEDESK_DOCUMENTS_DIR)."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or default_data_dir()
    folder = Path(chosen).expanduser().resolve()
    url = database_url or os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{folder / DB_FILENAME}"
    docs = documents_dir or os.environ.get(DOCUMENTS_DIR_ENV)
    return DataLocation(data_dir=folder, database_url=url,
                        documents_root=Path(docs).expanduser().resolve() if docs else None)


def ensure_folders(location: DataLocation) -> None:
    """Create the data folder and its sub-folders (first run)."""
    for folder in (location.data_dir, location.backups_dir, location.documents_dir):
        folder.mkdir(parents=True, exist_ok=True)
