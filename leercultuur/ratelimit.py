"""How often one client may try something, counted in the cache (Redis).

The client is known by the address allauth's login rate limits use: behind the TLS proxy
the entry the proxy added to X-Forwarded-For (``ALLAUTH_TRUSTED_PROXY_COUNT``), otherwise
the connection's own, and an IPv6 address by its /64 network.

While Redis cannot be reached (see leercultuur/cache.py) nothing is counted and every
attempt is let through, and logged. These limits slow down floods and guessing on pages
that are already behind a secret link, such as the check-in page at a meeting's door;
locking everyone out of them while Redis is down would stop a meeting, not an attacker.
The login limits, which guard passwords, fail closed instead.
"""

from allauth.core.internal.ratelimit import get_ip
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address as the login rate limits see it (one way for every limit)."""
    return get_ip(request)


def within_limit(key: str, *, limit: int, seconds: int) -> bool:
    """Count one attempt under ``key``: False once more than ``limit`` attempts were made
    in the current window of ``seconds`` (the window starts with its first attempt)."""
    counter = f"limit:{key}"
    cache.add(counter, 0, timeout=seconds)
    try:
        attempts = cache.incr(counter)
    except ValueError:
        # Redis down (or the window closed between the two calls): let it through.
        return True
    return int(attempts) <= limit
