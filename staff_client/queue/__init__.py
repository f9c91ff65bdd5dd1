"""The queue (叫号): the window's current ticket, its actions and the waiting lists."""
