"""Journeys as data (Electrum-wizard style): Qt-free step maps the front ends render.

:mod:`core.flows.kiosk_journey` is the villager's way through the kiosk.
"""

from core.flows.kiosk_journey import Journey, Option, Prompt, Step

__all__ = ["Journey", "Option", "Prompt", "Step"]
