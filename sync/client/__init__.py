"""The center's side of the upward link: pushes the outbox and pulls the feed through ``core``."""
