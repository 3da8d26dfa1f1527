from .connector import JsonResumeConnector as Connector

__all__ = ["Connector"]
