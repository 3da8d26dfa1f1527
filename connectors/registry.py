"""The connector kinds, by ``Source.kind``. Adding one: see connectors/README.md."""

from __future__ import annotations

from .kinds.base import Connector
from .kinds.folder import Connector as FolderConnector
from .kinds.json_resume import Connector as JsonResumeConnector
from .kinds.linkedin import Connector as LinkedInConnector
from .kinds.maimai import Connector as MaimaiConnector
from .kinds.rest_feed import Connector as RestFeedConnector
from .models import SourceKind

CONNECTORS: dict[str, type[Connector]] = {
    SourceKind.REST_FEED: RestFeedConnector,
    SourceKind.LINKEDIN: LinkedInConnector,
    SourceKind.MAIMAI: MaimaiConnector,
    SourceKind.JSON_RESUME: JsonResumeConnector,
    SourceKind.FOLDER: FolderConnector,
}


def connector_class(kind: str) -> type[Connector]:
    return CONNECTORS[kind]
