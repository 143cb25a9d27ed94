"""A real browser through `make serve`'s access gate: with credentials the whole app works (the
browser sends them with the websocket's upgrade too); without, the page is refused."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import Error as PlaywrightError

from deploy.serve import DEPLOY, Cluster, free_port, stop
from tests.e2e.conftest import wait_for_chart

pytestmark = pytest.mark.serving

USER, PASSWORD = "viewer", "correct horse battery staple"


@pytest.fixture(scope="module")
def gated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gated")
    users = folder / "users"
    subprocess.run([str(DEPLOY / "add-user.sh"), str(users), USER], input=PASSWORD + "\n", text=True, check=True)
    cluster = Cluster(1, free_port(), auth_file=users, state=folder / "state")
    try:
        cluster.start()
        yield cluster
    finally:
        stop(cluster.state)


@pytest.mark.parametrize(
    ("credentials", "allowed"), [(None, False), ((USER, "wrong"), False), ((USER, PASSWORD), True)]
)
def test_the_browser_gets_the_app_through_the_gate_only_with_the_right_credentials(
    browser, gated, credentials, allowed
):
    login = {"username": credentials[0], "password": credentials[1]} if credentials else None
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, http_credentials=login)
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        if not allowed:
            assert refused(page, gated.url)
            return
        assert page.goto(gated.url).status == 200
        wait_for_chart(page)  # drawn by a script run over the websocket: it passed the gate
    finally:
        context.close()


def refused(page, url: str) -> bool:
    """Whether the page answered 401 (headless Chromium, with no login to show, fails the navigation)."""
    try:
        return page.goto(url).status == 401
    except PlaywrightError as error:
        return "ERR_INVALID_AUTH_CREDENTIALS" in str(error)
