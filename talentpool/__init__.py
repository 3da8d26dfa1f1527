"""Talent Pool: the project package (settings, urls, Celery app) and the core every app leans on."""

from .celery import app as celery_app

__all__ = ("celery_app",)
