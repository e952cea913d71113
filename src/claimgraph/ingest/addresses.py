"""Which addresses a fetch may reach: every host is resolved, and a page is never fetched from this machine or its
networks (private, loopback, link-local, multicast, reserved or unspecified addresses of either family) on behalf
of a feed or a URL list, however the address is written ("127.1", "2130706433", "0x7f000001", a name that
resolves to 127.0.0.1). The check and the connection use the same resolution: the connection goes to the address
that was checked, so a name cannot resolve to a public address for the check and a private one for the connect.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Callable

import httpcore

from ..errors import FetchError

Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """The addresses a host name (or an address in any notation the C library reads) stands for."""
    infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def forbidden(address: str) -> bool:
    """Whether an address belongs to this machine or a network no public page lives in."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and (ip.ipv4_mapped or ip.sixtofour):
        ip = ip.ipv4_mapped or ip.sixtofour
    return not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local \
        or ip.is_private or ip.is_unspecified


def checked_address(document: str, host: str, port: int, resolver: Resolver, allow_private: bool) -> str:
    """The address to connect to for ``host``, or FetchError when it cannot be resolved or any of its addresses
    is forbidden."""
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError(document, f"cannot resolve {host} ({exc})") from exc
    if not addresses:
        raise FetchError(document, f"cannot resolve {host}")
    if not allow_private:
        bad = [a for a in addresses if forbidden(a)]
        if bad:
            raise FetchError(document, f"refusing to fetch a private or loopback address ({host} is {bad[0]})")
    return addresses[0]


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend with every TCP connection going to an address that was resolved and checked
    here (TLS still verifies the host name)."""

    def __init__(self, resolver: Resolver = resolve, allow_private: bool = False) -> None:
        self.resolver = resolver
        self.allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options=None) -> httpcore.NetworkStream:
        try:
            address = checked_address(host, host, port, self.resolver, self.allow_private)
        except FetchError as exc:
            raise httpcore.ConnectError(exc.reason) from exc
        return super().connect_tcp(address, port, timeout, local_address, socket_options)
