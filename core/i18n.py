"""One door for user-visible text: gettext-style ``_()`` with named placeholders.

Write ``_("请{number}号到{window}号窗口").format(number=n, window=w)``, never ``_(f"...")``,
so a second language is a message catalog, not a rewrite. The source language is
Simplified Chinese; with no catalog installed ``_`` returns its argument.
"""

from __future__ import annotations

import gettext
from pathlib import Path

_translation: gettext.NullTranslations = gettext.NullTranslations()


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def set_language(locale_dir: Path | None, language: str | None) -> None:
    """Switch the process-wide catalog; ``None`` returns to the source language."""
    global _translation
    if locale_dir is None or language is None:
        _translation = gettext.NullTranslations()
        return
    _translation = gettext.translation(
        "bianmin", localedir=str(locale_dir), languages=[language], fallback=True
    )
