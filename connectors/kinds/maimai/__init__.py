from .connector import MaimaiConnector as Connector

__all__ = ["Connector"]
