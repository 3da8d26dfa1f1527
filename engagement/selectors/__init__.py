"""Read queries about engagement that other apps need."""

from __future__ import annotations


def candidates_in_running_sequences(candidate_ids) -> set[int]:
    """Ids among ``candidate_ids`` that are in a running campaign sequence (merging them is blocked).

    Campaigns and their sequences arrive with the engagement issue; until a tenant can run one, no candidate
    is in one. Replace the body with the query over sequence enrolments when that table exists.
    """
    return set()
