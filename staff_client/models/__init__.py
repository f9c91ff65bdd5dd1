"""Qt item models for the staff client's tables."""
