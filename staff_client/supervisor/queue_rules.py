"""Service groups (the kiosk's tiles and ticket letters) and the calling rules: strict
priority or a ratio (e.g. 2 regular : 1 priority), and how many recalls before 过号."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from core.settings import MIN_RECALLS, PRIORITY_POLICY, RATIO_PRIORITY, RATIO_REGULAR
from staff_client import look
from staff_client.message_bar import MessageBar
from staff_client.session import Session
from staff_client.supervisor.forms import FormDialog, fill, selected_row, table


class QueueRulesPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.dialog: FormDialog | None = None
        layout = QVBoxLayout(self)
        self.messages = MessageBar()
        layout.addWidget(self.messages)
        layout.addWidget(look.heading(_("叫号规则"), look.BODY_PT + 1))
        layout.addWidget(self._build_policy())
        layout.addWidget(look.heading(_("业务分组（取号机上的按钮）"), look.BODY_PT + 1))
        self.groups = table([_("字头"), _("名称"), _("排序"), _("状态")])
        layout.addWidget(self.groups, 1)
        row = QHBoxLayout()
        add = look.button(_("新增分组…"))
        edit = look.button(_("修改所选分组…"))
        add.clicked.connect(self.add_group)
        edit.clicked.connect(self.edit_group)
        row.addWidget(add)
        row.addWidget(edit)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh()

    def _build_policy(self) -> QWidget:
        box = look.card()
        form = QFormLayout(box)
        self.strict = QRadioButton(_("优先号总是先叫"))
        self.ratio = QRadioButton(_("按比例穿插（兼顾普通号）"))
        choice = QButtonGroup(box)
        choice.addButton(self.strict)
        choice.addButton(self.ratio)
        kinds = QHBoxLayout()
        kinds.addWidget(self.ratio)
        kinds.addWidget(self.strict)
        kinds.addStretch(1)
        self.regular = QSpinBox()
        self.regular.setRange(1, 20)
        self.priority = QSpinBox()
        self.priority.setRange(1, 20)
        ratio_row = QHBoxLayout()
        ratio_row.addWidget(self.regular)
        ratio_row.addWidget(look.muted(_("个普通号，再叫")))
        ratio_row.addWidget(self.priority)
        ratio_row.addWidget(look.muted(_("个优先号")))
        ratio_row.addStretch(1)
        self.recalls = QSpinBox()
        self.recalls.setRange(0, 10)
        recall_row = QHBoxLayout()
        recall_row.addWidget(self.recalls)
        recall_row.addWidget(look.muted(_("次，才能标记过号")))
        recall_row.addStretch(1)
        save = look.button(_("保存叫号规则"), "primary")
        save.clicked.connect(self.save_policy)
        save_row = QHBoxLayout()
        save_row.addWidget(save)
        save_row.addStretch(1)
        form.addRow(_("优先号"), kinds)
        form.addRow(_("比例：每叫"), ratio_row)
        form.addRow(_("过号前至少重呼"), recall_row)
        form.addRow("", save_row)
        return box

    def refresh(self) -> None:
        settings = self._session.center.settings
        (self.strict if settings.get(PRIORITY_POLICY) == "strict" else self.ratio).setChecked(True)
        self.regular.setValue(settings.get(RATIO_REGULAR))
        self.priority.setValue(settings.get(RATIO_PRIORITY))
        self.recalls.setValue(settings.get(MIN_RECALLS))
        fill(self.groups, [(g.prefix, g.name, str(g.sort_order),
                            _("使用中") if g.active else _("已停用"))
                           for g in self._session.center.groups.all(include_inactive=True)])

    def save_policy(self) -> None:
        settings, actor = self._session.center.settings, self._session.actor

        def save() -> bool:
            settings.set(PRIORITY_POLICY.key, "strict" if self.strict.isChecked() else "ratio",
                         actor)
            settings.set(RATIO_REGULAR.key, self.regular.value(), actor)
            settings.set(RATIO_PRIORITY.key, self.priority.value(), actor)
            settings.set(MIN_RECALLS.key, self.recalls.value(), actor)
            return True

        if self.messages.attempt(save):
            self.messages.ok(_("叫号规则已保存，下一次叫号起生效"))

    def add_group(self) -> None:
        center, actor = self._session.center, self._session.actor
        prefix, name = QLineEdit(), QLineEdit()
        prefix.setMaxLength(1)
        self._open(FormDialog(self, _("新增业务分组"), [(_("字头（一个字母）"), prefix),
                                                   (_("名称"), name)],
                              lambda: center.groups.add(actor, prefix.text(), name.text())))

    def edit_group(self) -> None:
        row = selected_row(self.groups)
        if row is None:
            self.messages.warn(_("请先在表里选一个分组"))
            return
        group = self._session.center.groups.all(include_inactive=True)[row]
        center, actor = self._session.center, self._session.actor
        name = QLineEdit(group.name)
        order = QSpinBox()
        order.setRange(0, 99)
        order.setValue(group.sort_order)
        active = QCheckBox(_("在取号机上显示"))
        active.setChecked(group.active)
        self._open(FormDialog(self, _("修改分组 {prefix}").format(prefix=group.prefix), [
            (_("名称"), name), (_("排序"), order), ("", active)],
            lambda: center.groups.update(actor, group.id, name=name.text(),
                                         sort_order=order.value(), active=active.isChecked())))

    def _open(self, dialog: FormDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self.refresh)
        dialog.open()
