"""A self-hosted proof-of-work challenge for the public forms (ALTCHA-style), pure.

The server issues ``salt`` (random, with its expiry) and ``challenge = sha256(salt + number)``
for a secret random `number` below `MAX_NUMBER`, signed with HMAC; the browser (static
``portal.js``) tries numbers from 0 until the hash matches and sends the number back. Checking
costs one hash and one HMAC; solving costs the visitor about a second of CPU, a bulk sender
that much per request. No outside service, no cookie.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

#: Highest secret number: a browser needs on average MAX_NUMBER / 2 SHA-256 computations.
MAX_NUMBER = 50_000
#: Seconds a challenge stays valid.
LIFETIME = 1800


@dataclass(frozen=True)
class Challenge:
    algorithm: str
    challenge: str
    salt: str
    signature: str
    maxnumber: int


def _hash(salt: str, number: int) -> str:
    return hashlib.sha256(f"{salt}{number}".encode()).hexdigest()


def _sign(key: bytes, challenge: str) -> str:
    return hmac.new(key, challenge.encode(), hashlib.sha256).hexdigest()


def issue(key: bytes, now: float, max_number: int = MAX_NUMBER) -> Challenge:
    salt = f"{secrets.token_hex(12)}?expires={int(now) + LIFETIME}"
    challenge = _hash(salt, secrets.randbelow(max_number + 1))
    return Challenge("SHA-256", challenge, salt, _sign(key, challenge), max_number)


def solve(challenge: Challenge) -> int | None:
    """What the browser does (tests and tools): the number, or None."""
    for number in range(challenge.maxnumber + 1):
        if _hash(challenge.salt, number) == challenge.challenge:
            return number
    return None


def payload(challenge: Challenge, number: int) -> str:
    """The form value the browser sends: base64 of the JSON of the challenge and the number."""
    data = {"algorithm": challenge.algorithm, "challenge": challenge.challenge, "number": number,
            "salt": challenge.salt, "signature": challenge.signature}  # fmt: skip
    return base64.b64encode(json.dumps(data).encode()).decode()


def verify(key: bytes, value: str, now: float) -> str | None:
    """The challenge string of a valid, unexpired solution (to be used once), else None."""
    try:
        data = json.loads(base64.b64decode(value[:2000], validate=True))
        challenge, salt, signature = str(data["challenge"]), str(data["salt"]), str(data["signature"])
        number = int(data["number"])
        expires = int(salt.rsplit("?expires=", 1)[1])
    except (ValueError, KeyError, TypeError, IndexError, binascii.Error, UnicodeDecodeError):
        return None
    if expires < now or not hmac.compare_digest(_sign(key, challenge), signature):
        return None
    if not 0 <= number <= MAX_NUMBER or _hash(salt, number) != challenge:
        return None
    return challenge
