"""API errors: a status, a stable code, and the message in Vietnamese and English.

The core reports bad photos as PhotoError(where, what, reason); this module turns them into the
4xx JSON body `{"error": {"code", "message_vi", "message_en"}}` members' clients show.
"""

from __future__ import annotations

from starlette.responses import JSONResponse

from assets_gen.errors import PhotoError
from assets_gen.photo import ACCEPTED_TEXT, MAX_PIXELS

MAX_UPLOAD = 15 * 1024 * 1024
_MB = MAX_UPLOAD // (1024 * 1024)
_MP = MAX_PIXELS // 1_000_000


class ApiError(Exception):
    """An answer to a bad request; never a 5xx but 503 (busy, with Retry-After)."""

    def __init__(
        self, status: int, code: str, message_vi: str, message_en: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(f"{code}: {message_en}")
        self.status = status
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en
        self.headers = headers or {}

    def response(self) -> JSONResponse:
        body = {"error": {"code": self.code, "message_vi": self.message_vi, "message_en": self.message_en}}
        headers = {"Cache-Control": "no-store", **self.headers}
        return JSONResponse(body, status_code=self.status, headers=headers)


def too_large() -> ApiError:
    return ApiError(
        413,
        "upload_too_large",
        f"Tệp tải lên quá lớn: tối đa {_MB} MB.",
        f"The upload is too large: the limit is {_MB} MB.",
    )


def not_multipart() -> ApiError:
    return ApiError(
        415,
        "not_multipart",
        "Hãy gửi ảnh dưới dạng multipart/form-data, trong trường “photo”.",
        "Send the photo as multipart/form-data, in the field “photo”.",
    )


def bad_form(detail: str) -> ApiError:
    return ApiError(
        400, "bad_form", "Dữ liệu gửi lên không đúng định dạng.", f"Malformed form data: {detail}."
    )


def missing_photo() -> ApiError:
    return ApiError(
        400, "missing_photo", "Chưa có ảnh: hãy chọn một ảnh.", "No photo: the field “photo” is missing."
    )


def bad_field(name: str, what_vi: str, what_en: str) -> ApiError:
    return ApiError(400, f"bad_{name}", what_vi, what_en)


def slow_upload() -> ApiError:
    return ApiError(
        408,
        "upload_timeout",
        "Tải ảnh lên quá chậm. Hãy thử lại khi mạng ổn định hơn.",
        "The upload was too slow and was cut off.",
    )


def busy(retry_after: float) -> ApiError:
    seconds = max(1, round(retry_after))
    return ApiError(
        503,
        "server_busy",
        f"Máy chủ đang bận. Hãy thử lại sau {seconds} giây.",
        f"The server is busy. Try again in {seconds} seconds.",
        {"Retry-After": str(seconds)},
    )


def not_processable() -> ApiError:
    return ApiError(
        422,
        "photo_unreadable",
        "Không xử lý được ảnh này. Hãy chọn ảnh khác.",
        "This photo cannot be processed. Try another one.",
    )


# Why the core refused a photo (PhotoError.reason) -> status, code, Vietnamese message.
_DAMAGED = (422, "damaged_photo", "Tệp ảnh bị hỏng hoặc chưa tải lên đủ.")
_PHOTO_ERRORS: dict[str, tuple[int, str, str]] = {
    "empty": (400, "empty_photo", "Tệp ảnh trống."),
    "not_an_image": (415, "not_an_image", f"Tệp này không phải là ảnh. Hãy chọn ảnh {ACCEPTED_TEXT}."),
    "unsupported_type": (
        415,
        "unsupported_image_type",
        f"Loại ảnh này không được hỗ trợ. Hãy chọn ảnh {ACCEPTED_TEXT}.",
    ),
    "too_many_pixels": (413, "too_many_pixels", f"Ảnh quá lớn: tối đa {_MP} megapixel."),
    "damaged": _DAMAGED,
    "position": (400, "bad_placement", "Vị trí ảnh (x, y) phải nằm trong khoảng 0 đến 1."),
    "zoom": (400, "bad_placement", "Độ phóng to phải từ 1 đến 4."),
    "rotate": (400, "bad_placement", "Góc xoay phải là 0, 90, 180 hoặc 270."),
}
_UNREADABLE = (422, "photo_unreadable", "Không đọc được ảnh này. Hãy chọn ảnh khác.")


def from_photo_error(err: PhotoError) -> ApiError:
    status, code, message_vi = _PHOTO_ERRORS.get(err.reason, _UNREADABLE)
    return ApiError(status, code, message_vi, _sentence(err.what))


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."
