"""Letter figures for `make bench`: generating 100 letters through casedesk beside docxtpl
rendering the same template directly, measured in the same run.

casedesk's path per letter: build the context from the database, check the template, fill it in
the sandbox, verify every part of the result, put it in the document store, record the document
and log the correspondence (one unit of work per letter, as the GUI and CLI do). The reference:
`DocxTemplate(...).render(context, autoescape=True)` and `save()` of the same shipped template
with the same context, already built, in a plain Jinja environment.

    .venv/bin/python -m tests.bench.letters_bench [--letters 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

Row = tuple[str, float, str, float]
TEMPLATE = "Client status update"


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def letter_generation(repeat: int = 3, letters: int = 100) -> list[Row]:
    """(casedesk, reference) for `letters` letters: generated and saved, and filled only."""
    from docxtpl import DocxTemplate

    from casedesk.persistence.locations import resolve
    from casedesk.persistence.practice import Practice
    from casedesk.services import letters as service
    from tests.unit.letters_support import TODAY, build_letter_practice

    template = service.shipped_template_bytes(service.shipped_template(TEMPLATE))
    with tempfile.TemporaryDirectory() as folder, \
            Practice(resolve(Path(folder) / "practice")) as practice:
        ids = build_letter_practice(practice)
        store = practice.blobs
        context = practice.read(lambda s: service.build_context(s, case_id=ids["case"],
                                                                today=TODAY))

        def generate() -> None:
            for _ in range(letters):
                practice.write(service.generate_letter, store=store, case_id=ids["case"],
                               template_name_or_bytes=TEMPLATE, today=TODAY)

        def prepare() -> None:
            for _ in range(letters):
                practice.read(lambda s: service.prepare_letter(
                    s, case_id=ids["case"], template=TEMPLATE, today=TODAY))

        def reference() -> None:
            for _ in range(letters):
                document = DocxTemplate(io.BytesIO(template))
                document.render(context, autoescape=True)
                document.save(io.BytesIO())

        reference()  # warm-up: imports, and the first read of the template
        generate_ms = _median_ms(generate, repeat)
        prepare_ms = _median_ms(prepare, repeat)
        reference_ms = _median_ms(reference, repeat)
    ref_name = f"docxtpl renders the same template directly, {letters}x"
    return [(f"generate {letters} letters ({TEMPLATE}: context, check, fill, verify, "
             "store, record, log)", generate_ms, ref_name, reference_ms),
            (f"fill {letters} letters for preview (context, check, fill, verify)", prepare_ms,
             ref_name, reference_ms)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = letter_generation(args.repeat, args.letters)
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure'.ljust(width)}  {'casedesk':>10}  {'reference':>10}  ratio  reference is")
    for name, value, ref_name, ref in rows:
        print(f"{name.ljust(width)}  {value:8.1f} ms  {ref:8.2f} ms  {value / ref:5.1f}x  "
              f"{ref_name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
