"""Money on screen is exact (no float on the way), and a failed export names the file or
folder the user chose, never the temporary file beside it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from casedesk.domain.errors import EnvironmentFault
from casedesk.export.interchange import write_text_atomically
from casedesk.ui.format import money


@pytest.fixture
def locale_named() -> Iterator[Callable[[str], None]]:
    before = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(before)


def test_money_is_exact_in_the_locale(locale_named: Callable[[str], None]) -> None:
    locale_named("en_US")
    big = Decimal("12345678901234567.89")  # a float would make it ...568.00
    assert money(big) == "$12,345,678,901,234,567.89"
    assert money(Decimal("1234.5")) == "$1,234.50"
    assert money(Decimal("0.1") + Decimal("0.2")) == "$0.30"
    assert money(Decimal("-2.5"), "EUR") == "(€2.50)"  # the locale's own negative form
    assert money(None) == ""
    locale_named("de_DE")
    assert money(big) == "12.345.678.901.234.567,89\xa0$"
    assert money(Decimal("-0.05"), "GBP") == "-0,05\xa0£"
    locale_named("en_IN")
    assert money(Decimal("1234567.00")) == "$12,34,567.00"  # Indian grouping kept


def test_export_into_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "practice.json"
    with pytest.raises(EnvironmentFault) as caught:
        write_text_atomically(target, "{}\n")
    assert caught.value.message == (f"Cannot write practice.json: folder {target.parent} "
                                    "does not exist.")
    assert ".partial" not in caught.value.message
    assert not (tmp_path / "no").exists()
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(EnvironmentFault, match="is a file, not a folder"):
        write_text_atomically(tmp_path / "a-file" / "practice.json", "{}\n")


def test_a_failed_replace_names_the_target(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def refuse(src: str, dst: object) -> None:
        raise PermissionError(13, "Permission denied", src, None, str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    target = tmp_path / "practice.json"
    with pytest.raises(PermissionError) as caught:
        write_text_atomically(target, "{}\n")
    assert caught.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []
