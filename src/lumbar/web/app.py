"""The ASGI app: server-rendered pages and a JSON API under /api, over the same service functions as the
CLI. Bound to 127.0.0.1 by `lumbar serve`; the host check below also stops DNS-rebinding pages from
reaching it by another name."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, tzinfo

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from lumbar import __version__
from lumbar.knowledge.models import KnowledgeBase
from lumbar.settings import Settings, load_settings
from lumbar.web.errors import install_handlers
from lumbar.web.runtime import HERE, Runtime, make_templates
from lumbar.web.security import BodyLimitMiddleware, SecurityHeadersMiddleware

__all__ = ["BODY_LIMIT", "IMPORT_LIMIT", "create_app"]

BODY_LIMIT = 256_000  # forms and JSON: a check's text is read up to 20,000 characters
IMPORT_LIMIT = 50_000_000  # an uploaded diary export (ten years of entries is a few MB)
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")


def _now() -> datetime:
    return datetime.now(UTC)


def create_app(
    settings: Settings | None = None,
    *,
    kb: KnowledgeBase | None = None,
    clock: Callable[[], datetime] = _now,
    tz: tzinfo | None = None,
    hosts: Sequence[str] = (),
) -> FastAPI:
    """The app, with its database opened (and migrated) now. `hosts`: names it may be reached by besides
    the local ones (for `lumbar serve --host`)."""
    from lumbar.knowledge.loader import default_kb
    from lumbar.store.database import open_database

    db = open_database(settings if settings is not None else load_settings())
    zone = tz if tz is not None else (datetime.now().astimezone().tzinfo or UTC)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        db.dispose()

    app = FastAPI(
        title="lumbar",
        version=__version__,
        description="Triage, self-care and a diary for lower back spasms, with a source for every answer. "
        "Not a diagnosis: in an emergency call your emergency number.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI would load from a CDN; the OpenAPI document is enough
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.runtime = Runtime(db=db, kb=kb or default_kb(), clock=clock, tz=zone, templates=make_templates(zone))
    install_handlers(app)

    from lumbar.web import api, pages_check, pages_diary, pages_more

    app.include_router(api.router)
    app.include_router(pages_check.router)
    app.include_router(pages_diary.router)
    app.include_router(pages_more.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    # Outermost last: the host check, then the body bound, then the headers on whatever comes back.
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, default=BODY_LIMIT, limits={"/data/import": IMPORT_LIMIT})
    allowed = [*LOCAL_HOSTS, *hosts]
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed)
    return app
