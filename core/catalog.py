"""The center's service catalog: versioned snapshots, the active one, search.

Every import (a file, or a snapshot published by the hub) is stored whole with its
content hash; activating it switches a pointer. Cases keep a copy of their item as it was
when they were filed, so a new version never changes a case already filed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import resources
from core.actor import Actor
from core.audit import record
from core.canonical import canonical_json, sha256_hex
from core.catalog_model import CatalogItem, load_catalog_text, parse_catalog
from core.catalog_search import ItemIndex, ItemMatch
from core.clock import Clock, to_iso
from core.db import Database
from core.db import catalog as store
from core.errors import InvalidInput, NotFound
from core.i18n import _
from core.pinyin import initials
from core.staff import Role, StaffService


@dataclass(frozen=True)
class CatalogVersion:
    id: int
    version: str
    sha256: str
    source: str
    imported_at: str
    active: bool
    item_count: int


@dataclass(frozen=True)
class DefaultGroup:
    prefix: str
    name: str
    categories: tuple[str, ...]


def default_groups() -> tuple[list[DefaultGroup], str]:
    """The groups a new center starts with, and the prefix for unlisted categories."""
    data = json.loads(resources.read_text("catalog", "groups.json"))
    groups = [DefaultGroup(g["prefix"], g["name"], tuple(g["categories"]))
              for g in data["groups"]]
    return groups, str(data["default"])


def category_map() -> tuple[dict[str, str], str]:
    groups, default = default_groups()
    return {c: g.prefix for g in groups for c in g.categories}, default


def demo_catalog_text() -> str:
    """The 20 seed items shipped with Bianmin, used for the demo and first-run setup."""
    return resources.read_text("catalog", "seed-catalog.json")


class CatalogService:
    def __init__(self, db: Database, clock: Clock, staff: StaffService) -> None:
        self._db = db
        self._clock = clock
        self._staff = staff
        self._cache: tuple[int, dict[str, CatalogItem], ItemIndex] | None = None

    # ----------------------------------------------------------------- imports
    def import_text(self, text: str, actor: Actor, *, source: str = "import",
                    version: str | None = None, activate: bool = True) -> CatalogVersion:
        mapping, default = category_map()
        return self.import_items(load_catalog_text(text, mapping, default), actor,
                                 source=source, version=version, activate=activate)

    def import_file(self, path: Path, actor: Actor) -> CatalogVersion:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(_("无法读取目录文件 {path}：{reason}").format(
                path=path, reason=exc)) from None
        return self.import_text(text, actor)

    def import_data(self, data: Any, actor: Actor, *, source: str, version: str) -> CatalogVersion:
        mapping, default = category_map()
        return self.import_items(parse_catalog(data, mapping, default), actor, source=source,
                                 version=version)

    def import_items(self, items: list[CatalogItem], actor: Actor, *, source: str = "import",
                     version: str | None = None, activate: bool = True) -> CatalogVersion:
        if actor.device not in {"sync", "system"}:
            self._staff.require(actor, Role.SUPERVISOR)
        snapshot = [item.to_json() for item in items]
        digest = sha256_hex(snapshot)
        label = version or f"local-{digest[:10]}"
        with self._db.write():
            existing = store.version_by_hash(self._db, digest)
            if existing is None:
                if store.version_by_label(self._db, label) is not None:
                    raise InvalidInput(_("目录版本“{v}”已存在但内容不同，拒绝覆盖").format(v=label))
                version_id = self._store(items, snapshot, digest, label, source)
            else:
                version_id = int(existing["id"])
            if activate:
                store.activate(self._db, version_id)
            record(self._db, self._clock, actor, "catalog.imported", "catalog", label,
                   {"sha256": digest, "items": len(items), "activated": activate})
        self._cache = None
        return self._version(version_id)

    def _store(self, items: list[CatalogItem], snapshot: list[dict[str, Any]], digest: str,
               label: str, source: str) -> int:
        version_id = store.insert_version(self._db, {
            "version": label, "sha256": digest, "source": source,
            "imported_at": to_iso(self._clock.now()), "item_count": len(items),
            "snapshot": canonical_json(snapshot),
        })
        for item, data in zip(items, snapshot, strict=True):
            store.insert_item(self._db, {
                "version_id": version_id, "code": item.code, "name": item.name,
                "initials": initials(item.name), "group_prefix": item.group,
                "data": canonical_json(data),
            })
        return version_id

    # ----------------------------------------------------------------- queries
    def _version(self, version_id: int) -> CatalogVersion:
        row = next(r for r in store.versions(self._db) if int(r["id"]) == version_id)
        return CatalogVersion(int(row["id"]), row["version"], row["sha256"], row["source"],
                              row["imported_at"], bool(row["active"]), int(row["item_count"]))

    def versions(self) -> list[CatalogVersion]:
        return [self._version(int(r["id"])) for r in store.versions(self._db)]

    def active(self) -> CatalogVersion | None:
        row = store.active_version(self._db)
        return None if row is None else self._version(int(row["id"]))

    def _active(self) -> tuple[dict[str, CatalogItem], ItemIndex]:
        row = store.active_version(self._db)
        if row is None:
            return {}, ItemIndex(())
        version_id = int(row["id"])
        if self._cache is None or self._cache[0] != version_id:
            items = {r["code"]: CatalogItem.from_json(json.loads(r["data"]))
                     for r in store.items(self._db, version_id)}
            self._cache = (version_id, items, ItemIndex(items.values()))
        return self._cache[1], self._cache[2]

    def _active_items(self) -> dict[str, CatalogItem]:
        return self._active()[0]

    def items(self) -> list[CatalogItem]:
        return list(self._active_items().values())

    def item(self, code: str) -> CatalogItem:
        found = self._active_items().get(code.strip())
        if found is None:
            if not self._active_items():
                raise NotFound(_("还没有导入服务事项目录：请先运行 bianmin catalog import"))
            raise NotFound(_("目录中没有编码为“{code}”的事项").format(code=code.strip()))
        return found

    def find(self, query: str, group: str | None = None) -> list[ItemMatch]:
        """Items matching ``query`` by name, code, pinyin initials or everyday name (every
        word must match), best first, each with how it matched (:mod:`core.catalog_search`)."""
        return self._active()[1].find(query, group)

    def search(self, query: str, group: str | None = None) -> list[CatalogItem]:
        """The items of :meth:`find`, best first."""
        return [match.item for match in self.find(query, group)]

    def suggestions(self, query: str) -> list[CatalogItem]:
        """Near items for a query that found nothing (shown with "没有找到")."""
        return self._active()[1].suggestions(query)
