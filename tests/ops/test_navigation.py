"""The service navigation: each person gets the sections their account can use, each link once."""

import pytest

pytestmark = pytest.mark.django_db


def _links(client, url="/account/"):
    page = client.get(url).content.decode()
    nav = page.split('id="navigation"')[1].split("</ul>")[0]
    return [chunk.split('"')[0] for chunk in nav.split('govuk-service-navigation__link" href="')[1:]]


def test_an_officer_gets_their_boards_page_and_their_councils_dashboard(
    client, sutton_officer, sutton_board, sutton_plan
):
    client.force_login(sutton_officer)
    links = _links(client)
    assert f"/boards/{sutton_board.slug}/" in links
    assert "/dashboards/E09000029/" in links
    assert "/actions/" in links
    assert len(links) == len(set(links)), "a page linked twice (e.g. Home and Improvement plan)"
    assert "/actions/revisions/" not in links and "/admin/" not in links


def test_a_chair_gets_their_board_and_the_revised_dates_to_decide(client, sutton_chair):
    client.force_login(sutton_chair)
    links = _links(client)
    assert "/boards/sutton/" in links and "/actions/revisions/" in links


def test_an_observer_of_every_council_gets_the_overview(client, observer):
    client.force_login(observer)
    links = _links(client)
    assert "/dashboards/" in links and "/admin/" not in links


def test_the_current_section_is_marked(client, sutton_officer, sutton_plan):
    client.force_login(sutton_officer)
    page = client.get("/actions/").content.decode()
    assert 'href="/actions/" aria-current="page"' in page
