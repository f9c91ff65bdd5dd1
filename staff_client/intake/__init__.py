"""Intake (受理): filing an application on a resident's behalf, saved as it is typed."""
