"""One way to send email: GOV.UK Notify when its key is set, SMTP when a host is set, the console
otherwise. Notify is outside the machine, so a small HTTP server on loopback stands in for its
API and checks what a real one would: the signed token and the notification asked for."""

from __future__ import annotations

import datetime
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from types import SimpleNamespace

import jwt
import pytest
from django.core import mail

from improvement_board.env import email_backend_for
from improvement_board.ops.email import send_email

SERVICE_ID, SECRET = str(uuid.uuid4()), str(uuid.uuid4())
TEMPLATE_ID = str(uuid.uuid4())


def _invitation_context(link: str) -> dict:
    """What the invitation email's template reads, without the database."""
    person = SimpleNamespace(
        first_name="Asha", email="a@example.gov.uk", council=None, get_role_display="Council officer"
    )
    return {
        "user": person,
        "actor": SimpleNamespace(get_full_name="Sam Admin"),
        "link": link,
        "days": 7,
        "invitation": SimpleNamespace(expires_at=datetime.date(2026, 12, 8)),
    }


@pytest.fixture
def notify_api(settings, worker_id):
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            token = self.headers["Authorization"].removeprefix("Bearer ")
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
            received.append({"path": self.path, "iss": claims["iss"], **body})
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps({"id": str(uuid.uuid4())}).encode())

        def log_message(self, *args):
            pass

    port = 9145 + (int(worker_id[2:]) if worker_id.startswith("gw") else 0)
    server = HTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NOTIFY_API_KEY = f"test_key-{SERVICE_ID}-{SECRET}"
    settings.NOTIFY_TEMPLATE_ID = TEMPLATE_ID
    settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{port}"
    settings.EMAIL_BACKEND = "improvement_board.ops.email.NotifyEmailBackend"
    yield received
    server.shutdown()
    server.server_close()


def test_with_a_notify_key_each_recipient_gets_a_notification_from_the_one_template(notify_api, settings):
    sent = send_email(
        to=["b@example.gov.uk", "a@example.gov.uk"],
        template="invitation",
        context=_invitation_context("http://x/1"),
        hide_recipients=True,
    )

    assert sent == 2
    assert [n["email_address"] for n in notify_api] == ["a@example.gov.uk", "b@example.gov.uk"]
    first = notify_api[0]
    assert first["path"] == "/v2/notifications/email" and first["iss"] == SERVICE_ID
    assert first["template_id"] == TEMPLATE_ID
    assert first["personalisation"]["subject"] == "You are invited to Improvement Board"
    assert first["personalisation"]["body"].startswith("Dear Asha,")
    assert "http://x/1" in first["personalisation"]["body"]


def test_reminders_sent_with_djangos_send_mail_go_through_notify_too(notify_api):
    from django.core.mail import send_mail

    send_mail("Actions due", "Three actions are due.", None, ["officer@example.gov.uk"])
    assert [(n["email_address"], n["personalisation"]["subject"]) for n in notify_api] == [
        ("officer@example.gov.uk", "Actions due")
    ]


def test_without_notify_the_message_goes_through_djangos_mail(settings):
    send_email(to=["a@example.gov.uk"], template="invitation", context=_invitation_context("http://x/2"))
    (message,) = mail.outbox
    assert message.to == ["a@example.gov.uk"] and "http://x/2" in message.body


@pytest.mark.parametrize(
    ("environ", "backend"),
    [
        ({}, "django.core.mail.backends.console.EmailBackend"),
        ({"EMAIL_HOST": "smtp.example.gov.uk"}, "django.core.mail.backends.smtp.EmailBackend"),
        (
            {"EMAIL_HOST": "smtp.example.gov.uk", "NOTIFY_API_KEY": "k"},
            "improvement_board.ops.email.NotifyEmailBackend",
        ),
        ({"EMAIL_BACKEND": "x.Backend", "NOTIFY_API_KEY": "k"}, "x.Backend"),
    ],
)
def test_the_backend_follows_the_environment(environ, backend):
    assert email_backend_for(environ) == backend
