"""What every route needs: the database, the knowledge base, the clock, the time zone and the templates.
Built once by `create_app` and reached through `runtime(request)`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends
from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import Response

from lumbar.knowledge.models import KnowledgeBase, Urgency
from lumbar.store.database import Database
from lumbar.triage.contract import URGENCY_MEANING
from lumbar.web.security import CSRF_FIELD, csrf_token

__all__ = ["RT", "Runtime", "app_runtime", "make_templates", "runtime"]

HERE = Path(__file__).parent

NAV = (
    ("/check", "Check"),
    ("/diary", "Diary"),
    ("/insights", "Insights"),
    ("/report", "Report"),
    ("/learn", "Learn"),
    ("/profile", "Profile"),
    ("/data", "Your data"),
)


@dataclass(frozen=True)
class Runtime:
    db: Database
    kb: KnowledgeBase
    clock: Callable[[], datetime]
    tz: tzinfo
    templates: Jinja2Templates

    def now(self) -> datetime:
        return self.clock()

    def page(self, request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
        """A page from its template; the CSRF token and navigation come from `_page_context`."""
        return self.templates.TemplateResponse(request, name, context, status_code=status)


def app_runtime(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


async def runtime(request: Request) -> Runtime:
    """The dependency (async: no thread hop for what is only a look-up)."""
    return app_runtime(request)


RT = Annotated[Runtime, Depends(runtime)]


def _page_context(request: Request) -> dict[str, Any]:
    return {"csrf": csrf_token(request), "csrf_field": CSRF_FIELD, "nav": NAV, "path": request.url.path}


def _level(value: str | None) -> str:
    return value.replace("_", " ").upper() if value else "NOT ASSESSED"


def _pct(p: float) -> str:
    if p < 0.01:
        return "under 1%"
    return f"{round(p * 100)}%"


def make_templates(tz: tzinfo) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"), context_processors=[_page_context])
    env = templates.env
    env.filters["level"] = _level
    env.filters["pct"] = _pct
    env.filters["when"] = lambda at: at.astimezone(tz).strftime("%a %d %b %Y, %H:%M")
    env.filters["day"] = lambda at: at.astimezone(tz).strftime("%d %b %Y")
    env.globals["meaning"] = {u.value: m for u, m in URGENCY_MEANING.items()}
    env.globals["EMERGENCY"] = Urgency.EMERGENCY.value
    return templates
