"""The upload API over real HTTP, against `assets-gen serve` started on 127.0.0.1."""

from __future__ import annotations

import io
import socket
import threading
import time
from pathlib import Path

import httpx
import pillow_heif
import pytest
from PIL import Image, JpegImagePlugin

from assets_gen.encode import encode_jpeg
from assets_gen.photo import Placement
from assets_gen.render.avatar import render_avatar
from tests.imaging import assert_image_similar
from tests.webtools import DATA, Server, phone_photo, png_bomb

pytestmark = pytest.mark.slow

MB = 1024 * 1024


@pytest.fixture(scope="module")
def spool(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server's working and temporary folder: it must stay empty."""
    return tmp_path_factory.mktemp("spool")


@pytest.fixture(scope="module")
def server(spool: Path):
    env = {"TMPDIR": str(spool), "TEMP": str(spool), "TMP": str(spool)}
    srv = Server("--workers", "2", "--upload-timeout", "2", cwd=spool, env=env)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def client(server: Server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


@pytest.fixture(scope="module")
def phone() -> bytes:
    return phone_photo()


def post(client: httpx.Client, photo: bytes | None, name: str = "photo.jpg", **fields: str) -> httpx.Response:
    files = {k: (None, v) for k, v in fields.items()}  # multipart even without a photo
    if photo is not None:
        files["photo"] = (name, photo, "application/octet-stream")
    return client.post("/api/avatar", files=files)


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message_vi"] and error["message_en"]
    assert "Traceback" not in response.text


def test_healthz_and_safe_headers(client: httpx.Client) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}
    for page in ("/healthz", "/", "/assets/app.js"):
        h = client.get(page).headers
        assert h["x-content-type-options"] == "nosniff"
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert h["x-frame-options"] == "DENY"


def test_page_and_frames_are_served(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Ảnh của bạn không rời khỏi điện thoại" in page.text
    # Browsers without JavaScript get a plain form that posts to the API.
    assert '<form class="unit" method="post" action="api/avatar" enctype="multipart/form-data">' in page.text
    # Two frames per style (the page draws a unit's name itself), drawn once by a worker.
    for path in ("/frames/vong-tron.webp", "/frames/dai-bang.unit.webp"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"] == "image/webp"
        with Image.open(io.BytesIO(r.content)) as im:
            assert (im.size, im.mode) == ((1080, 1080), "RGBA")
    assert_error(client.get("/frames/khong-co.webp"), 404, "not_found")
    assert_error(client.get("/frames/ha-noi/vong-tron.png"), 404, "not_found")
    assert_error(client.get("/nothing-here"), 404, "not_found")
    assert_error(client.get("/api/avatar"), 405, "method_not_allowed")


def test_phone_photo_is_framed_like_the_cli(client: httpx.Client, phone: bytes, kit) -> None:
    fields = {"style": "dai-bang", "unit": "ha-noi", "x": "0.4", "y": "0.2", "zoom": "1.7", "rotate": "90"}
    r = post(client, phone, **fields)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "image/jpeg"
    assert "anh-dai-dien-1-trieu-sang-kien.jpg" in r.headers["content-disposition"]
    with Image.open(io.BytesIO(r.content)) as got:
        assert (got.format, got.size, got.mode) == ("JPEG", (1080, 1080), "RGB")
        assert JpegImagePlugin.get_sampling(got) == 0, "colour at full resolution (4:4:4)"
        assert not got.getexif(), "the response must carry no EXIF"
        assert "exif" not in got.info
        got.load()
    placement = Placement(x=0.4, y=0.2, zoom=1.7, rotate=90)
    expected = render_avatar(kit, phone, "p", kit.frame_style("dai-bang"), "LĐLĐ TP. Hà Nội", placement)
    with Image.open(io.BytesIO(encode_jpeg(expected))) as encoded:  # the CLI's JPEG
        assert_image_similar(got, encoded.convert("RGB"), 0.25, "api-vs-cli")


@pytest.mark.parametrize("filetype", ["PNG", "WEBP", "GIF", "HEIF", "CMYK-JPEG", "16-bit-PNG"])
def test_every_accepted_format(client: httpx.Client, filetype: str) -> None:
    image = Image.open(DATA / "chelsea.png").convert("RGB")
    buf = io.BytesIO()
    if filetype == "HEIF":
        pillow_heif.from_pillow(image).save(buf, quality=80)
    elif filetype == "CMYK-JPEG":
        image.convert("CMYK").save(buf, "JPEG")
    elif filetype == "16-bit-PNG":
        image.convert("L").convert("I;16").save(buf, "PNG")
    else:
        image.save(buf, filetype)
    r = post(client, buf.getvalue(), name=f"photo.{filetype.lower()}")
    assert r.status_code == 200, r.text
    with Image.open(io.BytesIO(r.content)) as got:
        assert got.size == (1080, 1080)


def _jpeg(size: tuple[int, int] = (640, 480)) -> bytes:
    buf = io.BytesIO()
    Image.open(DATA / "coffee.png").convert("RGB").resize(size).save(buf, "JPEG")
    return buf.getvalue()


def _bmp() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(buf, "BMP")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("photo", "fields", "status", "code"),
    [
        (b"", {}, 400, "empty_photo"),
        (b"hello, this is not a photo\n" * 10, {}, 415, "not_an_image"),
        (_bmp(), {}, 415, "unsupported_image_type"),
        (_jpeg()[:3000], {}, 422, "damaged_photo"),
        (png_bomb(), {}, 413, "too_many_pixels"),
        (None, {"style": "vong-tron"}, 400, "missing_photo"),
        (_jpeg(), {"style": "khong-co"}, 400, "bad_style"),
        (_jpeg(), {"unit": "khong-co"}, 400, "bad_unit"),
        (_jpeg(), {"x": "1.5"}, 400, "bad_placement"),
        (_jpeg(), {"zoom": "9"}, 400, "bad_placement"),
        (_jpeg(), {"zoom": "nan"}, 400, "bad_placement"),
        (_jpeg(), {"rotate": "45"}, 400, "bad_placement"),
        (_jpeg(), {"y": "abc"}, 400, "bad_placement"),
    ],
    ids=[
        "empty",
        "text",
        "bmp",
        "truncated",
        "pixel-bomb",
        "no-photo",
        "style",
        "unit",
        "x",
        "zoom",
        "nan",
        "rotate",
        "not-a-number",
    ],
)
def test_bad_input_answers_4xx_json(
    client: httpx.Client, photo: bytes | None, fields: dict, status: int, code: str
) -> None:
    assert_error(post(client, photo, **fields), status, code)


def test_wrong_content_type(client: httpx.Client) -> None:
    assert_error(client.post("/api/avatar", json={"photo": "x"}), 415, "not_multipart")
    assert_error(
        client.post("/api/avatar", content=_jpeg(), headers={"content-type": "image/jpeg"}),
        415,
        "not_multipart",
    )
    r = client.post(
        "/api/avatar", content=b"--x\r\nbroken", headers={"content-type": "multipart/form-data; boundary=x"}
    )
    assert r.status_code == 400 and r.json()["error"]["code"] in ("bad_form", "missing_photo")


def test_declared_oversized_body_is_refused(client: httpx.Client) -> None:
    r = post(client, b"\xff" * (16 * MB))
    assert_error(r, 413, "upload_too_large")


def _raw(server: Server) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    return sock


def _read_response(sock: socket.socket) -> bytes:
    data = b""
    while True:
        try:
            part = sock.recv(65536)
        except (ConnectionResetError, TimeoutError):
            break
        if not part:
            break
        data += part
    return data


def test_streamed_oversized_body_is_cut_off(server: Server) -> None:
    """No Content-Length: the server counts bytes as they arrive, answers 413 past 15 MB,
    drops a bounded amount more (lingering close, so clients can read the answer) and
    closes the connection without waiting for the rest."""
    sock = _raw(server)
    head = (
        b"POST /api/avatar HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        b"Content-Type: multipart/form-data; boundary=b\r\n\r\n"
    )
    sock.sendall(head)
    preamble = b'--b\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n'
    sock.sendall(b"%x\r\n%s\r\n" % (len(preamble), preamble))
    chunk = b"\xff" * MB
    sent = 0
    try:
        for _ in range(64):  # far more than the limit and the lingering; the body is never finished
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += 1
    except (BrokenPipeError, ConnectionResetError, TimeoutError):
        pass
    response = _read_response(sock)
    sock.close()
    assert response.startswith(b"HTTP/1.1 413"), response[:200]
    assert b'"upload_too_large"' in response
    assert sent < 64, "the server read the whole oversized body"


def test_slow_body_is_cut_off(server: Server) -> None:
    sock = _raw(server)
    body_start = b'--b\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n\xff\xd8'
    head = (
        b"POST /api/avatar HTTP/1.1\r\nHost: x\r\nContent-Length: 500000\r\n"
        b"Content-Type: multipart/form-data; boundary=b\r\n\r\n"
    )
    sock.sendall(head + body_start)  # ...and then nothing more
    response = _read_response(sock)
    sock.close()
    assert response.startswith(b"HTTP/1.1 408"), response[:200]
    assert b'"upload_timeout"' in response


def test_health_answers_while_photos_render(server: Server, phone: bytes) -> None:
    """Rendering runs in worker processes: health checks are answered meanwhile."""
    done: list[int] = []

    def upload() -> None:
        with httpx.Client(base_url=server.url, timeout=120) as c:
            done.append(post(c, phone).status_code)

    threads = [threading.Thread(target=upload) for _ in range(16)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    with httpx.Client(base_url=server.url, timeout=60) as c:
        health = c.get("/healthz")
        in_flight = len(done) < len(threads)
    for t in threads:
        t.join()
    assert health.status_code == 200
    assert in_flight, "health was answered only after every upload"
    assert done == [200] * len(threads)


def test_nothing_written_to_disk_and_server_still_up(client: httpx.Client, spool: Path, phone: bytes) -> None:
    assert post(client, phone).status_code == 200
    assert post(client, png_bomb()).status_code == 413
    assert list(spool.iterdir()) == [], "an upload was written to disk"
    assert client.get("/healthz").status_code == 200
