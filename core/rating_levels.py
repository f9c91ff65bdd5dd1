"""The five rating levels (好差评), by name: one vocabulary for the center, the wire and the hub.

Numbers appear only at the boundary, because the standards disagree on direction: GB/T
39046 codes 1 = 非常满意 … 5 = 非常不满意, while platform APIs commonly score 5 = 非常满意.
"""

from __future__ import annotations

from enum import StrEnum

from core.i18n import _


class RatingLevel(StrEnum):
    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    BASIC = "basic"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"

    @property
    def label(self) -> str:
        return {"very_satisfied": _("非常满意"), "satisfied": _("满意"), "basic": _("基本满意"),
                "dissatisfied": _("不满意"), "very_dissatisfied": _("非常不满意")}[self.value]

    @property
    def is_poor(self) -> bool:
        return self in (RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED)

    @property
    def gbt39046_code(self) -> int:
        """GB/T 39046-2020 A.8: 1 = 非常满意 … 5 = 非常不满意."""
        return list(RatingLevel).index(self) + 1

    @property
    def platform_score(self) -> int:
        """The common platform direction: 5 = 非常满意 … 1 = 非常不满意."""
        return 6 - self.gbt39046_code

    @classmethod
    def from_gbt39046(cls, code: int) -> RatingLevel:
        return list(cls)[code - 1]

    @classmethod
    def from_platform_score(cls, score: int) -> RatingLevel:
        return list(cls)[5 - score]
