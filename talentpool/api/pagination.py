from rest_framework import pagination


class CursorPagination(pagination.CursorPagination):
    """Stable pages under concurrent inserts. Views set ``ordering``; the default is newest first."""

    ordering = "-id"
    page_size_query_param = "limit"
    max_page_size = 500
