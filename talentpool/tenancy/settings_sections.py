"""Sections other apps add to the tenant's general settings page, so the core names no domain setting.

An app registers a section in its ``AppConfig.ready``; its form takes ``data`` and ``instance`` (the tenant) like
a ModelForm and saves with ``save()``. The page validates every section and saves them together.
"""

from __future__ import annotations

from dataclasses import dataclass

_SECTIONS: dict[str, SettingsSection] = {}


@dataclass(frozen=True)
class SettingsSection:
    key: str  # the form prefix and the section's id
    title: str  # lazy text
    help_text: str  # lazy text, shown under "Good to know"
    form_class: type
    order: int = 100


def register_settings_section(section: SettingsSection) -> None:
    _SECTIONS[section.key] = section


def settings_sections() -> list[SettingsSection]:
    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.key))
