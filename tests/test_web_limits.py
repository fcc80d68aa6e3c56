"""Slow and greedy clients against the real server (`assets-gen serve` in its own process,
short timeouts so the test takes seconds), and the admission gates on their own."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
import urllib.error
import urllib.request
import uuid

import httpx
import psutil
import pytest

from assets_gen.web.limits import Budget, Busy, Gate, Holding
from tests.webtools import Server, phone_photo

HEADER_TIMEOUT = 3.0
BODY_TIMEOUT = 6.0
SLACK = 3.0  # the server's timer, the client's 5 s step and a loaded machine
TRICKLE = 5.0  # one header line, or one body byte, every 5 s


@pytest.fixture(scope="module")
def server():
    srv = Server(
        "--workers", "1",
        "--header-timeout", str(HEADER_TIMEOUT),
        "--upload-timeout", str(BODY_TIMEOUT + 1),  # longer than a trickle's step: the whole-body clock cuts
        "--body-timeout", str(BODY_TIMEOUT),
    )  # fmt: skip
    yield srv
    srv.stop()


def server_rss(pid: int) -> float:
    """Resident MB of the server and its render processes."""
    proc = psutil.Process(pid)
    total = proc.memory_info().rss
    for child in proc.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += child.memory_info().rss
    return total / 1e6


async def slow_headers(port: int) -> tuple[float, bytes]:
    """Sends a request line, then one header line every 5 s; returns when cut off."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    started = time.monotonic()
    writer.write(b"POST /api/avatar HTTP/1.1\r\n")
    return await _trickle(reader, writer, started, lambda i: b"X-Slow-%d: yes\r\n" % i)


async def slow_body(port: int) -> tuple[float, bytes]:
    """Sends complete headers and the start of a photo, then one byte every 5 s."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    started = time.monotonic()
    writer.write(
        b"POST /api/avatar HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n"
        b"Content-Type: multipart/form-data; boundary=b\r\n\r\n"
        b'--b\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n\xff\xd8'
    )
    return await _trickle(reader, writer, started, lambda i: b"\x00")


async def _trickle(reader, writer, started: float, piece) -> tuple[float, bytes]:
    answer = b""
    for i in range(60):  # five minutes at most, if nothing ever cut us off
        try:
            await writer.drain()
            answer = await asyncio.wait_for(reader.read(65536), TRICKLE)
            if not answer:
                break
            answer += await asyncio.wait_for(reader.read(65536), TRICKLE)
            break
        except TimeoutError:
            try:
                writer.write(piece(i))
            except (ConnectionError, RuntimeError):
                break
        except ConnectionError:
            break
    elapsed = time.monotonic() - started
    writer.close()
    with contextlib.suppress(Exception):
        await writer.wait_closed()
    return elapsed, answer


async def normal_client(url: str, photo: bytes) -> tuple[float, int]:
    await asyncio.sleep(1.0)  # the slow clients are all connected and holding on
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        started = time.monotonic()
        r = await client.post("/api/avatar", files={"photo": ("me.jpg", photo, "image/jpeg")})
        return time.monotonic() - started, r.status_code


@pytest.mark.slow
def test_forty_slow_clients_are_cut_off_while_a_normal_one_is_served(server: Server) -> None:
    photo = phone_photo((1600, 1200))  # as messaging apps send photos: the test is about waiting
    assert (
        httpx.post(server.url + "/api/avatar", files={"photo": ("w.jpg", photo)}, timeout=60).status_code
        == 200
    )
    time.sleep(1.5)
    before = server_rss(server.process.pid)

    async def scenario():
        headers = [slow_headers(server.port) for _ in range(20)]
        bodies = [slow_body(server.port) for _ in range(20)]
        return await asyncio.gather(normal_client(server.url, photo), *headers, *bodies)

    (served_in, status), *slow = asyncio.run(scenario())
    assert status == 200
    assert served_in < 3.0, f"the normal client waited {served_in:.1f} s"
    for elapsed, answer in slow[:20]:
        assert elapsed < HEADER_TIMEOUT + SLACK, f"a slow-header client held on for {elapsed:.1f} s"
        assert answer.startswith(b"HTTP/1.1 408"), answer[:100]
    for elapsed, answer in slow[20:]:
        assert elapsed < BODY_TIMEOUT + SLACK, f"a slow-body client held on for {elapsed:.1f} s"
        assert answer.startswith(b"HTTP/1.1 408") and b'"upload_timeout"' in answer, answer[:100]
    time.sleep(2.0)  # the server hands freed memory back a second after the last upload
    after = server_rss(server.process.pid)
    assert after - before < 50, f"server memory {before:.0f} -> {after:.0f} MB"
    assert httpx.get(server.url + "/healthz").status_code == 200


@pytest.mark.slow
def test_oversized_upload_client_reads_the_413_json(server: Server) -> None:
    """urllib sends the whole 16 MB body before reading: the server drains it (lingering
    close) instead of resetting the connection, so the JSON arrives."""
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="big.jpg"\r\n\r\n'.encode()
        + b"\xff" * (16 * 1024 * 1024)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        server.url + "/api/avatar",
        data=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request, timeout=30)
    assert answer.value.code == 413
    assert b'"upload_too_large"' in answer.value.read()


@pytest.mark.slow
def test_misnamed_photo_field_is_missing_photo(server: Server) -> None:
    r = httpx.post(server.url + "/api/avatar", files={"image": ("me.jpg", b"\xff" * 50_000)}, timeout=30)
    assert r.status_code == 400 and r.json()["error"]["code"] == "missing_photo"


@pytest.mark.slow
def test_huge_headers_are_refused(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Big: " + b"a" * 60_000 + b"\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.1 431")


def test_gate_admits_in_order_queues_a_few_and_refuses_the_rest() -> None:
    async def scenario() -> None:
        gate = Gate(slots=1, capacity=100, queue=1, wait=0.5)
        order: list[str] = []

        async def hold(name: str, weight: int, seconds: float) -> None:
            async with gate.admit(weight):
                order.append(name)
                await asyncio.sleep(seconds)

        first = asyncio.create_task(hold("first", 10, 0.2))
        await asyncio.sleep(0)
        second = asyncio.create_task(hold("second", 10, 0))
        await asyncio.sleep(0)
        with pytest.raises(Busy):  # one waits already: the queue is full
            await hold("third", 10, 0)
        await asyncio.gather(first, second)
        assert order == ["first", "second"]
        async with gate.admit(10):  # the slot is taken for longer than a waiter waits
            with pytest.raises(Busy):
                await hold("late", 10, 0)
        assert (gate.active, gate.weight) == (0, 0)

    asyncio.run(scenario())


def test_gate_weighs_decoded_pixels() -> None:
    """Two 49-megapixel RGBA photos fit a 400 MB budget one at a time; a small one fits beside."""

    async def scenario() -> None:
        big = 7000 * 7000 * 4
        gate = Gate(slots=8, capacity=400_000_000, queue=8, wait=5)
        async with gate.admit(big):
            assert gate._fits(big) and not gate._fits(2 * big)
            async with gate.admit(big):
                assert not gate._fits(1_000_000 * 4 * 4)
        assert gate.weight == 0

    asyncio.run(scenario())


def test_budget_waits_for_room_then_gives_up() -> None:
    async def scenario() -> None:
        budget = Budget(capacity=100, wait=0.3)
        first, second = Holding(budget), Holding(budget)
        await first.take(80)
        with pytest.raises(Busy):
            await second.take(30)
        waiter = asyncio.create_task(second.take(30))
        await asyncio.sleep(0.05)
        first.release()
        await waiter
        assert budget.used == 30

    asyncio.run(scenario())


def test_budget_lets_the_oldest_upload_finish_when_all_hold_part_of_theirs() -> None:
    """Uploads that each hold part of their body must not wait on each other until all
    time out (what 50 phones sending at once did): the oldest goes on, then the next."""

    async def scenario() -> None:
        budget = Budget(capacity=100, wait=0.5)
        Holding(budget)  # an upload still waiting to be admitted: it reads nothing, holds nothing
        oldest, middle, newest = Holding(budget), Holding(budget), Holding(budget)
        for holding in (oldest, middle, newest):
            await holding.take(30)
        middle_rest = asyncio.create_task(middle.take(40))
        newest_rest = asyncio.create_task(newest.take(40))
        await oldest.take(40)  # over the capacity, but it is the oldest: it may finish
        await asyncio.sleep(0.05)
        assert not middle_rest.done() and not newest_rest.done()
        oldest.release()
        await middle_rest  # the middle one is now the oldest
        middle.release()
        await newest_rest
        assert budget.used == 70

    asyncio.run(scenario())
