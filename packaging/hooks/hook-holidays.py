"""PyInstaller hook for `holidays`: its country and market modules are imported by name."""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

hiddenimports = collect_submodules("holidays.countries") + collect_submodules("holidays.financial")
datas = collect_data_files("holidays")  # the locale/*.mo translations of holiday names
