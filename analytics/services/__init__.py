"""Writes of the analytics app: aggregates (milestones and daily counters), findings, weekly reports."""
