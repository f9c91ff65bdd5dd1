"""Where the upstream credentials live (core.secrets): keyring or nothing, a private file only
when an admin (or a test, explicitly) asks for it; never anywhere else."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, ClassVar

import keyring.backend
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import pytest
from keyring.errors import KeyringError, PasswordDeleteError

from core.errors import StorageError
from core.paths import DataDir
from core.secrets import (
    ENV_VAR,
    FileSecretStore,
    KeyringSecretStore,
    MemorySecretStore,
    NoSecureStore,
    open_secret_store,
)

SECRET = "bmr_s3cr3t-token-value"


class DictKeyring(keyring.backend.KeyringBackend):
    """keyring's own backend interface over a dict: the keyring path without the OS keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.values:
            raise PasswordDeleteError("missing")
        del self.values[(service, username)]


class BrokenKeyring(DictKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError(f"locked while reading {SECRET}")


@pytest.mark.parametrize("store_kind", ["memory", "file", "keyring"])
def test_every_store_keeps_and_forgets_a_secret(store_kind: str, tmp_path: Path) -> None:
    store: Any = {"memory": MemorySecretStore, "file": lambda: FileSecretStore(
        tmp_path / "s.json"), "keyring": lambda: KeyringSecretStore(DictKeyring())}[
        store_kind]()
    assert store.get("a") is None
    store.set("a", SECRET)
    store.set("b", "other")
    assert (store.get("a"), store.get("b")) == (SECRET, "other")
    store.delete("a")
    store.delete("a")  # forgetting twice is fine
    assert (store.get("a"), store.get("b")) == (None, "other")


@pytest.mark.parametrize("backend", [
    keyring.backends.fail.Keyring(), keyring.backends.null.Keyring(),
], ids=["fail", "null"])
def test_an_insecure_keyring_is_refused_with_a_clear_message(backend: Any) -> None:
    with pytest.raises(NoSecureStore) as caught:
        KeyringSecretStore(backend)
    assert "sync.allow_file_secrets" in caught.value.message
    assert "安全性较低" in caught.value.message


class EmptyChainer(keyring.backends.chainer.ChainerBackend):
    backends: ClassVar[list[Any]] = []  # what a machine with no viable keyring ends up with


def test_a_chainer_with_nothing_behind_it_is_refused() -> None:
    with pytest.raises(NoSecureStore):
        KeyringSecretStore(EmptyChainer())


def test_keyring_errors_never_carry_the_secret() -> None:
    store = KeyringSecretStore(BrokenKeyring())
    with pytest.raises(StorageError) as caught:
        store.get("refresh")
    assert SECRET not in str(caught.value) and "钥匙串" in str(caught.value)


def test_the_file_store_is_private_and_replaced_whole(tmp_path: Path) -> None:
    path = tmp_path / "dir" / "secrets.json"
    store = FileSecretStore(path)
    store.set("refresh", SECRET)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(path.parent) == ["secrets.json"]  # no temporary file left behind
    path.chmod(0o644)
    with pytest.raises(StorageError) as caught:
        store.get("refresh")
    assert "chmod 600" in caught.value.message and SECRET not in caught.value.message
    path.chmod(0o600)
    path.write_text("{broken", encoding="utf-8")
    with pytest.raises(StorageError) as caught:
        store.get("refresh")
    assert "已损坏" in caught.value.message


def test_which_store_an_installation_uses(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    data = DataDir(tmp_path / "center")
    explicit = open_secret_store(data, allow_file=False,
                                 environ={ENV_VAR: f"file:{tmp_path / 'x.json'}"})
    assert isinstance(explicit, FileSecretStore) and explicit.path == tmp_path / "x.json"
    allowed = open_secret_store(data, allow_file=True, environ={})
    assert isinstance(allowed, FileSecretStore) and allowed.path.parent == data.root
    monkeypatch.setattr(keyring, "get_keyring", lambda: keyring.backends.fail.Keyring())
    with pytest.raises(NoSecureStore):
        open_secret_store(data, allow_file=False, environ={})
    with pytest.raises(StorageError):
        open_secret_store(data, allow_file=False, environ={ENV_VAR: "memory"})
    monkeypatch.setattr(keyring, "get_keyring", DictKeyring)
    assert isinstance(open_secret_store(data, allow_file=False, environ={}),
                      KeyringSecretStore)
