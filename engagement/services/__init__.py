"""Writes of the engagement app, one module per area: import from the module (``engagement.services.outbox``).

settings      the tenant's engagement settings row (scoring and sending rules)
interactions  record an interaction, move the activity score, react to a tier change, nightly reconcile
outbox        write messages before sending, dispatch them (email, SMS), retries, suppression
templates     message templates and the content library
campaigns     audiences, campaigns and sequences, launch, advance, stop
tracking      opens, clicks, unsubscribes and replies coming back
engine        the tier-driven operations engine and its dry run
"""
