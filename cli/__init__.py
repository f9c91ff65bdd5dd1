"""The ``bianmin`` admin command: a Qt-free front end over ``core`` and ``sync``."""
