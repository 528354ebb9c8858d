"""The cache: Redis, and while Redis cannot be reached, a cache that holds nothing.

Sessions live in PostgreSQL, so signed-in people keep working when Redis is down: a page
that reads the cache gets a miss instead of an error page. Writes are dropped, and
``add`` (the lock of a sign-in rate limit, the "already used" mark of a TOTP code) answers
that it added nothing, so those checks fail closed: sign-ins are refused as "too many
attempts" until Redis is back, never let through unchecked. Every failure is logged.
"""

import logging
from collections.abc import Mapping
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _unavailable(operation: str, error: RedisError) -> None:
    logger.warning("Redis cache unavailable (%s): %s", operation, error)


class FailSoftRedisCacheClient(RedisCacheClient):
    def add(self, key: Any, value: Any, timeout: Any) -> bool:
        try:
            return bool(super().add(key, value, timeout))
        except RedisError as error:
            _unavailable("add", error)
            return False

    def get(self, key: Any, default: Any) -> Any:
        try:
            return super().get(key, default)
        except RedisError as error:
            _unavailable("get", error)
            return default

    def set(self, key: Any, value: Any, timeout: Any) -> None:
        try:
            super().set(key, value, timeout)
        except RedisError as error:
            _unavailable("set", error)

    def touch(self, key: Any, timeout: Any) -> bool:
        try:
            return bool(super().touch(key, timeout))
        except RedisError as error:
            _unavailable("touch", error)
            return False

    def delete(self, key: Any) -> bool:
        try:
            return bool(super().delete(key))
        except RedisError as error:
            _unavailable("delete", error)
            return False

    def get_many(self, keys: Any) -> dict[Any, Any]:
        try:
            return dict(super().get_many(keys))
        except RedisError as error:
            _unavailable("get_many", error)
            return {}

    def has_key(self, key: Any) -> bool:
        try:
            return bool(super().has_key(key))
        except RedisError as error:
            _unavailable("has_key", error)
            return False

    def incr(self, key: Any, delta: int) -> Any:
        try:
            return super().incr(key, delta)
        except RedisError as error:
            _unavailable("incr", error)
            raise ValueError(f"Key {key!r} not found: the cache is unavailable.") from error

    def set_many(self, data: Mapping[Any, Any], timeout: Any) -> None:
        try:
            super().set_many(data, timeout)
        except RedisError as error:
            _unavailable("set_many", error)

    def delete_many(self, keys: Any) -> None:
        try:
            super().delete_many(keys)
        except RedisError as error:
            _unavailable("delete_many", error)

    def clear(self) -> bool:
        try:
            return bool(super().clear())
        except RedisError as error:
            _unavailable("clear", error)
            return False


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache that misses, rather than fails, while Redis is down."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = FailSoftRedisCacheClient
