"""Roles decide what is visible, and a locked account is said plainly at login."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from core.center import Center
from staff_client.login import LoginDialog
from staff_client.supervisor.page import SupervisorPage
from staff_client.supervisor.staff_windows import StaffWindowsPage
from tests.helpers import ADMIN
from tests.staff_client.conftest import OpenWindow
from tests.staff_client.helpers import click, type_into


def tab_titles(window: object) -> list[str]:
    tabs = window.tabs  # type: ignore[attr-defined]
    return [tabs.tabText(i).split()[0] for i in range(tabs.count())]


def test_clerks_never_see_supervisor_pages(qtbot: QtBot, center: Center,
                                           open_window: OpenWindow) -> None:
    clerk = open_window(center, "wang")
    assert tab_titles(clerk) == ["受理", "办件", "同步"]
    assert clerk.supervisor is None
    assert not clerk.findChildren(SupervisorPage)
    assert clerk.sync.login_button.isHidden()

    chief = open_window(center, "zhang")
    assert tab_titles(chief) == ["受理", "办件", "同步", "站长管理"]
    assert isinstance(chief.supervisor, SupervisorPage)
    assert not chief.sync.login_button.isHidden()
    staff_page = chief.supervisor.pages["staff"]
    assert isinstance(staff_page, StaffWindowsPage)
    assert not staff_page.add_button.isEnabled()  # accounts are the administrator's

    center.staff.add(ADMIN, "admin", "管理员", "admin", "admin-pass-1")
    admin = open_window(center, "admin")
    admin_staff = admin.supervisor.pages["staff"]  # type: ignore[union-attr]
    assert admin_staff.add_button.isEnabled()  # type: ignore[attr-defined]


def test_lockout_is_shown_plainly(qtbot: QtBot, center: Center) -> None:
    dialog = LoginDialog(center)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.username, "wang")
    for attempt in range(5):
        type_into(qtbot, dialog.password, f"wrong-{attempt}")
        click(qtbot, dialog.login_button)
        assert dialog.password.text() == ""  # cleared for the next try
    assert "账号已锁定" in dialog.error.text()
    assert "15分钟" in dialog.error.text()
    type_into(qtbot, dialog.password, "wang-pass-1")  # even the right password waits
    click(qtbot, dialog.login_button)
    assert "账号已锁定" in dialog.error.text() and dialog.member is None
    assert dialog.isVisible()


def test_login_picks_the_window_of_the_a_or_b_post(qtbot: QtBot, center: Center) -> None:
    center.windows.assign(ADMIN, 2, center.staff.by_username("li").id, None)
    dialog = LoginDialog(center)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.username, "li")
    dialog.username.editingFinished.emit()
    assert dialog.window_box.currentData() == 2  # A post at window 2 beats B post at 1
