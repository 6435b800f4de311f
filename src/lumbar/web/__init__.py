"""The local web app (`lumbar serve`, `make run`): pages and a JSON API over the service functions."""

from lumbar.web.app import create_app

__all__ = ["create_app"]
