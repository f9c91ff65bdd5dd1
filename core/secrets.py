"""Where the upstream credentials live: the OS keyring, or (only when an admin turns it on)
a private file. Never in the database, settings, logs or exception text.

``BIANMIN_SECRET_STORE=file:<path>`` picks a file store explicitly; it exists for tests
and scripted set-ups, which cannot share an in-memory store across processes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, Protocol

from core.errors import StorageError
from core.i18n import _
from core.paths import DataDir

log = logging.getLogger(__name__)

SERVICE = "bianmin-sync"
ENV_VAR = "BIANMIN_SECRET_STORE"
FILE_NAME = "sync-secrets.json"


class SecretStore(Protocol):
    """A small key → secret map. ``kind`` is a Chinese description for status screens."""

    kind: str

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def delete(self, key: str) -> None: ...


class NoSecureStore(StorageError):
    """No keyring this process can trust, and the file fallback is not turned on."""


def _no_keyring(detail: str) -> NoSecureStore:
    return NoSecureStore(_(
        "本机没有可用的安全凭据存储（系统钥匙串：{detail}）。请安装并解锁系统钥匙串，"
        "或由管理员运行 bianmin settings sync.allow_file_secrets true 改为文件保存"
        "（安全性较低）").format(detail=detail))


class MemorySecretStore:
    """A dict, for tests and for one process that only needs the secret while it runs."""

    kind = _("内存（仅本进程）")

    def __init__(self) -> None:
        self._values: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._values.get(key)

    def set(self, key: str, value: str) -> None:
        with self._lock:
            self._values[key] = value

    def delete(self, key: str) -> None:
        with self._lock:
            self._values.pop(key, None)


def insecure_reason(backend: Any) -> str | None:
    """Why a keyring backend must not hold our secrets, or ``None`` when it is fine."""
    module = type(backend).__module__
    name = type(backend).__name__
    if module.startswith("keyring.backends.fail") or module.startswith("keyring.backends.null"):
        return _("没有找到可用的钥匙串")
    if module.startswith("keyring.backends.chainer"):
        if not getattr(backend, "backends", None):
            return _("没有找到可用的钥匙串")
        return None
    if module.startswith("keyrings.alt") and name in {"PlaintextKeyring", "EncryptedKeyring"}:
        return _("只有明文文件型钥匙串")
    priority = getattr(backend, "priority", 1)
    if isinstance(priority, int | float) and priority <= 0:
        return _("钥匙串不可用")
    return None


class KeyringSecretStore:
    """The OS keyring (Windows Credential Manager, macOS Keychain, Secret Service)."""

    kind = _("系统钥匙串")

    def __init__(self, backend: Any | None = None, service: str = SERVICE) -> None:
        import keyring

        self._backend = backend if backend is not None else keyring.get_keyring()
        self._service = service
        reason = insecure_reason(self._backend)
        if reason is not None:
            raise _no_keyring(reason)

    def _call(self, what: str, fn: Any, *args: str) -> Any:
        from keyring.errors import KeyringError

        try:
            return fn(self._service, *args)
        except KeyringError as exc:
            # The message names the operation and error class only: never the secret.
            log.warning("keyring call failed: %s", type(exc).__name__)
            raise StorageError(_("系统钥匙串{what}失败（{kind}），请确认钥匙串已解锁").format(
                what=what, kind=type(exc).__name__)) from None

    def get(self, key: str) -> str | None:
        value = self._call(_("读取"), self._backend.get_password, key)
        return value if isinstance(value, str) else None

    def set(self, key: str, value: str) -> None:
        self._call(_("保存"), self._backend.set_password, key, value)

    def delete(self, key: str) -> None:
        from keyring.errors import PasswordDeleteError

        def forget(service: str, name: str) -> None:
            with contextlib.suppress(PasswordDeleteError):  # nothing stored: nothing to do
                self._backend.delete_password(service, name)

        self._call(_("删除"), forget, key)


class FileSecretStore:
    """A JSON file readable only by this user (0600), replaced atomically on each change.

    Weaker than a keyring: anyone who can read the user's files (or a backup of them) has
    the secrets. Used only when an admin turns on ``sync.allow_file_secrets`` or names the
    file explicitly with ``BIANMIN_SECRET_STORE=file:<path>``.
    """

    kind = _("本地文件（仅本账户可读，安全性较低）")

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _read(self) -> dict[str, str]:
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise StorageError(_("无法读取凭据文件 {path}：{reason}").format(
                path=self.path, reason=exc.strerror or type(exc).__name__)) from None
        if sys.platform != "win32" and stat.S_IMODE(info.st_mode) & 0o077:
            raise StorageError(_("凭据文件 {path} 允许其他用户读取，已拒绝使用；"
                                 "请运行 chmod 600 后重试").format(path=self.path))
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            raise StorageError(_("凭据文件 {path} 已损坏，请删除后重新登录").format(
                path=self.path)) from None
        secrets = data.get("secrets") if isinstance(data, dict) else None
        if not isinstance(secrets, dict):
            raise StorageError(_("凭据文件 {path} 已损坏，请删除后重新登录").format(
                path=self.path))
        return {str(k): str(v) for k, v in secrets.items()}

    def _write(self, values: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"version": 1, "secrets": values}, ensure_ascii=False)
        fd, temp = tempfile.mkstemp(prefix=".secrets-", dir=self.path.parent)
        try:
            os.chmod(temp, 0o600)  # mkstemp already creates 0600; say so explicitly
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise StorageError(_("无法写入凭据文件 {path}：{reason}").format(
                path=self.path, reason=exc.strerror or type(exc).__name__)) from None

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._read().get(key)

    def set(self, key: str, value: str) -> None:
        with self._lock:
            values = self._read()
            values[key] = value
            self._write(values)

    def delete(self, key: str) -> None:
        with self._lock:
            values = self._read()
            if values.pop(key, None) is not None:
                self._write(values)


def open_secret_store(data_dir: DataDir, *, allow_file: bool,
                      environ: dict[str, str] | None = None) -> SecretStore:
    """The store this installation uses: ``$BIANMIN_SECRET_STORE=file:<path>`` if set,
    else the data directory's file when an admin allowed it, else the OS keyring (which
    refuses, with a clear message, when no secure backend is available)."""
    env = os.environ if environ is None else environ
    chosen = env.get(ENV_VAR, "").strip()
    if chosen.startswith("file:") and len(chosen) > len("file:"):
        return FileSecretStore(Path(chosen[len("file:"):]).expanduser())
    if chosen and chosen != "keyring":
        raise StorageError(_("环境变量 {var} 只能是 file:<路径> 或 keyring").format(var=ENV_VAR))
    if allow_file and chosen != "keyring":
        log.warning("sync secrets are kept in a file (sync.allow_file_secrets is on)")
        return FileSecretStore(data_dir.root / FILE_NAME)
    return KeyringSecretStore()
