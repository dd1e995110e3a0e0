#!/usr/bin/env bash
# Build the frozen app (make package) and check that it really runs: version, first-run database
# creation through the Alembic migrations shipped in the bundle, the fast path on a second run,
# refusal of a too-new database, and the GUI selftest offscreen.
#
#   packaging/smoke_test.sh            build, then check
#   SKIP_BUILD=1 packaging/smoke_test.sh   check the existing dist/casedesk
#   CASEDESK_SMOKE_PG_URL=postgresql+psycopg://user@127.0.0.1/emptydb packaging/smoke_test.sh
#                                      also migrate that (empty, throwaway) PostgreSQL database
#
# Not part of `make test` (a build takes minutes). Linux and macOS; on Windows run the same
# commands by hand from Git Bash with dist/casedesk/casedesk-cli.exe.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
APP=dist/casedesk/casedesk
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  make package
fi
[ -x "$APP" ] || { echo "smoke: $APP was not built" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "smoke: FAIL: $*" >&2; exit 1; }
step() { echo "smoke: $*"; }

expected_version=$("$PY" -c 'import casedesk; print(casedesk.__version__)')
head=$("$PY" -c 'from casedesk.persistence.migrate import SCHEMA_HEAD; print(SCHEMA_HEAD)')

step "--version"
out=$("$APP" --version)
[ "$out" = "casedesk $expected_version" ] || fail "--version printed '$out'"
echo "  $out"

step "first run creates the database through the bundled Alembic migrations"
# (read-only commands refuse an empty folder, so a command that writes makes the practice)
if ! "$APP" --data-dir "$WORK/practice" demo --cases 5 >"$WORK/out.txt" 2>"$WORK/err.txt"; then
  cat "$WORK/err.txt" >&2
  fail "demo on a new data folder failed"
fi
cat "$WORK/err.txt"
db="$WORK/practice/casedesk.db"
[ -f "$db" ] || fail "no database at $db"
stamped=$("$PY" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select version_num from alembic_version").fetchone()[0])' "$db")
[ "$stamped" = "$head" ] || fail "database stamped '$stamped', expected '$head'"
tables=$("$PY" -c 'import sqlite3, sys
print(len(sqlite3.connect(sys.argv[1]).execute("select name from sqlite_master where type=\"table\"").fetchall()))' "$db")
echo "  schema $stamped, $tables tables"

step "second run (database already current)"
"$APP" --data-dir "$WORK/practice" conflicts "Smith" --json >"$WORK/out.json" \
  || fail "second run failed"
"$PY" -c 'import json, sys; assert json.load(open(sys.argv[1])) == []' "$WORK/out.json" \
  || fail "--json did not print an empty list"

step "a database from a newer casedesk is refused, unchanged"
cp -r "$WORK/practice" "$WORK/newer"
"$PY" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("update alembic_version set version_num = ?", ("9999",)); c.commit()' \
  "$WORK/newer/casedesk.db"
before=$(cksum <"$WORK/newer/casedesk.db")
set +e
"$APP" --data-dir "$WORK/newer" conflicts "Smith" 2>"$WORK/err.txt"
status=$?
set -e
[ "$status" = 2 ] || fail "too-new database: exit $status, expected 2"
grep -q "newer version of casedesk" "$WORK/err.txt" || fail "too-new message: $(cat "$WORK/err.txt")"
[ "$(cksum <"$WORK/newer/casedesk.db")" = "$before" ] || fail "too-new database was modified"
echo "  $(cat "$WORK/err.txt")"

step "documents: store, check, search, and a letter from a shipped template"
printf 'Settlement memo: the carrier will indemnify the warehouse loss.\n' >"$WORK/memo.txt"
case_number=$("$PY" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select number from cases order by number limit 1").fetchone()[0])' "$db")
"$APP" --data-dir "$WORK/practice" add-document "$case_number" "$WORK/memo.txt" --category note \
  >/dev/null || fail "add-document failed"
"$APP" --data-dir "$WORK/practice" check >"$WORK/check.txt" || { cat "$WORK/check.txt" >&2; fail "check found problems"; }
"$APP" --data-dir "$WORK/practice" search "indemnify warehouse" >"$WORK/search.txt" 2>/dev/null \
  || fail "search failed"
grep -q "memo" "$WORK/search.txt" || fail "search did not find the text file: $(cat "$WORK/search.txt")"
"$APP" --data-dir "$WORK/practice" letter "Client status update" --case "$case_number" \
  -o "$WORK/letter.docx" >/dev/null || fail "letter from a shipped template failed"
"$PY" -c 'import docx, sys
text = "\n".join(p.text for p in docx.Document(sys.argv[1]).paragraphs)
assert sys.argv[2] in text and "{{" not in text, text[:400]' "$WORK/letter.docx" "$case_number" \
  || fail "the letter does not name the case"
echo "  stored, checked, found, and wrote a letter for $case_number"

step "budgets: time, an expense, and reports as PDF (bundled font), XLSX and CSV"
staff_name=$("$PY" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select name from staff where hourly_rate_cents is not null order by name limit 1").fetchone()[0])' "$db")
"$APP" --data-dir "$WORK/practice" budget "$case_number" --set "Discovery:fees:1000" \
  --set "Discovery:expenses:200" --reason "Smoke test" >/dev/null 2>&1 || fail "budget failed"
"$APP" --data-dir "$WORK/practice" time "$case_number" --staff "$staff_name" --hours 1.5 \
  --phase Discovery --description "Zoë's deposition — outline" >/dev/null 2>&1 || fail "time failed"
"$APP" --data-dir "$WORK/practice" expense "$case_number" --category "Court fees" --amount 405 \
  --phase Discovery >/dev/null 2>&1 || fail "expense failed"
for format in pdf xlsx csv; do
  "$APP" --data-dir "$WORK/practice" report budget --case "$case_number" --format "$format" \
    -o "$WORK/budget.$format" 2>/dev/null || fail "report budget --format $format failed"
done
"$APP" --data-dir "$WORK/practice" report expenses --format pdf -o "$WORK/expenses.pdf" \
  2>/dev/null || fail "report expenses failed"
"$PY" -c 'import sys, pypdf, openpyxl
text = "".join(p.extract_text() for p in pypdf.PdfReader(sys.argv[1]).pages)
assert sys.argv[3] in text and "Page 1 of" in text, text[:400]
wb = openpyxl.load_workbook(sys.argv[2])
assert wb.sheetnames, "no sheets"' "$WORK/budget.pdf" "$WORK/budget.xlsx" "$case_number" \
  || fail "the reports do not read back"
echo "  budget, time, expense and reports (PDF, XLSX, CSV) for $case_number"

if [ -n "${CASEDESK_SMOKE_PG_URL:-}" ]; then
  step "PostgreSQL through the bundled psycopg driver"
  "$APP" --database-url "$CASEDESK_SMOKE_PG_URL" --data-dir "$WORK/pg" conflicts "Smith" \
    || fail "PostgreSQL run failed"
fi

if "$APP" --help | grep -qE '^ +selftest'; then
  step "GUI selftest (offscreen)"
  if ! QT_QPA_PLATFORM=offscreen "$APP" --data-dir "$WORK/gui" selftest >"$WORK/selftest.txt" 2>&1
  then
    cat "$WORK/selftest.txt" >&2
    fail "selftest failed"
  fi
  tail -n 3 "$WORK/selftest.txt"
else
  step "no selftest command in this build: GUI check skipped"
fi

size=$(du -sh dist/casedesk | cut -f1)
step "passed; dist/casedesk is $size"
