"""A real OpenID Connect provider for the single sign-on tests: the npm package oidc-provider
(tests/oidc/provider.mjs), run by Node.js on loopback, one per test process. Its packages are
installed from tests/oidc/package-lock.json (``make test`` runs ``npm ci`` there)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests

OIDC_DIR = Path(__file__).resolve().parents[1] / "oidc"
PORT_BASE = 9141  # accounts' ports are 9140-9149 (TEAM.md); one per xdist worker
CLIENT_ID = "improvement-board-test"
CLIENT_SECRET = "a-test-client-secret-that-is-long-enough"
CALLBACK = "http://testserver/account/sso/callback/"
KEY = "sutton-entra"


@dataclass(frozen=True)
class RunningProvider:
    issuer: str
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    callback: str = CALLBACK
    key: str = KEY  # the provider's name in OIDC_PROVIDERS


@pytest.fixture(scope="session")
def oidc_provider(worker_id):
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "Node.js is not installed: the single sign-on tests run a real OpenID Connect provider "
            "(tests/oidc) with it. Install it (apt-get install -y nodejs npm) and run make test."
        )
    if not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        pytest.fail(
            "The test OpenID Connect provider's packages are not installed: run "
            "`npm ci --prefix tests/oidc` (make test does this)."
        )
    port = PORT_BASE + (int(worker_id[2:]) if worker_id.startswith("gw") else 0)
    process = subprocess.Popen(
        [
            node,
            "provider.mjs",
            "--port",
            str(port),
            "--client-id",
            CLIENT_ID,
            "--client-secret",
            CLIENT_SECRET,
            "--redirect-uri",
            CALLBACK,
        ],
        cwd=OIDC_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    if not line.startswith("ready "):
        process.kill()
        pytest.fail(f"The test OpenID Connect provider did not start: {line}{process.stderr.read()}")
    yield RunningProvider(issuer=line.split()[1])
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def sso(settings, oidc_provider, sutton):
    """Sutton signs its staff in with the running provider."""
    from improvement_board.accounts import sso as sso_module

    settings.OIDC_PROVIDERS = {
        KEY: {
            "name": "Sutton Council account",
            "issuer": oidc_provider.issuer,
            "client_id": oidc_provider.client_id,
            "client_secret": oidc_provider.client_secret,
            "councils": (sutton.ons_code,),
        }
    }
    sso_module._discovered.clear()
    return oidc_provider


class ProviderBrowser:
    """A person's browser: the Django test client for our pages, a requests session (with its
    own cookies) for the provider's; redirects are followed by hand between the two."""

    def __init__(self, client, issuer: str):
        self.client = client
        self.issuer = issuer
        self.provider = requests.Session()
        self.authorisation_url = ""

    def start(self, path: str, method: str = "get"):
        response = getattr(self.client, method)(path)
        while response.status_code == 302 and not response["Location"].startswith(self.issuer):
            response = self.client.get(response["Location"])
        assert response.status_code == 302, response
        self.authorisation_url = response["Location"]
        return self.authorisation_url

    def sign_in_at_provider(
        self, email: str, *, verified: bool = True, amr: str = "pwd mfa", acr: str = "urn:test:mfa"
    ) -> str:
        """Sign in on the provider's page; returns where it sends the browser back to (our callback)."""
        response = self.provider.get(self.authorisation_url, allow_redirects=False)
        assert response.status_code in (302, 303), response.text
        interaction = urljoin(self.issuer, response.headers["location"])
        assert "Test provider sign-in" in self.provider.get(interaction).text
        form = {"email": email, "amr": amr, "acr": acr, **({} if verified else {"unverified": "1"})}
        response = self.provider.post(interaction + "/login", data=form, allow_redirects=False)
        while response.status_code in (302, 303) and response.headers["location"].startswith(("/", self.issuer)):
            response = self.provider.get(urljoin(self.issuer, response.headers["location"]), allow_redirects=False)
        assert response.status_code in (302, 303), response.text
        return response.headers["location"]

    def come_back(self, callback_url: str):
        parts = urlsplit(callback_url)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == CALLBACK
        return self.client.get(parts.path, parse_qs(parts.query), follow=False)

    def sign_in(self, email: str, *, start_path: str = f"/account/sso/{KEY}/", method: str = "get", **kwargs):
        self.start(start_path, method)
        return self.come_back(self.sign_in_at_provider(email, **kwargs))


@pytest.fixture
def provider_browser(client, sso):
    return ProviderBrowser(client, sso.issuer)
