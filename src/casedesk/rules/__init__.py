"""Court deadline arithmetic (FRCP 6) and rule sets: pure functions and package data.

- `calendar`: `HolidayCalendar`, the days that end no period (weekends, legal holidays, a
  court's state holidays and closures); `calendar_for(state, closures)`.
- `state_holidays`: the reviewed state lists (`resources/rules/state_holidays.json`).
- `counting`: `compute(...)` -> `Computation` (due date, raw count, skipped days, steps).
- `rulesets`: rule sets (`resources/rules/*.json`), validation of user rule sets, `apply`.

No database, no Qt: the services and the GUI store and show what these compute.
"""
