"""Qt pieces both front ends need: background tasks, theme and fonts, printing, voice,
the excepthook, and watching the database for changes made by other processes."""
