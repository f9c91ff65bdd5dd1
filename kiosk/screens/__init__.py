"""One module per kiosk screen; each renders a journey step and reports the choice."""
