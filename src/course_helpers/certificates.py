"""A TLS certificate for this machine's own names (127.0.0.1, localhost), made here with ``openssl``.

A client trusts a server's certificate when a certificate authority (CA) it already trusts has signed
it. On the internet that CA is a public one: Let's Encrypt, for example, signs a certificate for a
domain once the server has shown, over the ACME protocol, that it controls that domain (a client
such as certbot does it, and renews the certificate every few weeks). No public CA vouches for
127.0.0.1, so the course makes a small CA of its own, signs one server certificate with it, and
deletes the CA's private key at once: trusting the CA's certificate (``ca.pem``) then trusts that
one server certificate and can never be made to trust another. ``requests.get(url, verify=ca_file)``
and ``curl --cacert ca.pem`` trust it for one call; nothing is added to the system's trust store.

Nothing here uses the network. The files live in ``var/tls/`` (git-ignored), one folder per set of
host names, and are made again when they are missing or about to expire.
"""

import contextlib
import ipaddress
import os
import secrets
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

from course_helpers.system_programs import install_hint
from penguin_model.data import REPO_ROOT

TLS_FOLDER = REPO_ROOT / "var" / "tls"
LOCAL_HOSTS = ("127.0.0.1", "localhost")  # what a browser on this machine calls it
VALID_DAYS = 365
NO_OPENSSL = f"openssl is not installed: {install_hint('openssl')}."
# The openssl configuration of both certificates. The extensions are those that strict checkers
# (Python 3.13's default VERIFY_X509_STRICT, browsers) require: a CA marked as one and limited to
# signing certificates, and a server certificate for server authentication on the names listed.
OPENSSL_CONFIG = """\
[req]
distinguished_name = subject
prompt = no
[subject]
CN = {common_name}
[course_ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[course_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
subjectAltName = {names}
"""


class Certificate(NamedTuple):
    """The files of a local certificate: what nginx serves (``certificate``, ``key``) and what a
    client trusts (``authority``, the CA's certificate)."""

    certificate: Path
    key: Path
    authority: Path


def openssl_program():
    """The path of the openssl program, or None when it is not installed."""
    return shutil.which("openssl")


def local_certificate(hosts=LOCAL_HOSTS, folder=TLS_FOLDER):
    """The certificate for ``hosts`` (names and IP addresses) in ``folder``, made if missing or expiring."""
    target = Path(folder) / _folder_name(hosts)
    files = Certificate(target / "server.pem", target / "server.key", target / "ca.pem")
    target.parent.mkdir(parents=True, exist_ok=True)
    # One process at a time (tests run in parallel): another must never replace the files this one
    # has just handed to nginx and to its clients.
    with _locked(target.parent / ".lock"):
        if not _valid_for_a_day(files.certificate):
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            _make(target, hosts)
    return files


@contextlib.contextmanager
def _locked(path):
    import fcntl  # posix only: certificates serve nginx, which scale_out.why_unavailable refuses on Windows

    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _folder_name(hosts):
    return "+".join(sorted(hosts)).replace(":", "_")


def _valid_for_a_day(certificate):
    if not certificate.exists():
        return False
    command = [openssl_program(), "x509", "-checkend", "86400", "-noout", "-in", str(certificate)]
    check = subprocess.run(command, capture_output=True, timeout=30)
    return check.returncode == 0


def _make(folder, hosts):
    """A CA and a server certificate signed by it in ``folder``; the CA's key is deleted."""
    config = folder / "openssl.cnf"
    names = ", ".join(f"{'IP' if _is_address(host) else 'DNS'}:{host.strip('[]')}" for host in hosts)
    # A random part in the CA's name: each CA made here is told apart from the others.
    authority_name = f"Penguin course local CA {secrets.token_hex(4)}"
    config.write_text(OPENSSL_CONFIG.format(common_name=authority_name, names=names), encoding="utf-8")
    _openssl(folder, "req", "-x509", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
             "-out", "ca.pem", "-days", str(VALID_DAYS), "-config", "openssl.cnf", "-extensions", "course_ca")
    config.write_text(OPENSSL_CONFIG.format(common_name=hosts[0], names=names), encoding="utf-8")
    _openssl(folder, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
             "-out", "server.csr", "-config", "openssl.cnf")
    _openssl(folder, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-set_serial", f"0x{secrets.token_hex(16)}", "-days", str(VALID_DAYS), "-out", "server.pem",
             "-extfile", "openssl.cnf", "-extensions", "course_server")
    for used in ("ca.key", "server.csr", "openssl.cnf"):
        (folder / used).unlink()
    os.chmod(folder / "server.key", 0o600)  # only its owner (and nginx, started by the same user) reads it


def _is_address(host):
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _openssl(folder, *arguments):
    done = subprocess.run([openssl_program(), *arguments], cwd=folder, capture_output=True, text=True,
                          timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"openssl {arguments[0]} failed:\n{done.stderr}")
