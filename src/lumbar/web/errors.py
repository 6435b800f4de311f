"""Bad input never becomes a 500: every expected error is a 4xx with a clear message, as JSON under /api
and as a page elsewhere. Messages never hold symptom text."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.requests import Request

from lumbar.diary.model import DiaryError
from lumbar.intake.answers import AnswerError
from lumbar.settings import SettingsError
from lumbar.web.runtime import app_runtime
from lumbar.web.security import CsrfError

__all__ = ["error_response", "install_handlers"]

_CSRF_MESSAGE = (
    "This form has expired or did not come from this app's own page (the security token is missing or "
    "wrong). Go back, reload the page and send it again. Nothing was saved."
)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


def error_response(request: Request, status: int, message: str, problems: list[str] | None = None) -> Response:
    if _is_api(request):
        body: dict[str, object] = {"detail": message}
        if problems:
            body["problems"] = problems
        return JSONResponse(body, status_code=status)
    return app_runtime(request).page(
        request, "error.html.j2", {"status": status, "message": message, "problems": problems or []}, status
    )


def _validation_problems(exc: RequestValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query"))
        out.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return out


def install_handlers(app: FastAPI) -> None:
    async def diary_error(request: Request, exc: Exception) -> Response:
        return error_response(request, 400, str(exc) + ". Nothing was saved.")

    async def answer_error(request: Request, exc: Exception) -> Response:
        problems = exc.problems if isinstance(exc, AnswerError) else [str(exc)]
        return error_response(request, 400, "Some answers cannot be used. Nothing was saved.", problems)

    async def csrf_error(request: Request, exc: Exception) -> Response:
        return error_response(request, 403, _CSRF_MESSAGE)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)  # noqa: S101
        return error_response(request, 422, "The request is not valid. Nothing was saved.", _validation_problems(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)  # noqa: S101
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        messages = {404: "There is no such page.", 405: "This address does not take that kind of request."}
        response = error_response(request, exc.status_code, messages.get(exc.status_code, detail))
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    async def database_error(request: Request, exc: Exception) -> Response:
        return error_response(
            request, 503, "The diary database cannot be used right now; try again. Nothing was saved."
        )

    from sqlalchemy.exc import IntegrityError, OperationalError

    app.add_exception_handler(DiaryError, diary_error)
    app.add_exception_handler(SettingsError, diary_error)
    app.add_exception_handler(AnswerError, answer_error)
    app.add_exception_handler(CsrfError, csrf_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(OperationalError, database_error)
    app.add_exception_handler(IntegrityError, database_error)
