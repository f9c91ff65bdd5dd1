"""``bianmin self-test``: prove an installation works end to end, in a throwaway center.

Opens a fresh database, issues and calls a ticket, files and accepts a case against the
shipped catalog, renders and archives the receipt, and verifies the audit chain. Used by
the installer's build (on the frozen program) and by support staff on a center's PC.
"""

from __future__ import annotations

import argparse
import tempfile
from typing import Any

from cli.common import out
from core.actor import Actor
from core.cases import Applicant
from core.catalog import demo_catalog_text
from core.center import open_center
from core.i18n import _


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("self-test", help=_("自检：在临时目录里走一遍取号、受理和打印"))
    p.set_defaults(handler=self_test)


def self_test(args: argparse.Namespace) -> int:
    admin = Actor.cli()
    with tempfile.TemporaryDirectory(prefix="bianmin-selftest-") as tmp, \
            open_center(tmp) as center:
        center.initialize("330110101001", "自检站", "village")
        clerk = Actor(center.staff.add(admin, "selftest", "自检", "clerk", "self-test-1"), "staff")
        center.groups.add(admin, "A", "自检")
        center.windows.save(admin, 1)
        center.catalog.import_text(demo_catalog_text(), admin)
        ticket = center.tickets.issue("A")
        center.tickets.call_next(1, admin)
        case = center.cases.new(clerk, "20-RS-004", Applicant("自检", "11010519491231002X"),
                                ticket_id=ticket.id)
        center.cases.receive_materials(case.id, [m.name for m in case.blocking], clerk)
        center.cases.accept(case.id, clerk)
        receipt = center.documents.receipt(case.id, clerk)
        pdf = center.documents.pdf(receipt.id)
        report = center.verify()
        ok = report.ok and pdf.startswith(b"%PDF") and not receipt.missing_chars
    out(_("自检通过") if ok else _("自检失败"))
    return 0 if ok else 1
