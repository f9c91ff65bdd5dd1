"""Declarative JSON shapes: each checks an incoming value (naming the path of a problem in
Chinese) and describes itself as JSON Schema for the hub's OpenAPI document, so the two
cannot drift apart.

Each schema says exactly what the check takes wherever JSON Schema can say it: text
lengths counted as sent, patterns for the characters refused, dates limited to the years
:data:`FIRST_YEAR`–:data:`LAST_YEAR`. What no schema can say (a case number's check
character, 30 February, a payload hash) is in the description.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field

from core.case_numbers import case_number_problem
from core.errors import InvalidInput
from core.i18n import _
from core.text import clean_text
from sync.protocol.errors import ErrorCode, ProtocolError
from sync.protocol.wire import JsonObject

# Dates and times on the wire fall in these years (local time zones shift a moment by at
# most a day, so no conversion of an accepted value can leave the calendar).
FIRST_YEAR, LAST_YEAR = 2000, 2100
_YEAR = r"(20[0-9]{2}|2100)"
_MONTH_DAY = r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
# RFC 3339 with a UTC offset (what Python's isoformat writes): no space, no basic format.
_TIME = (r"T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?"
         r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))")
_DATE = _YEAR + _MONTH_DAY
_DATE_TIME = _DATE + _TIME
# Characters text may not hold (besides a newline in multi-line text): C0 and C1 controls,
# line and paragraph separators, private use. core.text.clean_text refuses more (unassigned
# code points), which the description says.
_FORBIDDEN = "\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ue000-\\uf8ff"
_FORBIDDEN_MULTILINE = "\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ue000-\\uf8ff"


def text_pattern(multiline: bool) -> str:
    """Some character other than white space, and none of the forbidden ones."""
    bad = _FORBIDDEN_MULTILINE if multiline else _FORBIDDEN
    return f"^[^{bad}]*[^\\s{bad}][^{bad}]*$"


def invalid_unicode(value: object) -> bool:
    """Whether any text in a decoded JSON value (keys included) is not valid Unicode: a lone
    surrogate from a ``\\udc00`` escape, which no UTF-8 encoder, database or hash accepts."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


# ------------------------------------------------------------------ specs


class SpecError(Exception):
    """A spec check failed; the parse functions turn it into a :class:`ProtocolError`."""


def _fail(path: str, problem: str) -> SpecError:
    return SpecError(_("{path}：{problem}").format(path=path, problem=problem))


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Spec(ABC):
    """One JSON shape: checks a value and describes itself as JSON Schema."""

    @abstractmethod
    def check(self, value: object, path: str) -> None:
        """Raise :class:`SpecError` naming ``path`` when ``value`` does not fit."""

    @abstractmethod
    def schema(self) -> JsonObject:
        """The JSON Schema (OpenAPI 3.1 dialect) of this shape."""


@dataclass(frozen=True)
class Text(Spec):
    """Text as sent: 1 to ``max_length`` characters (counted before any stripping), not
    only white space, no control or invisible characters (:func:`core.text.clean_text`)."""

    max_length: int = 200
    multiline: bool = False

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, str):
            raise _fail(path, _("必须是文字"))
        if len(value) > self.max_length:
            raise _fail(path, _("太长：最多{max}个字符，现在{length}个").format(
                max=self.max_length, length=len(value)))
        try:
            clean_text(value, field=path, max_length=self.max_length,
                       allow_newlines=self.multiline)
        except InvalidInput as exc:
            raise SpecError(exc.message) from None
        if not re.fullmatch(text_pattern(self.multiline), value):
            raise _fail(path, _("首尾不能有换行或控制字符"))

    def schema(self) -> JsonObject:
        return {"type": "string", "minLength": 1, "maxLength": self.max_length,
                "pattern": text_pattern(self.multiline)}


@dataclass(frozen=True)
class Pattern(Spec):
    """Text matching a regular expression (codes, hashes, ids)."""

    regex: str
    problem: str
    fmt: str | None = None

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, str) or not re.fullmatch(self.regex, value):
            raise _fail(path, self.problem)

    def schema(self) -> JsonObject:
        out: JsonObject = {"type": "string", "pattern": f"^{self.regex}$"}
        if self.fmt:
            out["format"] = self.fmt
        return out


@dataclass(frozen=True)
class Integer(Spec):
    minimum: int | None = None
    maximum: int | None = None

    def check(self, value: object, path: str) -> None:
        # bool is an int subclass in Python but not an integer on the wire; 1.0 is the
        # same JSON number as 1 (as JSON Schema's "integer" says), 1.5 is not an integer.
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(path, _("必须是整数"))
        if self.minimum is not None and value < self.minimum:
            raise _fail(path, _("不能小于{minimum}").format(minimum=self.minimum))
        if self.maximum is not None and value > self.maximum:
            raise _fail(path, _("不能大于{maximum}").format(maximum=self.maximum))

    def schema(self) -> JsonObject:
        out: JsonObject = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


@dataclass(frozen=True)
class Boolean(Spec):
    def check(self, value: object, path: str) -> None:
        if not isinstance(value, bool):
            raise _fail(path, _("必须是 true 或 false"))

    def schema(self) -> JsonObject:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Choice(Spec):
    values: tuple[str, ...]

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, str) or value not in self.values:
            raise _fail(path, _("取值只能是：{values}").format(values="、".join(self.values)))

    def schema(self) -> JsonObject:
        return {"type": "string", "enum": list(self.values)}


def _in_years(path: str) -> SpecError:
    return _fail(path, _("日期必须在{first}年到{last}年之间").format(
        first=FIRST_YEAR, last=LAST_YEAR))


@dataclass(frozen=True)
class DateTime(Spec):
    """RFC 3339 with a UTC offset, in the years 2000–2100; device times are for display only,
    never ordering."""

    def check(self, value: object, path: str) -> None:
        if isinstance(value, str) and len(value) <= 40 and re.fullmatch(
                "[0-9]{4}" + _MONTH_DAY + _TIME, value):
            try:
                parsed = dt.datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
                    raise _in_years(path)
                return
        raise _fail(path, _("不是带时区的日期时间（例如 2027-01-05T09:30:00+08:00）"))

    def schema(self) -> JsonObject:
        return {"type": "string", "pattern": f"^{_DATE_TIME}$",
                "description": _("RFC 3339，带时区，{first}–{last}年；日期须真实存在").format(
                    first=FIRST_YEAR, last=LAST_YEAR)}


@dataclass(frozen=True)
class Date(Spec):
    def check(self, value: object, path: str) -> None:
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            try:
                parsed = dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
                    raise _in_years(path)
                return
        raise _fail(path, _("不是日期（YYYY-MM-DD）"))

    def schema(self) -> JsonObject:
        return {"type": "string", "pattern": f"^{_DATE}$",
                "description": _("YYYY-MM-DD，{first}–{last}年；日期须真实存在").format(
                    first=FIRST_YEAR, last=LAST_YEAR)}


@dataclass(frozen=True)
class Uuid(Spec):
    """A UUID in canonical form (lower case, hyphens), so one event has one spelling."""

    def check(self, value: object, path: str) -> None:
        if isinstance(value, str):
            try:
                if str(uuid.UUID(value)) == value:
                    return
            except ValueError:
                pass
        raise _fail(path, _("不是规范的 UUID（小写、带连字符）"))

    def schema(self) -> JsonObject:
        return {"type": "string", "format": "uuid",
                "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"}


@dataclass(frozen=True)
class CaseNumberSpec(Spec):
    def check(self, value: object, path: str) -> None:
        if not isinstance(value, str):
            raise _fail(path, _("必须是文字"))
        problem = case_number_problem(value)
        if problem:
            raise _fail(path, problem)

    def schema(self) -> JsonObject:
        return {"type": "string", "pattern": r"^[0-9]{24}[0-9X]$",
                "description": _("12位中心代码+YYYYMMDD+4位序号+ISO 7064 MOD 11-2 校验码")}


@dataclass(frozen=True)
class Nullable(Spec):
    inner: Spec

    def check(self, value: object, path: str) -> None:
        if value is not None:
            self.inner.check(value, path)

    def schema(self) -> JsonObject:
        return {"anyOf": [self.inner.schema(), {"type": "null"}]}


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec
    min_items: int = 0
    max_items: int = 1000

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, list):
            raise _fail(path, _("必须是列表"))
        if len(value) < self.min_items:
            raise _fail(path, _("至少要有{n}项").format(n=self.min_items))
        if len(value) > self.max_items:
            raise _fail(path, _("最多{n}项").format(n=self.max_items))
        for index, element in enumerate(value):
            self.item.check(element, _join(path, index))

    def schema(self) -> JsonObject:
        return {"type": "array", "items": self.item.schema(),
                "minItems": self.min_items, "maxItems": self.max_items}


@dataclass(frozen=True)
class AnyValue(Spec):
    """Any JSON value (content the hub stores but does not interpret)."""

    def check(self, value: object, path: str) -> None:
        return None

    def schema(self) -> JsonObject:
        return {}


@dataclass(frozen=True)
class Later(Spec):
    """An object checked later by its own parser (so its errors can name it)."""

    inner: Spec

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise _fail(path, _("必须是对象"))

    def schema(self) -> JsonObject:
        return self.inner.schema()


@dataclass(frozen=True)
class Obj(Spec):
    """An object whose ``fields`` are all required; ``optional`` ones may be absent."""

    fields: Mapping[str, Spec] = field(default_factory=dict)
    optional: Mapping[str, Spec] = field(default_factory=dict)
    doc: str | None = None

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise _fail(path or _("内容"), _("必须是对象"))
        for key, spec in self.fields.items():
            if key not in value:
                raise _fail(_join(path, key), _("缺少必填字段"))
            spec.check(value[key], _join(path, key))
        for key, spec in self.optional.items():
            if key in value:
                spec.check(value[key], _join(path, key))

    def schema(self) -> JsonObject:
        props = {key: spec.schema() for key, spec in {**self.fields, **self.optional}.items()}
        out: JsonObject = {"type": "object", "required": list(self.fields), "properties": props}
        if self.doc:
            out["description"] = self.doc
        return out


@dataclass(frozen=True)
class Ref(Spec):
    """A shape named in the OpenAPI components: checked as ``inner``, described as a $ref."""

    name: str
    inner: Spec

    def check(self, value: object, path: str) -> None:
        self.inner.check(value, path)

    def schema(self) -> JsonObject:
        return {"$ref": f"#/components/schemas/{self.name}"}


@dataclass(frozen=True)
class Tagged(Spec):
    """An object whose ``tag`` key picks the shape of its ``body`` key: the common
    ``envelope`` plus, per tag value, the named shape of the body (a oneOf with a
    discriminator in the document; each variant is a component ``<name>_<tag>``)."""

    name: str
    tag: str
    body: str
    envelope: Obj
    bodies: Mapping[str, Ref]

    def check(self, value: object, path: str) -> None:
        self.envelope.check(value, path)
        assert isinstance(value, dict)
        self.bodies[value[self.tag]].check(value[self.body], _join(path, self.body))

    def variant(self, tag: str) -> Obj:
        """The envelope with ``tag`` fixed and the body linked to its shape."""
        fields = {**self.envelope.fields, self.tag: Choice((tag,)), self.body: self.bodies[tag]}
        return Obj(fields, self.envelope.optional, self.envelope.doc)

    def variants(self) -> dict[str, Spec]:
        return {f"{self.name}_{tag}": self.variant(tag) for tag in self.bodies}

    def schema(self) -> JsonObject:
        refs = {tag: f"#/components/schemas/{self.name}_{tag}" for tag in self.bodies}
        return {"oneOf": [{"$ref": target} for target in refs.values()],
                "discriminator": {"propertyName": self.tag, "mapping": refs}}


def checked(spec: Spec, obj: object, code: ErrorCode, path: str = "") -> JsonObject:
    if invalid_unicode(obj):
        raise ProtocolError(code, _("内容含有无效的 Unicode 字符（单独的代理项）"))
    try:
        spec.check(obj, path)
    except SpecError as exc:
        raise ProtocolError(code, str(exc)) from None
    assert isinstance(obj, dict)  # every top-level spec is an Obj
    return obj
