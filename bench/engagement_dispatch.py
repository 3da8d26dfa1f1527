"""The outbox dispatcher's throughput and memory (engagement.services.outbox).

| figure | value | baseline | ratio |
| --- | --- | --- | --- |
| outbox_dispatch_emails_per_second | ``dispatch_due`` in this one process sending BENCH_OUTBOX_MESSAGES (5,000) outreach emails to candidates (claim, send-time checks, SMTP on one connection per batch, a commit per message, the ``sent`` interactions per batch) into a local aiosmtpd server | a bare ``smtplib`` loop sending the same messages (bytes built beforehand) on one connection to the same server | value/baseline: the share of raw SMTP speed the outbox keeps |
| outbox_dispatch_peak_rss_mb_large | peak RSS of a fresh process draining BENCH_OUTBOX_LARGE (100,000) queued product mails | the same for BENCH_OUTBOX_SMALL (10,000) | value/baseline: ≈ 1 means memory is flat as the volume grows |

The SMTP server runs in its own process (it would otherwise share this process's GIL with the dispatcher). The
bench uses its own tenant (``bench-outbox``, emptied and refilled each run) so the pool of the other benchmarks
is not touched.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import smtplib
import subprocess
import sys
import time
from datetime import time as clock_time
from pathlib import Path

from .common import Figure, env_int, figure, peak_rss_mb, progress, setup_django

SLUG = "bench-outbox"
ROOT = Path(__file__).resolve().parent.parent


def _serve(port, counter, ready) -> None:
    """The SMTP server process: accepts everything, counts messages."""
    import asyncio
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)

    class Counting:
        async def handle_DATA(self, server, session, envelope):
            with counter.get_lock():
                counter.value += 1
            return "250 OK"

    controller = Controller(Counting(), hostname="127.0.0.1", port=port, server_hostname="bench.local")
    controller.start()
    ready.set()
    try:
        asyncio.run(asyncio.sleep(10**9))
    finally:
        controller.stop()


class SmtpProcess:
    def __init__(self) -> None:
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        context = multiprocessing.get_context("spawn")
        self.counter = context.Value("l", 0)
        ready = context.Event()
        self.process = context.Process(target=_serve, args=(self.port, self.counter, ready), daemon=True)
        self.process.start()
        if not ready.wait(30):
            raise RuntimeError("the benchmark's SMTP server did not start")

    def received(self) -> int:
        return self.counter.value

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(10)


def _tenant():
    from engagement.models import Campaign, Interaction, OutboundMessage
    from engagement.services.settings import engagement_settings_update
    from talentpool.tenancy.context import tenant_context
    from talentpool.tenancy.models import Tenant

    tenant, _ = Tenant.objects.get_or_create(slug=SLUG, defaults={"name": "Bench outbox"})
    with tenant_context(tenant):
        OutboundMessage.objects.all().delete()
        Interaction.objects.all().delete()
        Campaign.objects.all().delete()
        engagement_settings_update(
            values={
                "send_window_start": clock_time(0, 0),
                "send_window_end": clock_time(0, 0),
                "daily_cap_tenant": 10_000_000,
                "daily_cap_sender": 10_000_000,
                "frequency_cap_count": 0,
            }
        )
    return tenant


def _candidates(tenant, count: int) -> list[int]:
    from candidates.models import Candidate
    from talentpool.tenancy.context import tenant_context

    with tenant_context(tenant):
        ids = list(Candidate.objects.order_by("id").values_list("id", flat=True)[:count])
        missing = count - len(ids)
        if missing > 0:
            Candidate.objects.bulk_create(
                [Candidate(tenant_id=tenant.pk, full_name=f"候选人 {n}") for n in range(missing)],
                batch_size=2_000,
            )
            ids = list(Candidate.objects.order_by("id").values_list("id", flat=True)[:count])
    return ids


def _queue(tenant, count: int, *, candidate_ids: list[int] | None = None) -> None:
    """Write ``count`` due messages straight into the outbox (the bench measures sending, not writing)."""
    from django.utils import timezone

    from engagement.models import MessageKind, OutboundMessage
    from engagement.services.outbox import new_message_id
    from talentpool.tenancy.context import tenant_context

    now = timezone.now()
    campaign = None
    if candidate_ids is not None:
        from engagement.models import Campaign, CampaignStatus

        # Outreach comes from campaigns (a one-off, a sequence or the engine's): the bench's does too.
        with tenant_context(tenant):
            campaign = Campaign.objects.create(
                name="Bench outreach", status=CampaignStatus.RUNNING, use_send_window=False
            )
    body = "您好，这是本周的精益生产落地案例。\n" * 8
    html = '<p>您好，这是本周的<a href="https://example.test/case">精益生产落地案例</a>。</p>' * 8
    with tenant_context(tenant):
        OutboundMessage.objects.all().delete()
        for start in range(0, count, 5_000):
            rows = []
            for number in range(start, min(count, start + 5_000)):
                outreach = candidate_ids is not None
                rows.append(
                    OutboundMessage(
                        tenant_id=tenant.pk,
                        idempotency_key=f"bench:{number}",
                        due_at=now,
                        kind=MessageKind.OUTREACH if outreach else MessageKind.SYSTEM,
                        channel="email",
                        campaign=campaign,
                        candidate_id=candidate_ids[number % len(candidate_ids)] if outreach else None,
                        to_address=f"person{number}@example.test",
                        from_address="bench@talentpool.local",
                        subject=f"精益生产落地案例 {number}",
                        body_text=body,
                        body_html=html if outreach else "",
                        links=["https://example.test/case"] if outreach else [],
                        message_id=new_message_id(),
                        reply_token=f"{number:024d}",
                    )
                )
            OutboundMessage.objects.bulk_create(rows)
    from django.db import connection

    with (
        connection.cursor() as cursor
    ):  # as autovacuum would after a bulk load: the claim's plan needs the stats
        cursor.execute(f"ANALYZE {OutboundMessage._meta.db_table}")


def _message_bytes(tenant) -> list[tuple[str, str, bytes]]:
    """The messages the dispatcher sent, rebuilt as it builds them, for the bare smtplib loop."""
    from engagement.models import OutboundMessage
    from engagement.services.outbox import _email_message
    from talentpool.tenancy.context import tenant_context

    with tenant_context(tenant):
        rows = list(OutboundMessage.objects.order_by("id"))
        return [
            (row.from_address, row.to_address, _email_message(row, None).message().as_bytes(linesep="\r\n"))
            for row in rows
        ]


def bench_dispatch(settings) -> list[Figure]:
    from django.conf import settings as django_settings

    from engagement.services.outbox import outbox_drain

    count = env_int("BENCH_OUTBOX_MESSAGES", 5_000)
    server = SmtpProcess()
    try:
        django_settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        django_settings.EMAIL_HOST, django_settings.EMAIL_PORT = "127.0.0.1", server.port
        django_settings.EMAIL_USE_TLS = False
        tenant = _tenant()
        candidate_ids = _candidates(tenant, count)
        _queue(tenant, count, candidate_ids=candidate_ids)
        progress(f"outbox: {count:,} outreach emails queued; dispatching")
        started, before = time.perf_counter(), server.received()
        counts = outbox_drain(tenant=tenant.pk, limit=count)
        dispatch_seconds = time.perf_counter() - started
        if counts.get("sent") != count or server.received() - before != count:
            raise RuntimeError(f"the dispatcher sent {counts}; the server got {server.received() - before}")
        messages = _message_bytes(tenant)
        started, before = time.perf_counter(), server.received()
        with smtplib.SMTP("127.0.0.1", server.port) as smtp:
            for sender, recipient, data in messages:
                smtp.sendmail(sender, [recipient], data)
        bare_seconds = time.perf_counter() - started
        assert server.received() - before == count
    finally:
        server.stop()
    progress(f"outbox: dispatcher {dispatch_seconds:.1f} s, bare smtplib {bare_seconds:.1f} s")
    return [
        figure(
            "outbox_dispatch_emails_per_second",
            count / dispatch_seconds,
            "emails/s",
            count / bare_seconds,
            "bare smtplib loop, the same messages on one connection",
        )
    ]


def bench_dispatch_memory(settings) -> list[Figure]:
    small, large = env_int("BENCH_OUTBOX_SMALL", 10_000), env_int("BENCH_OUTBOX_LARGE", 100_000)
    peaks = {}
    server = SmtpProcess()
    try:
        tenant = _tenant()
        for volume in (small, large):
            _queue(tenant, volume)
            env = {
                **os.environ,
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(server.port),
                "DEBUG": "false",
            }
            started = time.perf_counter()
            output = subprocess.run(
                [sys.executable, "-m", "bench.engagement_dispatch", "drain", str(tenant.pk)],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(output.strip().splitlines()[-1])
            if result["sent"] != volume:
                raise RuntimeError(f"the draining process sent {result['sent']} of {volume}")
            peaks[volume] = result["peak_rss_mb"]
            progress(
                f"outbox: drained {volume:,} in {time.perf_counter() - started:.0f} s, peak RSS "
                f"{result['peak_rss_mb']:.0f} MB"
            )
    finally:
        server.stop()
    return [
        figure(
            "outbox_dispatch_peak_rss_mb_large",
            peaks[large],
            "MB",
            peaks[small],
            f"peak RSS draining {small:,} queued product mails (value: {large:,})",
        )
    ]


def _drain(tenant_id: int) -> None:
    """Child process of the memory figure: drain the tenant's outbox, print sent and peak RSS as JSON."""
    setup_django()
    from engagement.services.outbox import outbox_drain

    counts = outbox_drain(tenant=tenant_id, limit=10**9)
    print(json.dumps({"sent": counts.get("sent", 0), "peak_rss_mb": peak_rss_mb()}), flush=True)


BENCHMARKS = (bench_dispatch, bench_dispatch_memory)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "drain":
        _drain(int(sys.argv[2]))
    else:
        setup_django()
        for bench in BENCHMARKS:
            for result in bench(None):
                print(json.dumps(result.__dict__, ensure_ascii=False), flush=True)
