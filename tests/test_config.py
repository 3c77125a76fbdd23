"""The server's settings that the code relies on stay in step with it."""

from __future__ import annotations

import tomllib

from conftest import ROOT

from massacres.dashboard.upload import MAX_UPLOAD_MB


def test_the_server_refuses_uploads_over_the_pages_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB == 10


def test_bare_expressions_draw_nothing():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False
