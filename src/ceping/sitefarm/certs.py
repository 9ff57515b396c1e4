"""Real certificates for a farm's https:// sites, made when the farm is served (`cryptography`).

A farm certificate authority signs the good certificates; a scanner trusts it through the
`SSL_CERT_FILE` file the farm writes (`ssl.create_default_context()` reads it, as every OpenSSL
program does). The faulty ones are what `weak_tls` must find: expired, self-signed, for another
name, or signed by a second authority nobody trusts. Keys are EC P-256: quick to make.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

# How a site's certificate is made (the truth's weak_tls reason in brackets).
VALID, EXPIRED, SELF_SIGNED, WRONG_NAME, UNTRUSTED = (
    "valid", "expired", "self_signed", "wrong_name", "untrusted",
)  # fmt: skip
CERT_REASONS = {EXPIRED: "expired", SELF_SIGNED: "self_signed", WRONG_NAME: "wrong_name",
                UNTRUSTED: "untrusted_chain"}  # fmt: skip
# Which protocols a site's server speaks (the weak_tls reason of the two old ones).
MODERN, OLD_ONLY, ACCEPTS_OLD = "modern", "old_only", "accepts_old"
PROTOCOL_REASONS = {OLD_ONLY: "old_protocol", ACCEPTS_OLD: "accepts_old_protocol"}
OTHER_NAME = "www.other-site.gov.cn"  # what a wrong-name certificate is for
_DAY = dt.timedelta(days=1)
# An authority signs certificates and revocation lists, nothing else.
_CA_USAGE = x509.KeyUsage(
    digital_signature=False, content_commitment=False, key_encipherment=False,
    data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
    encipher_only=False, decipher_only=False,
)  # fmt: skip


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ceping site farm"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _san(host: str) -> x509.SubjectAlternativeName:
    try:
        return x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host))])
    except ValueError:
        return x509.SubjectAlternativeName([x509.DNSName(host)])


@dataclass(frozen=True)
class _Issuer:
    name: x509.Name
    key: ec.EllipticCurvePrivateKey


def _authority(common: str, now: dt.datetime) -> tuple[_Issuer, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - 30 * _DAY)
        .not_valid_after(now + 3650 * _DAY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_CA_USAGE, critical=True)
        .sign(key, hashes.SHA256())
    )
    return _Issuer(name, key), cert


def _leaf(
    host: str, issuer: _Issuer | None, start: dt.datetime, end: dt.datetime
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A server certificate for `host`; self-signed when `issuer` is None."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(host)
    signer = issuer or _Issuer(subject, key)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(signer.name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(_san(host), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(signer.key, hashes.SHA256())
    )
    return cert, key


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


@dataclass
class FarmCertificates:
    """The farm's authorities, and a server context per (host, certificate, protocols)."""

    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    _dir: tempfile.TemporaryDirectory[str] = field(
        default_factory=lambda: tempfile.TemporaryDirectory(prefix="ceping-farm-tls-")
    )

    _made: int = 0

    def __post_init__(self) -> None:
        self._trusted, trusted_cert = _authority("ceping farm CA", self.now)
        self._other, _ = _authority("untrusted CA", self.now)
        self.ca_file = Path(self._dir.name) / "farm-ca.pem"
        self.ca_file.write_bytes(_pem(trusted_cert))

    def server_context(self, host: str, cert: str, protocols: str = MODERN) -> ssl.SSLContext:
        """A server context for `host` with a certificate of the kind `cert`."""
        start, end = self.now - 30 * _DAY, self.now + 365 * _DAY
        if cert == EXPIRED:
            start, end = self.now - 400 * _DAY, self.now - 5 * _DAY
        issuer = {SELF_SIGNED: None, UNTRUSTED: self._other}.get(cert, self._trusted)
        made, key = _leaf(OTHER_NAME if cert == WRONG_NAME else host, issuer, start, end)
        self._made += 1  # a file pair per context: ssl loads a chain from files only
        folder = Path(self._dir.name)
        cert_path, key_path = folder / f"{self._made}.crt", folder / f"{self._made}.key"
        cert_path.write_bytes(_pem(made))
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert_path, key_path)
        if protocols != MODERN:
            # OpenSSL 3 speaks TLS 1.0/1.1 only at security level 0 (scan/tls.py does the same).
            ctx.set_ciphers("ALL:@SECLEVEL=0")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                ctx.minimum_version = ssl.TLSVersion.TLSv1
                if protocols == OLD_ONLY:
                    ctx.maximum_version = ssl.TLSVersion.TLSv1_1
        return ctx

    def close(self) -> None:
        self._dir.cleanup()
