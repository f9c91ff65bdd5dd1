"""Declarative JSON shapes: each checks an incoming value (naming the path of a problem in
Chinese) and describes itself as JSON Schema for the hub's OpenAPI document, so the two
cannot drift apart."""

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
    """Non-empty text without control characters (:func:`core.text.clean_text`)."""

    max_length: int = 200
    multiline: bool = False

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, str):
            raise _fail(path, _("必须是文字"))
        try:
            clean_text(value, field=path, max_length=self.max_length,
                       allow_newlines=self.multiline)
        except InvalidInput as exc:
            raise SpecError(exc.message) from None

    def schema(self) -> JsonObject:
        return {"type": "string", "minLength": 1, "maxLength": self.max_length}


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
        # bool is an int subclass in Python but not an integer on the wire.
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


@dataclass(frozen=True)
class DateTime(Spec):
    """ISO 8601 with a UTC offset; device times are for display only, never ordering."""

    def check(self, value: object, path: str) -> None:
        if isinstance(value, str) and len(value) <= 40:
            try:
                parsed = dt.datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                if parsed.tzinfo is not None:
                    return
        raise _fail(path, _("不是带时区的日期时间（例如 2027-01-05T09:30:00+08:00）"))

    def schema(self) -> JsonObject:
        return {"type": "string", "format": "date-time"}


@dataclass(frozen=True)
class Date(Spec):
    def check(self, value: object, path: str) -> None:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                return
        raise _fail(path, _("不是日期（YYYY-MM-DD）"))

    def schema(self) -> JsonObject:
        return {"type": "string", "format": "date"}


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
        return {"type": "string", "format": "uuid"}


@dataclass(frozen=True)
class CaseNumberSpec(Spec):
    def check(self, value: object, path: str) -> None:
        if not isinstance(value, str):
            raise _fail(path, _("必须是文字"))
        problem = case_number_problem(value)
        if problem:
            raise _fail(path, problem)

    def schema(self) -> JsonObject:
        return {"type": "string", "pattern": r"^\d{24}[0-9X]$",
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


def checked(spec: Spec, obj: object, code: ErrorCode, path: str = "") -> JsonObject:
    try:
        spec.check(obj, path)
    except SpecError as exc:
        raise ProtocolError(code, str(exc)) from None
    assert isinstance(obj, dict)  # every top-level spec is an Obj
    return obj
