"""Gongkai (公开): government information disclosure work and annual-report auditing."""

__version__ = "0.1.0"
