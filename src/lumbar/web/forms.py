"""Reading posted forms: the CSRF check first, then fields as stripped text (blank is None)."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request

from lumbar.intake.reader._text import MAX_CHARS
from lumbar.web.security import check_csrf

__all__ = ["MAX_TEXT", "field", "fields", "posted"]

MAX_TEXT = MAX_CHARS  # the longest text the reader reads: a check's words, a diary note


async def posted(request: Request) -> FormData:
    """The form, once its CSRF token has been checked (CsrfError, a 403, otherwise)."""
    await check_csrf(request)
    return await request.form()


def field(form: FormData, name: str, *, limit: int = MAX_TEXT) -> str | None:
    value = form.get(name)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value[: limit + 1] or None


def fields(form: FormData, name: str) -> list[str]:
    return [v.strip() for v in form.getlist(name) if isinstance(v, str) and v.strip()]
