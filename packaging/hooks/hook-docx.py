"""PyInstaller hook for python-docx (overrides the contrib hook, which collects only the data).

python-docx opens its part templates as `docx/parts/../templates/default-*.xml`; in a frozen
app the `docx/parts` folder must therefore exist on disk, so its modules are also collected as
source files there (`pyz+py`), besides the templates themselves.
"""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("docx")
module_collection_mode = {"docx.parts": "pyz+py"}
