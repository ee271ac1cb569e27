"""The Regulation as code (pure Python, no Django): the one place its numbers live.

- `workdays`: the official working-day calendar (State Council notices, 调休, schedule files,
  agency overrides, provisional next year);
- `clock`: the statutory clock of an application, from its events (Art. 30–34);
- `fees`: the information-processing fee (国办函〔2020〕109号);
- `outcomes`: reply kinds (Art. 36–39) and their annual-report rows;
- `remedies`: the remedies of a reply letter (reconsideration first for refusals from 2024);
- `proactive`: the proactive-publication deadline (Art. 26);
- `constants`: the periods, each with its article.

See docs/rules.md for the counting conventions.
"""
