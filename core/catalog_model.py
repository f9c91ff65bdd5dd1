"""The service catalog's data: items (事项) and their materials, parsed and validated.

Two input shapes are accepted: the seed file (a JSON list; materials carry
``required: bool`` and a free-text ``note``) and Bianmin's own format
(``{"format": "bianmin-catalog", "items": [...]}``; materials carry ``requirement`` and
``form``). Either way a malformed file is rejected whole, naming the first problem.
Unknown time limits stay ``None`` and are shown as "待补充", never guessed. An item may
carry ``aliases``, the everyday names people use for it (低保, 残疾证, 新农合), which the
county publishes with the catalog and the item search matches.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from core.errors import InvalidInput
from core.i18n import _
from core.text import clean_text, optional_text


class Requirement(StrEnum):
    REQUIRED = "required"
    OPTIONAL = "optional"
    DEFERRABLE = "deferrable"  # 容缺: may be supplied after acceptance

    @property
    def label(self) -> str:
        return {"required": _("必需"), "optional": _("视情况"),
                "deferrable": _("容缺（可后补）")}[self.value]


class Form(StrEnum):
    ORIGINAL = "original"
    COPY = "copy"
    ORIGINAL_AND_COPY = "original_and_copy"

    @property
    def label(self) -> str:
        return {"original": _("原件"), "copy": _("复印件"),
                "original_and_copy": _("原件及复印件")}[self.value]


@dataclass(frozen=True)
class Material:
    name: str
    requirement: Requirement
    form: Form | None = None
    copies: int | None = None
    obtain_from: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class CatalogItem:
    code: str
    name: str
    category: str
    group: str | None
    decided_at: str | None
    promised_days: int | None
    statutory_days: int | None
    fee: str | None
    legal_basis: str | None
    conditions: tuple[str, ...]
    materials: tuple[Material, ...]
    steps: tuple[str, ...] = ()
    place: str | None = None
    hours: str | None = None
    enquiry_phone: str | None = None
    complaint_phone: str | None = None
    accept_at: tuple[str, ...] = ()
    item_type_code: str | None = None
    source_url: str | None = None
    notes: str | None = None
    aliases: tuple[str, ...] = ()  # everyday names: 低保, 残疾证, 新农合 …

    @property
    def on_the_spot(self) -> bool:
        """即办件: decided at the window the same day."""
        return self.promised_days == 0

    def material(self, name: str) -> Material | None:
        return next((m for m in self.materials if m.name == name), None)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        if not self.aliases:
            # A catalog without everyday names keeps the fingerprint it had before they
            # existed, so re-sending an old version is not a conflict.
            del data["aliases"]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CatalogItem:
        materials = tuple(
            Material(m["name"], Requirement(m["requirement"]),
                     Form(m["form"]) if m.get("form") else None, m.get("copies"),
                     m.get("obtain_from"), m.get("note"))
            for m in data["materials"]
        )
        fields = {k: v for k, v in data.items() if k != "materials"}
        for key in ("conditions", "steps", "accept_at", "aliases"):
            fields[key] = tuple(fields.get(key) or ())
        return cls(materials=materials, **fields)


LEVEL_LABELS = {"village": _("村（社区）"), "township": _("乡镇（街道）"), "county": _("县（区）"),
                "city": _("市"), "province": _("省")}


# ------------------------------------------------------------------ parsing

class _Problem(Exception):
    pass


def parse_catalog(data: Any, group_of_category: dict[str, str] | None = None,
                  default_group: str | None = None) -> list[CatalogItem]:
    """Validate a whole catalog; raise InvalidInput naming the first problem."""
    raw_items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(raw_items, list) or not raw_items:
        raise InvalidInput(_("目录文件应包含一个非空的事项列表"))
    items: list[CatalogItem] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_items, start=1):
        label = _("第{n}项").format(n=index)
        if isinstance(raw, dict) and isinstance(raw.get("code"), str):
            label = _("第{n}项（{code}）").format(n=index, code=raw["code"][:50])
        try:
            item = _item(raw, group_of_category or {}, default_group)
        except (_Problem, InvalidInput) as exc:
            raise InvalidInput(_("目录有误，未导入任何内容：{where}：{problem}").format(
                where=label, problem=exc)) from None
        if item.code in seen:
            raise InvalidInput(_("目录有误，未导入任何内容：{where}：事项编码重复").format(
                where=label))
        seen.add(item.code)
        items.append(item)
    return items


def load_catalog_text(text: str, group_of_category: dict[str, str] | None = None,
                      default_group: str | None = None) -> list[CatalogItem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(_("目录文件不是有效的 JSON（第{line}行第{col}列）").format(
            line=exc.lineno, col=exc.colno)) from None
    return parse_catalog(data, group_of_category, default_group)


def _item(raw: Any, groups: dict[str, str], default_group: str | None) -> CatalogItem:
    if not isinstance(raw, dict):
        raise _Problem(_("应为一个对象"))
    code = _text(raw, "code", _("事项编码"), 50)
    name = _text(raw, "name", _("事项名称"), 200)
    category = _opt(raw, "category", _("类别"), 50) or _("其他")
    materials = raw.get("materials")
    if not isinstance(materials, list):
        raise _Problem(_("缺少材料清单（materials）"))
    parsed = [_material(m, i) for i, m in enumerate(materials, start=1)]
    names = [m.name for m in parsed]
    if len(set(names)) != len(names):
        raise _Problem(_("材料名称重复"))
    group = _opt(raw, "group", _("分组"), 1)
    return CatalogItem(
        code=code, name=name, category=category,
        group=(group.upper() if group else groups.get(category, default_group)),
        decided_at=_opt(raw, "level", _("决定层级"), 20) or _opt(raw, "decided_at",
                                                             _("决定层级"), 20),
        promised_days=_days(raw, "promised_days", _("承诺时限")),
        statutory_days=_days(raw, "statutory_days", _("法定时限")),
        fee=_opt(raw, "fee", _("收费"), 200), legal_basis=_opt(raw, "legal_basis",
                                                              _("设定依据"), 500),
        conditions=_texts(raw, "conditions", _("受理条件")),
        materials=tuple(parsed),
        steps=_texts(raw, "steps", _("办理流程")),
        place=_opt(raw, "place", _("办理地点"), 100), hours=_opt(raw, "hours",
                                                             _("办理时间"), 100),
        enquiry_phone=_opt(raw, "enquiry_phone", _("咨询电话"), 30),
        complaint_phone=_opt(raw, "complaint_phone", _("投诉电话"), 30),
        accept_at=_texts(raw, "accept_at", _("受理地点")),
        item_type_code=_opt(raw, "item_type_code", _("事项类型代码"), 4),
        source_url=_opt(raw, "source_url", _("来源"), 500),
        notes=_opt(raw, "notes", _("备注"), 2000),
        aliases=_aliases(raw.get("aliases")),
    )


MAX_ALIASES = 20
ALIAS_LENGTH = 30


def parse_aliases(value: Any) -> tuple[str, ...]:
    """An item's everyday names (``aliases``): a list of short texts, or absent.

    Raises :class:`InvalidInput` naming the problem (the hub checks a catalog with this
    before publishing it; a center's import checks it again)."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(_("常用叫法应为文字列表，如 [\"低保\", \"吃低保\"]"))
    if len(value) > MAX_ALIASES:
        raise InvalidInput(_("常用叫法最多{n}个").format(n=MAX_ALIASES))
    names: list[str] = []
    for raw in value:
        name = clean_text(raw, field=_("常用叫法"), max_length=ALIAS_LENGTH)
        if name.casefold() in (n.casefold() for n in names):
            raise InvalidInput(_("常用叫法“{name}”重复").format(name=name))
        names.append(name)
    return tuple(names)


def _aliases(value: Any) -> tuple[str, ...]:
    try:
        return parse_aliases(value)
    except InvalidInput as exc:
        raise _Problem(exc.message) from None


def _material(raw: Any, index: int) -> Material:
    if not isinstance(raw, dict):
        raise _Problem(_("第{n}个材料应为一个对象").format(n=index))
    name = _text(raw, "name", _("第{n}个材料的名称").format(n=index), 100)
    note = _opt(raw, "note", _("材料说明"), 300)
    if "requirement" in raw:
        try:
            requirement = Requirement(raw["requirement"])
        except ValueError:
            raise _Problem(_("材料“{m}”的要求只能是 required、optional 或 deferrable").format(
                m=name)) from None
    elif isinstance(raw.get("required"), bool):
        requirement = Requirement.REQUIRED if raw["required"] else Requirement.OPTIONAL
    else:
        raise _Problem(_("材料“{m}”缺少是否必需（required）").format(m=name))
    form = _form(raw.get("form"), note, name)
    copies = raw.get("copies")
    if copies is not None and (isinstance(copies, bool) or not isinstance(copies, int)
                               or copies < 0 or copies > 99):
        raise _Problem(_("材料“{m}”的份数应为0到99的整数").format(m=name))
    return Material(name, requirement, form, copies,
                    _opt(raw, "obtain_from", _("材料出具单位"), 100), note)


def _form(value: Any, note: str | None, name: str) -> Form | None:
    if value is not None:
        try:
            return Form(value)
        except ValueError:
            raise _Problem(_("材料“{m}”的形式只能是 original、copy 或 original_and_copy").format(
                m=name)) from None
    # The seed catalog describes the form in its note ("原件核验，留存复印件").
    text = note or ""
    if "原件" in text and "复印件" in text:
        return Form.ORIGINAL_AND_COPY
    if "复印件" in text:
        return Form.COPY
    if "原件" in text:
        return Form.ORIGINAL
    return None


def _text(raw: dict[str, Any], key: str, field: str, max_length: int) -> str:
    value = raw.get(key)
    if not isinstance(value, str):
        raise _Problem(_("缺少{field}").format(field=field))
    return clean_text(value, field=field, max_length=max_length, allow_newlines=True)


def _opt(raw: dict[str, Any], key: str, field: str, max_length: int) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Problem(_("{field}应为文字").format(field=field))
    return optional_text(value, field=field, max_length=max_length, allow_newlines=True)


def _texts(raw: dict[str, Any], key: str, field: str) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Problem(_("{field}应为文字列表").format(field=field))
    return tuple(clean_text(v, field=field, max_length=500, allow_newlines=True)
                 for v in value if v.strip())


def _days(raw: dict[str, Any], key: str, field: str) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Problem(_("{field}应为工作日天数（整数）或 null").format(field=field))
    if value < 0:
        raise _Problem(_("{field}不能为负数").format(field=field))
    if value > 365:
        raise _Problem(_("{field}超过365个工作日，请核对").format(field=field))
    return value
