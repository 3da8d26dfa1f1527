from .connector import FolderConnector as Connector

__all__ = ["Connector"]
