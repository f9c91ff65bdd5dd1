"""The applicant and the on-behalf (代办) agent, with live checks as the clerk types.

The ID number is checked on every keystroke (GB 11643 check digit, 15-digit legacy numbers,
or an organisation's unified social credit code): the line turns green and shows the birth
date, sex and age it encodes, or red with what is wrong, so a typo is caught before the
resident leaves.

Signals:
    edited: any field changed (the draft keeper saves).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QWidget,
)

from core.cases import Agent, Applicant
from core.errors import InvalidInput, UserFacingError
from core.i18n import _
from core.identity import check_credit_code, check_id_number, parse_mobile
from staff_client import look

SELF, STAFF, OTHER = "self", "staff", "other"
AGENT_MODES = ((STAFF, _("窗口人员代办（我）")), (OTHER, _("亲属或他人代办")),
               (SELF, _("本人申请")))
RELATIONS = (_("村代办员"), _("子女"), _("配偶"), _("父母"), _("其他亲属"),
             _("村（社区）干部"), _("邻居"))


def describe_id(text: str, today: dt.date) -> tuple[str, str]:
    """(state, words) for a typed ID number: state is "", "good" or "bad"."""
    compact = "".join(text.split()).upper()
    if not compact:
        return "", _("18位身份证号码；单位填统一社会信用代码")
    if len(compact) < 15 or 15 < len(compact) < 18:
        return "", _("已输入{n}位，身份证号码共18位").format(n=len(compact))
    check = check_id_number(compact, today)
    if check.valid and check.birth_date and check.sex:
        born = check.birth_date
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        words = _("✔ {y}年{m}月{d}日出生 · {sex} · {age}岁").format(
            y=born.year, m=born.month, d=born.day, sex=check.sex.label, age=age)
        if check.legacy:
            words += _("（15位旧证号）")
        return "good", words
    if len(compact) == 18 and check_credit_code(compact).valid:
        return "good", _("✔ 统一社会信用代码（单位申请）")
    return "bad", "✘ " + (check.reason or _("号码不正确"))


class ApplicantForm(QGroupBox):
    edited = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(_("② 申请人"), parent)
        self._today = today
        form = QFormLayout(self)
        form.setVerticalSpacing(4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setContentsMargins(6, 4, 6, 4)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("姓名或单位名称"))
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(24)
        self.id_status = look.muted()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(_("11位手机号，可不填"))
        self.phone_status = look.label(wrap=True)
        self.phone_status.setStyleSheet("color: #b00020;")
        self.phone_status.hide()
        self.address = QLineEdit()
        self.agent_mode = QComboBox()
        for key, label in AGENT_MODES:
            self.agent_mode.addItem(label, key)
        self.agent_name = QLineEdit()
        self.agent_name.setPlaceholderText(_("代办人姓名"))
        self.relation = QComboBox()
        self.relation.setEditable(True)
        self.relation.addItems(RELATIONS)
        form.addRow(_("姓名"), self.name)
        form.addRow(_("证件号码"), self.id_number)
        form.addRow(self.id_status)  # the whole width: "✔ 1938年1月17日出生 · 男 · 88岁"
        form.addRow(_("手机"), self.phone)
        form.addRow(self.phone_status)
        form.addRow(_("住址"), self.address)
        form.addRow(_("谁来办"), self.agent_mode)
        form.addRow(_("关系"), self.relation)
        form.addRow(_("代办人"), self.agent_name)
        self._form = form
        for line in (self.name, self.phone, self.address, self.agent_name):
            line.textChanged.connect(self.edited)
        self.relation.currentTextChanged.connect(self.edited)
        self.agent_mode.currentIndexChanged.connect(self._mode_changed)
        # Checked first, announced after: the page reads the verdict of this keystroke, not
        # the one before (a card reader types the number last).
        self.id_number.textChanged.connect(self._id_typed)
        self.phone.editingFinished.connect(self._check_phone)
        self._check_id()
        self._mode_changed()

    # ----------------------------------------------------------------- live checks
    def _id_typed(self) -> None:
        self._check_id()
        self.edited.emit()

    def _check_id(self) -> None:
        state, words = describe_id(self.id_number.text(), self._today)
        self.id_number.setProperty("state", state)
        look.restyle(self.id_number)
        colour = {"good": "#1b5e20", "bad": "#b00020"}.get(state, "#4a4a4a")
        self.id_status.setStyleSheet(f"color: {colour};" + (" font-weight: bold;" if state
                                                            else ""))
        self.id_status.setText(words)

    @property
    def id_ok(self) -> bool:
        return bool(self.id_number.property("state") == "good")

    def _check_phone(self) -> None:
        text = self.phone.text().strip()
        problem = ""
        if text:
            try:
                parse_mobile(text)
            except InvalidInput as exc:
                problem = exc.message
        self.phone_status.setText(problem)
        self.phone_status.setVisible(bool(problem))

    def _mode_changed(self) -> None:
        mode = self.agent_mode.currentData()
        self._form.setRowVisible(self.agent_name, mode == OTHER)
        self.relation.setEnabled(mode != SELF)
        if mode == STAFF and not self.relation.currentText():
            self.relation.setCurrentText(RELATIONS[0])
        self.edited.emit()

    def fields(self) -> list[QWidget]:
        """The inputs in the order a clerk fills them (the page's Tab order)."""
        return [self.name, self.id_number, self.phone, self.address, self.agent_mode,
                self.relation, self.agent_name]

    # ----------------------------------------------------------------- values
    @property
    def complete(self) -> bool:
        return bool(self.name.text().strip()) and self.id_ok

    def applicant(self) -> Applicant:
        if not self.name.text().strip():
            raise InvalidInput(_("请填写申请人姓名"))
        if not self.id_ok:
            raise InvalidInput(_("证件号码不正确：{reason}").format(
                reason=self.id_status.text().lstrip("✘ ")))
        return Applicant(self.name.text(), self.id_number.text(), self.phone.text() or None,
                         self.address.text() or None)

    def agent(self, staff_id: int) -> Agent | None:
        mode = self.agent_mode.currentData()
        if mode == SELF:
            return None
        relation = self.relation.currentText().strip()
        if not relation:
            raise InvalidInput(_("请填写代办关系"))
        if mode == STAFF:
            return Agent(relation, staff_id=staff_id)
        if not self.agent_name.text().strip():
            raise InvalidInput(_("请填写代办人姓名"))
        return Agent(relation, name=self.agent_name.text())

    def data(self) -> dict[str, Any]:
        return {"name": self.name.text(), "id_number": self.id_number.text(),
                "phone": self.phone.text(), "address": self.address.text(),
                "agent_mode": self.agent_mode.currentData(),
                "agent_name": self.agent_name.text(), "relation": self.relation.currentText()}

    def load(self, data: dict[str, Any]) -> None:
        self.blockSignals(True)
        self.name.setText(str(data.get("name", "")))
        self.id_number.setText(str(data.get("id_number", "")))
        self.phone.setText(str(data.get("phone", "")))
        self.address.setText(str(data.get("address", "")))
        index = self.agent_mode.findData(data.get("agent_mode", STAFF))
        self.agent_mode.setCurrentIndex(max(0, index))
        self.agent_name.setText(str(data.get("agent_name", "")))
        self.relation.setCurrentText(str(data.get("relation", RELATIONS[0])))
        self.blockSignals(False)
        self._check_id()
        self._check_phone()

    def clear(self) -> None:
        self.load({})

    def set_locked(self, locked: bool) -> None:
        """A case already filed keeps its applicant; only materials and the decision change."""
        for widget in (self.name, self.id_number, self.phone, self.address, self.agent_mode,
                       self.agent_name, self.relation):
            widget.setEnabled(not locked)
        if not locked:
            self._mode_changed()

    def problem(self) -> str | None:
        try:
            self.applicant()
        except UserFacingError as exc:
            return exc.message
        return None
