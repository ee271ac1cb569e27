"""Year-end report production: the annual report's tables computed from the records."""
