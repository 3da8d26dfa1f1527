from .connector import RestFeedConnector as Connector

__all__ = ["Connector"]
