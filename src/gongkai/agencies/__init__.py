"""Agencies (行政机关), their staff and roles, and the append-only audit log every service writes."""
