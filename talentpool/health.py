"""/healthz: the database and Redis answer; with ?deep=1 also a round trip through a Celery worker."""

from __future__ import annotations

import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _check(name: str, func, results: dict) -> None:
    started = time.perf_counter()
    try:
        detail = func()
        results[name] = {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1), **(detail or {})}
    except Exception as exc:  # a health check reports every failure instead of raising
        # The page is public: name the failure, keep hosts and roles out of it unless debugging.
        detail = f"{type(exc).__name__}: {exc}"[:300] if settings.DEBUG else type(exc).__name__
        results[name] = {"ok": False, "error": detail}


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _redis() -> None:
    key = f"healthz:{secrets.token_hex(4)}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("Redis did not return the value just written")
    cache.delete(key)


def _worker() -> dict:
    from talentpool.tenancy.tasks import HEARTBEAT_CACHE_KEY, ping

    token = secrets.token_hex(4)
    queue = getattr(settings, "HEALTHZ_WORKER_QUEUE", "default")
    reply = ping.apply_async(args=[token], queue=queue).get(timeout=10)
    if reply != f"pong:{token}":
        raise RuntimeError(f"unexpected reply {reply!r}")
    return {"beat_last_heartbeat": cache.get(HEARTBEAT_CACHE_KEY)}


@never_cache
def healthz(request):
    results: dict = {}
    _check("database", _database, results)
    _check("redis", _redis, results)
    if request.GET.get("deep") in {"1", "true", "yes"}:
        _check("worker", _worker, results)
    ok = all(item["ok"] for item in results.values())
    return JsonResponse({"ok": ok, "checks": results}, status=200 if ok else 503)
