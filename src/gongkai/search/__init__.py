"""Full-text Chinese search over the public catalogue (issue 13), for the portal to build on.

* `analyzer` (pure): normalisation, index tokens (CJK bigrams framed by each run's first and
  last character, rjieba words of the short fields, 文号 tokens), the query parser — hostile
  input welcome, never an error.
* `documents` (pure): `SearchDoc` in, `Filters`, `Results` / `Hit` out (``title_html`` and
  ``snippet_html`` are escaped HTML with ``<mark>``; ``results.note`` says how they are ordered).
* `backends`: ``get_backend().search(q, Filters(agencies=(id,)), page=n)``; SQLite FTS5 or
  PostgreSQL by the connection's vendor, inside the caller's transaction.
* `catalogue`: ``sync(item)`` (called by the catalogue services on every change of an item) and
  ``reindex()`` (``gongkai search reindex [--agency CODE]``).
* `qa`: the service desk's published replies (咨询答复) as a second document kind, kept in step
  by the desk services the same way.

Only public items and published replies are ever in the index, so whatever a search returns may be shown.
"""
