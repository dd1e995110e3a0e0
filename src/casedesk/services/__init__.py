"""Use-cases: `fn(session, *, ...) -> Changes | rows`. They never commit (see persistence.uow)."""
