"""TLS of a site: the crawler's lenient client context, and the probe that judges a certificate.

A bad certificate or an old protocol is a finding (`weak_tls`), not a lost site: the crawl
reads such sites through `lenient_context()`, which verifies nothing and still speaks TLS 1.0
(Scrapy's default context factory does not verify certificates either, for the same reason).
The certificate and the protocols are judged once per site by `probe_tls`, with the stdlib
`ssl` module, each handshake bounded by a socket timeout; the caller runs it in a thread.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import warnings
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass

from cryptography import x509

from ceping.scan.address import is_public
from ceping.scan.hostmap import Pins, of_family, pinned

# OpenSSL 3 refuses TLS below 1.2 and SHA-1 signatures above security level 0: the lenient
# context must reach the sites that still use them.
_ALL_CIPHERS = "ALL:@SECLEVEL=0"
OLD_PROTOCOLS = frozenset({"SSLv3", "TLSv1", "TLSv1.1"})
MAX_NAME_CHARS = 300  # a certificate's names are the site's data: bounded like any other text
MAX_NAMES = 10
MAX_ADDRESSES = 3  # of a host name, tried in turn by the probe

# OpenSSL verify codes (include/openssl/x509_vfy.h) and the reason each one stands for.
_VERIFY_REASONS = {
    9: "not_yet_valid",  # X509_V_ERR_CERT_NOT_YET_VALID
    10: "expired",  # X509_V_ERR_CERT_HAS_EXPIRED
    18: "self_signed",  # X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
    # A chain ending in a root the trust store does not hold, or missing its intermediate:
    # from here the two cannot be told apart, so the reason names both.
    2: "untrusted_chain",  # X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
    19: "untrusted_chain",  # X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
    20: "untrusted_chain",  # X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
    21: "untrusted_chain",  # X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE
    62: "wrong_name",  # X509_V_ERR_HOSTNAME_MISMATCH
    64: "wrong_name",  # X509_V_ERR_IP_ADDRESS_MISMATCH
}

TrustStore = Callable[[], ssl.SSLContext]  # a verifying client context, made fresh per probe


def _accept_old_protocols(ctx: ssl.SSLContext) -> None:
    ctx.set_ciphers(_ALL_CIPHERS)
    with warnings.catch_warnings():
        # Deprecated for clients that want a safe channel; we want to see what a server offers.
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx.minimum_version = ssl.TLSVersion.TLSv1


def lenient_context() -> ssl.SSLContext:
    """A client context that verifies nothing and accepts every protocol OpenSSL still has."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    _accept_old_protocols(ctx)
    return ctx


def system_trust() -> ssl.SSLContext:
    """The operating system's trust store, with hostname checking (what a browser would do)."""
    return ssl.create_default_context()


def _old_only_context() -> ssl.SSLContext | None:
    """A lenient context capped below TLS 1.2; None when the local OpenSSL has no such protocol."""
    if not ssl.HAS_TLSv1_1:
        return None
    ctx = lenient_context()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    return ctx


@dataclass(frozen=True)
class Certificate:
    """What a reader of the evidence needs from the site's certificate."""

    subject: str
    issuer: str
    not_before: dt.datetime
    not_after: dt.datetime
    names: tuple[str, ...]  # the DNS names and addresses it is valid for


@dataclass(frozen=True)
class TlsProbe:
    """What the handshakes with a site's https address showed."""

    protocol: str  # as negotiated by the lenient context: "TLSv1.3", "TLSv1", ...
    cipher: str
    certificate: Certificate | None  # None when the server sent none we could read
    verify_code: int  # 0: chain and name check out against the trust store
    old_protocol: str | None  # a protocol below TLS 1.2 the server still accepts


def _text(value: str) -> str:
    return value[:MAX_NAME_CHARS]


def read_certificate(der: bytes) -> Certificate | None:
    """The certificate's names and dates; None for bytes that are not a certificate."""
    try:
        cert = x509.load_der_x509_certificate(der)
        subject, issuer = cert.subject.rfc4514_string(), cert.issuer.rfc4514_string()
        not_before, not_after = cert.not_valid_before_utc, cert.not_valid_after_utc
    except ValueError:
        return None
    try:
        sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = [str(n) for n in sans.get_values_for_type(x509.DNSName)]
        names += [str(n) for n in sans.get_values_for_type(x509.IPAddress)]
    except (x509.ExtensionNotFound, ValueError):
        names = []
    return Certificate(
        _text(subject),
        _text(issuer),
        not_before,
        not_after,
        tuple(_text(n) for n in names[:MAX_NAMES]),
    )


def _handshake(
    address: tuple[str, int], host: str, ctx: ssl.SSLContext, timeout_s: float
) -> tuple[str, str, bytes]:
    """(protocol, cipher, certificate DER) of one handshake; raises OSError or ssl.SSLError."""
    with (
        closing(socket.create_connection(address, timeout=timeout_s)) as raw,
        ctx.wrap_socket(raw, server_hostname=host) as tls,
    ):
        cipher = tls.cipher()
        return tls.version() or "", cipher[0] if cipher else "", tls.getpeercert(True) or b""


def _verify_code(
    address: tuple[str, int], host: str, trust: TrustStore, timeout_s: float
) -> int | None:
    """0 when the trust store accepts the chain and the name; None when the check itself failed."""
    ctx = trust()
    _accept_old_protocols(ctx)  # the protocol is judged on its own, not through this handshake
    try:
        _handshake(address, host, ctx, timeout_s)
    except ssl.SSLCertVerificationError as exc:
        return int(exc.verify_code)
    except OSError:  # ssl.SSLError is one: a reset or timeout says nothing about the chain
        return None
    return 0


def _accepts_old(address: tuple[str, int], host: str, timeout_s: float) -> str | None:
    ctx = _old_only_context()
    if ctx is None:
        return None
    try:
        protocol, _, _ = _handshake(address, host, ctx, timeout_s)
    except OSError:
        return None
    return protocol


def resolve(host: str, port: int, allow_private: bool, pins: Pins = ()) -> list[tuple[str, int]]:
    """The addresses to dial, at most MAX_ADDRESSES; none when the name does not resolve or
    any address leads off the public net (the address guard's rule, scan/address.py)."""
    addresses = pinned(pins, host)
    if addresses is not None:
        found = [(a, port) for a in of_family(addresses)]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return []
        found = list(dict.fromkeys((str(info[4][0]), int(info[4][1])) for info in infos))
    if not (allow_private or all(is_public(ip) for ip, _ in found)):
        return []
    return found[:MAX_ADDRESSES]


def probe_tls(
    host: str, addresses: list[tuple[str, int]], trust: TrustStore, timeout_s: float
) -> TlsProbe | None:
    """Judge a site's https address; None when it speaks no TLS we can read at all.

    Blocking: three handshakes (lenient, verifying, capped below TLS 1.2) after the first
    address that answers (`resolve` gives them)."""
    # The first address that completes a handshake is judged, as a browser would use it: on a
    # machine without IPv6, say, a host's IPv6 address comes first and cannot be reached.
    for address in addresses:
        try:
            protocol, cipher, der = _handshake(address, host, lenient_context(), timeout_s)
        except OSError:
            continue
        break
    else:
        return None
    code = _verify_code(address, host, trust, timeout_s)
    old = None if protocol in OLD_PROTOCOLS else _accepts_old(address, host, timeout_s)
    return TlsProbe(
        protocol,
        cipher,
        read_certificate(der) if der else None,
        -1 if code is None else code,
        old,
    )


def tls_problems(probe: TlsProbe, now: dt.datetime) -> tuple[str, ...]:
    """The reasons (vocabulary keys) a probed site's TLS is weak, in reading order."""
    reasons: list[str] = []
    if probe.protocol in OLD_PROTOCOLS:
        reasons.append("old_protocol")
    elif probe.old_protocol is not None:
        reasons.append("accepts_old_protocol")
    cert = probe.certificate
    # OpenSSL stops at the first fault of a chain: the dates are read from the certificate too,
    # so an expired certificate that is also self-signed shows both.
    if cert is not None and now > cert.not_after:
        reasons.append("expired")
    if cert is not None and now < cert.not_before:
        reasons.append("not_yet_valid")
    if probe.verify_code > 0:
        reasons.append(_VERIFY_REASONS.get(probe.verify_code, "unverified"))
    return tuple(dict.fromkeys(reasons))
