"""Read-only, enforced server-side: every dashboard and API URL refuses every method that could
change something (405), for an observer above all, and answers GET."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from improvement_board.models import User

SUTTON = "E09000029"
# Every URL of the dashboards and the API, as a request would name it.
URLS = {
    "dashboards:overview": "/dashboards/",
    "dashboards:overview_csv": "/dashboards/overview.csv",
    "dashboards:council": f"/dashboards/{SUTTON}/",
    "api:schema": "/api/v1/schema/",
    "api:councils": "/api/v1/councils/",
    "api:council": f"/api/v1/councils/{SUTTON}/",
    "api:inspections": f"/api/v1/councils/{SUTTON}/inspections/",
    "api:actions": f"/api/v1/councils/{SUTTON}/actions/",
    "api:indicators": f"/api/v1/councils/{SUTTON}/indicators/",
    "api:reports": f"/api/v1/councils/{SUTTON}/reports/",
    "api:intervention": f"/api/v1/councils/{SUTTON}/intervention/",
    "api:ofsted_activity": f"/api/v1/councils/{SUTTON}/ofsted-activity/",
}
# The API's file downloads, by the ids of a ready report, a review with its letter and a notice
# lifted by letter (made by the ``files`` fixture for reading; any id will do for the rest).
FILE_URLS = {
    "api:report_file": f"/api/v1/councils/{SUTTON}/reports/{{report}}/file/",
    "api:review_letter": f"/api/v1/councils/{SUTTON}/intervention/reviews/{{review}}/letter/",
    "api:notice_letter": f"/api/v1/councils/{SUTTON}/intervention/notices/{{notice}}/letter/",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _names(resolver: URLResolver, namespace: str) -> set[str]:
    out = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLPattern) and pattern.name:
            out.add(f"{namespace}:{pattern.name}")
    return out


def test_the_table_names_every_dashboard_and_api_url():
    resolver = get_resolver()
    names = set()
    for namespace in ("dashboards", "api"):
        names |= _names(resolver.namespace_dict[namespace][1], namespace)
    assert names == set(URLS) | set(FILE_URLS)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("name", sorted(URLS) + sorted(FILE_URLS))
def test_an_observer_cannot_change_anything(client, national_demo, db, name, method):
    client.force_login(User.objects.get(username="dfe.observer"))
    url = URLS.get(name) or FILE_URLS[name].format(report=1, review=1, notice=1)
    response = getattr(client, method)(url, data={}, content_type="application/json")
    assert response.status_code == 405


@pytest.mark.parametrize("name", sorted(URLS))
def test_an_observer_can_read_every_url(client, national_demo, db, name):
    client.force_login(User.objects.get(username="dfe.observer"))
    assert client.get(URLS[name]).status_code == 200


@pytest.fixture
def files(national_demo, db, make_ready_report) -> dict[str, int]:
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from inspections.intervention_services import notice_lift, notice_review_record
    from inspections.models import ImprovementNotice

    report = make_ready_report(SUTTON, datetime.date(2013, 1, 1), pdf=PDF)
    notice = ImprovementNotice.objects.get(council__ons_code=SUTTON)
    review = notice_review_record(
        notice=notice, held_on=datetime.date(2013, 4, 23), letter_file=SimpleUploadedFile("r.pdf", PDF)
    )
    notice_lift(notice=notice, lifted_on=datetime.date(2014, 6, 30), letter_file=SimpleUploadedFile("l.pdf", PDF))
    return {"report": report.pk, "review": review.pk, "notice": notice.pk}


@pytest.mark.parametrize("name", sorted(FILE_URLS))
def test_an_observer_can_download_every_file(client, files, name):
    client.force_login(User.objects.get(username="dfe.observer"))
    response = client.get(FILE_URLS[name].format(**files))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("method", ["post", "delete"])
def test_an_api_token_cannot_change_anything_either(client, national_demo, db, method, api_token_for):
    headers = api_token_for(User.objects.get(username="dfe.observer"))
    response = getattr(client, method)("/api/v1/councils/", **headers)
    assert response.status_code == 405
