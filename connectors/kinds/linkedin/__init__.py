from .connector import LinkedInConnector as Connector

__all__ = ["Connector"]
