"""The sidebar's page list (massacres/dashboard/ui.py NAVIGATION): every page, the entry one as "Overview"."""

from __future__ import annotations

from apptest import run_page
from conftest import ROOT

from massacres.dashboard import ui


def test_the_list_holds_the_entry_page_and_every_page_file_once():
    listed = [path for path, _, _ in ui.NAVIGATION]
    # In Streamlit's order: by the number before the name (10_ after 9_).
    files = ["app.py"] + [
        f"pages/{p.name}" for p in sorted((ROOT / "pages").glob("*.py"), key=lambda p: int(p.name.split("_")[0]))
    ]
    assert listed == files
    labels = [label for _, label, _ in ui.NAVIGATION]
    assert len(set(labels)) == len(labels) and labels[0] == "Overview"


def test_the_streamlit_list_that_says_app_is_hidden():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showSidebarNavigation"] is False


def test_the_overview_page_draws_the_list(app_db):
    at = run_page("overview")
    assert not at.exception
    links = [link.proto for link in at.get("page_link")]
    # Each link resolved to its file (a script hash) and to the URL path Streamlit gives it.
    assert all(link.page_script_hash for link in links)
    assert [(link.label, link.page) for link in links] == [
        ("Overview", ""),
        ("Perpetrators", "Perpetrators"),
        ("Trends", "Trends"),
        ("Victims", "Victims"),
        ("Map", "Map"),
        ("Incidents", "Incidents"),
        ("Data quality", "Data_quality"),
        ("Add a report", "Add_report"),
        ("Review", "Review"),
        ("Incident", "Incident"),
        ("About the data", "About"),
    ]
