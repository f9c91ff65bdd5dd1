"""First-run setup in the staff client: an empty data directory becomes a working center,
driven through the wizard's widgets; the hub account is tested on the spot or skipped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from core.actor import Actor
from core.center import Center, open_center
from staff_client.app import StaffApp
from staff_client.first_run import FirstRunWizard
from tests.hub.hubkit import HubProcess, add_center
from tests.staff_client.helpers import click, type_into

CODE = "330110101007"


def fill_center_and_admin(qtbot: QtBot, wizard: FirstRunWizard, code: str = CODE) -> None:
    type_into(qtbot, wizard.center_page.code, code)
    type_into(qtbot, wizard.center_page.name, "良渚街道新港村便民服务站")
    wizard.next()
    admin = wizard.admin_page
    admin.username.clear()
    type_into(qtbot, admin.username, "zhang")
    type_into(qtbot, admin.name, "张站长")
    type_into(qtbot, admin.password, "zhang-pass-1")
    type_into(qtbot, admin.again, "zhang-pass-1")
    wizard.next()


def start(qtbot: QtBot, data_dir: Path, print_dir: Path) -> tuple[StaffApp, Center]:
    center = open_center(data_dir)
    app = StaffApp(center, print_dir)
    app.start()
    assert app.setup is not None  # closed by app.close_windows() in each test
    return app, center


def test_empty_data_directory_is_set_up_through_the_wizard(qtbot: QtBot, tmp_path: Path,
                                                           print_dir: Path) -> None:
    app, center = start(qtbot, tmp_path / "new", print_dir)
    wizard = app.setup
    assert wizard is not None and app.login is None  # no login before a center exists
    fill_center_and_admin(qtbot, wizard)
    desk = wizard.desk_page
    desk.groups.item(3, 0).setCheckState(Qt.CheckState.Unchecked)  # no 综合受理 here
    desk.windows.setValue(3)
    wizard.next()  # the commit page: 建立本中心
    assert wizard.currentPage() is wizard.printers_holder
    assert center.require_info().code == CODE
    assert [g.prefix for g in center.groups.all()] == ["A", "B", "C"]
    assert [w.number for w in center.windows.all()] == [1, 2, 3]
    assert len(center.catalog.items()) == 20
    assert center.staff.login("zhang", "zhang-pass-1").role.value == "admin"
    wizard.next()
    assert wizard.currentPage() is wizard.hub_page
    wizard.button(QWizard.WizardButton.FinishButton).click()  # skipped: offline is fine
    qtbot.waitUntil(lambda: app.login is not None and app.login.isVisible())
    app.close_windows()
    center.close()


def test_bad_input_is_refused_and_nothing_is_written(qtbot: QtBot, tmp_path: Path,
                                                     print_dir: Path) -> None:
    app, center = start(qtbot, tmp_path / "bad", print_dir)
    wizard = app.setup
    assert wizard is not None
    fill_center_and_admin(qtbot, wizard, code="33011010100")  # 11 digits
    wizard.next()
    assert wizard.currentPage() is wizard.desk_page
    assert "12位" in wizard.desk_page.problem.text()
    assert center.info is None
    app.close_windows()
    center.close()


def test_hub_account_tested_on_the_spot(qtbot: QtBot, tmp_path: Path, print_dir: Path) -> None:
    hub = HubProcess(tmp_path / "hub").start()
    try:
        _code, password = add_center(tmp_path / "hub", CODE)
        app, center = start(qtbot, tmp_path / "center", print_dir)
        center.settings.set("sync.allow_file_secrets", True, Actor.system())
        wizard = app.setup
        assert wizard is not None
        fill_center_and_admin(qtbot, wizard)
        wizard.next()
        wizard.next()
        page = wizard.hub_page
        assert page.account.text() == CODE
        type_into(qtbot, page.hub, hub.base)
        type_into(qtbot, page.password, "wrong-password")
        click(qtbot, page.login)
        qtbot.waitUntil(lambda: page.login.isEnabled() and "密码" in page.result.text(),
                        timeout=15000)
        page.password.clear()
        type_into(qtbot, page.password, password)
        click(qtbot, page.login)
        qtbot.waitUntil(lambda: "登录成功" in page.result.text(), timeout=15000)
        assert center.sync.hub_url() == hub.base
        app.runner.wait()
        app.close_windows()
        center.close()
    finally:
        hub.stop()

