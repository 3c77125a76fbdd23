"""The DuckDB file: its schema (`schema.sql`), atomic writes (`writes`), read-only access (`db`) and
the named SQL questions of `queries/*.sql` (`queries`).

May import `errors`, `reports` and `places`; never `pipeline` or `dashboard`.
"""
