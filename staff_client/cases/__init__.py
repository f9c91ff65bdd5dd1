"""Cases (办件): finding them, their deadlines, one case's full view and later steps."""
