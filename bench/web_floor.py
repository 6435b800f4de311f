"""The floor under `POST /api/check` for `make bench` (bench/web.py starts it; never part of lumbar).

The same app as `lumbar serve` (`create_app`, every middleware) with one extra route, `POST /bench/floor`,
that takes exactly what `/api/check` takes (the JSON-only check, the `CheckIn` body model, the runtime
dependency) and answers a constant without checking anything. Its throughput beside `/api/health` is the
most any check could reach through this stack: the rest of the gap is the check itself.

`python bench/web_floor.py PORT` serves it on 127.0.0.1:PORT (the diary in `LUMBAR_DATA_DIR`).
"""

from __future__ import annotations

import sys

import uvicorn
from fastapi import Depends
from fastapi.responses import JSONResponse

from lumbar.web import create_app
from lumbar.web.api import CheckIn, FastJSONResponse, _json_only
from lumbar.web.runtime import RT


def main(port: int) -> None:
    app = create_app()

    @app.post("/bench/floor", dependencies=[Depends(_json_only)])
    async def floor(body: CheckIn, rt: RT) -> JSONResponse:
        return FastJSONResponse({"understood": True, "age": body.age, "kb": rt.kb.version})

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main(int(sys.argv[1]))
