"""A name server of the test's own, standing in for :func:`socket.getaddrinfo`:
it answers the names it is given, answer by answer (a name may answer
differently at each lookup, as a rebinding name server does), answers an IP
address written as itself, as the real resolver does, and fails like DNS for
any other name; it keeps every name it was asked."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from typing import Any

import pytest

Answer = tuple[socket.AddressFamily, socket.SocketKind, int, str, tuple[Any, ...]]


class FakeDns:
    """``names`` maps a host name to the addresses it answers at each
    lookup: the first list at the first lookup, and so on, the last one
    repeated after that."""

    def __init__(self, names: dict[str, Sequence[Sequence[str]]] | None = None) -> None:
        self.names: dict[str, Sequence[Sequence[str]]] = dict(names or {})
        self.asked: list[str] = []

    def __call__(
        self,
        host: str | bytes | None,
        port: str | int | None,
        *_args: Any,
        **_kwargs: Any,
    ) -> list[Answer]:
        """The answers for ``host`` (the family, kind and flags asked for
        are not looked at: every answer is a TCP one)."""
        name = host.decode() if isinstance(host, bytes) else str(host)
        try:
            ipaddress.ip_address(name)
        except ValueError:
            pass
        else:
            return [_answer(name, port)]
        self.asked.append(name)
        rounds = self.names.get(name)
        if not rounds:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        addresses = rounds[min(self.asked.count(name), len(rounds)) - 1]
        return [_answer(address, port) for address in addresses]


def _answer(address: str, port: str | int | None) -> Answer:
    number = int(port or 0)
    if ipaddress.ip_address(address).version == 4:
        return (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, number))
    return (socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, number, 0, 0))


def install(monkeypatch: pytest.MonkeyPatch, names: dict[str, Sequence[Sequence[str]]]) -> FakeDns:
    """A :class:`FakeDns` answering ``names``, in place of
    :func:`socket.getaddrinfo` until the test ends."""
    dns = FakeDns(names)
    monkeypatch.setattr(socket, "getaddrinfo", dns)
    return dns
