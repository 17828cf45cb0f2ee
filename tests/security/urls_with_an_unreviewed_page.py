"""The project's URLs plus one page nobody has put in the permissions table."""

from django.http import HttpResponse
from django.urls import path

from improvement_board.urls import urlpatterns as project

urlpatterns = [*project, path("unreviewed/", lambda request: HttpResponse("hello"), name="unreviewed_page")]
