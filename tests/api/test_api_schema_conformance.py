"""schemathesis against the API's own OpenAPI schema: no server error and no response that
mismatches the schema, for every operation, with a token as an observer would use."""

from __future__ import annotations

import contextlib
import datetime
import json

import schemathesis
from django.core import signals
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from improvement_board.models import User
from inspections.intervention_services import notice_lift, notice_review_record
from inspections.models import ImprovementNotice

SUTTON = "E09000029"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@contextlib.contextmanager
def wsgi_app_inside_the_test_transaction():
    """A fresh WSGI application (so its middleware reads the test settings: no HTTPS redirect)
    that, like Django's test client, does not close the database connection at each request:
    on PostgreSQL that would end the test's transaction. Enter it after any test-client request,
    since the test client connects the closing receivers again when it finishes."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _files(make_ready_report) -> dict[str, int]:
    """A ready report with its PDF, a review with its letter and a notice lifted by letter, for the
    file downloads."""
    report = make_ready_report(SUTTON, datetime.date(2013, 1, 1), pdf=PDF)
    notice = ImprovementNotice.objects.get(council__ons_code=SUTTON)
    review = notice_review_record(
        notice=notice,
        held_on=datetime.date(2013, 4, 23),
        outcome="continue",
        letter_file=SimpleUploadedFile("review.pdf", PDF),
    )
    notice_lift(notice=notice, lifted_on=datetime.date(2014, 6, 30), letter_file=SimpleUploadedFile("lift.pdf", PDF))
    return {"/reports/{id}/file/": report.pk, "/reviews/{id}/letter/": review.pk, "/notices/{id}/letter/": notice.pk}


def test_every_operation_conforms_to_the_schema(national_demo, db, client, token_for, make_ready_report):
    files = _files(make_ready_report)
    token = token_for(User.objects.get(username="dfe.observer"))
    headers = {"Authorization": token["HTTP_AUTHORIZATION"]}
    # The schema as the API serves it (drf-spectacular answers application/vnd.oai.openapi+json,
    # which schemathesis's WSGI loader does not recognise), run against the WSGI application.
    response = client.get("/api/v1/schema/?format=json", **token)
    assert response.status_code == 200
    schema = schemathesis.openapi.from_dict(json.loads(response.content))
    with wsgi_app_inside_the_test_transaction() as app:
        schema.app = app
        _check_every_operation(schema, headers, files)


def _path_parameters(path: str, files: dict[str, int]) -> dict:
    """Sutton, and the id of the file made for a download's path."""
    parameters = {"ons_code": SUTTON} if "{ons_code}" in path else {}
    for end, pk in files.items():
        if path.endswith(end):
            parameters["id"] = pk
    return parameters


def _check_every_operation(schema, headers, files):
    statuses = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 11  # with intervention/, ofsted-activity/ and the three file downloads
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call(headers=headers)
            statuses.append(response.status_code)
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
            )

        check()
    assert 200 in statuses and not any(status >= 500 or 300 <= status < 400 for status in statuses)
    # and with real councils, so the full responses are checked too
    for operation in operations:
        case = operation.Case(path_parameters=_path_parameters(operation.path, files))
        response = case.call(headers=headers)
        assert response.status_code == 200
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
