"""Signals the tenancy core sends so domain apps can listen without tenancy importing them (issue 17, item 8).

``audited`` carries an auditable change made by tenancy itself (members, API keys, tenant settings); the privacy
app records it in the audit log. Receivers run synchronously, so the entry is written in the same transaction as
the change.
"""

from django.dispatch import Signal

# Sent with: action (str), actor, target, request (or None), details (dict).
audited = Signal()
