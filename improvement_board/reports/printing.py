"""The pack's HTML to a tagged A4 PDF (PDF/UA-1) with WeasyPrint, fast in a long-lived worker.

What does not change between renders is made once per worker process and kept
(:func:`printer`): the font configuration (Fontconfig's font list and Pango's font map, with their
caches), the parsed print stylesheet (``templates/pdf/report.css``, given to WeasyPrint as a
parsed ``CSS`` object rather than a ``<style>`` it would parse again for every pack) and a small
user-agent stylesheet (``templates/pdf/ua.css``). The small one replaces WeasyPrint's HTML5 default,
about 250 rules mostly for forms, bidirectional text and elements the pack never uses: matching
every element against those was a tenth of a render. Only the running header and footer, which
differ per pack, go in the document's own ``<style>`` (:func:`page_margins_css`).

Rendering reads static files from disk and ``data:`` URIs only: never the network.

A render makes some hundreds of thousands of short-lived Python objects (boxes, styles, text
runs), and most live until the PDF is written: Python's cyclic garbage collector, left on, would
run hundreds of times in a render and find nothing to free, each full pass also walking every
object the worker holds (Django, WeasyPrint, the fonts). :func:`collected_once` switches it off
for the render and collects once at the end.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

# WeasyPrint logs every layout step at INFO; a worker's log wants only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

REPORT_BASE_URL = "https://board-report.invalid/"
STYLESHEET = "pdf/report.css"
UA_STYLESHEET = "pdf/ua.css"


def stylesheet_source(name: str = STYLESHEET) -> str:
    """A print stylesheet's text, as the template loader finds it (it has no variables)."""
    return get_template(name).template.source


def css_string(text: str) -> SafeString:
    """``text`` as a quoted CSS string, safe inside a <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return mark_safe(f'"{escaped}"')


def page_margins_css(*, header_left: str, header_right: str, footer_left: str) -> SafeString:
    """The running header and footer of this pack (the rest of the page box is in report.css).
    The first page (page 1, the chair's page) has no header: it has its own masthead."""
    left, right, footer = css_string(header_left), css_string(header_right), css_string(footer_left)
    return mark_safe(
        f"@page {{ @top-left {{ content: {left}; }} @top-right {{ content: {right}; }} "
        f"@bottom-left {{ content: {footer}; }} }}\n"
        "@page :first { @top-left { content: none; } @top-right { content: none; } }"
    )


def _url_fetcher():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class StaticFileFetcher(URLFetcher):
        """Reads static files from disk (the staticfiles finders) and data: URIs; refuses
        everything else, so rendering never goes over the network."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            prefix = REPORT_BASE_URL + settings.STATIC_URL.lstrip("/")
            if url.startswith(prefix):
                relative = url[len(prefix) :].split("?")[0].split("#")[0]
                path = finders.find(relative)
                if path:
                    data = Path(path).read_bytes()
                    mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, data, {"Content-Type": mime})
            raise FatalURLFetchingError(f"The board report may only use static files, not {url}")

    return StaticFileFetcher()


@dataclass(frozen=True)
class Printer:
    """What every render in this process shares."""

    html_class: type
    stylesheet: object  # weasyprint.CSS
    fonts: object  # weasyprint.text.fonts.FontConfiguration
    fetcher: object

    def pdf(self, html: str) -> bytes:
        document = self.html_class(string=html, base_url=REPORT_BASE_URL, url_fetcher=self.fetcher)
        return document.write_pdf(
            stylesheets=[self.stylesheet], font_config=self.fonts, pdf_variant="pdf/ua-1", pdf_tags=True
        )


@functools.cache
def printer() -> Printer:
    """Made on the first render in a process, then reused (Celery's prefork workers each have one)."""
    from weasyprint import CSS, HTML
    from weasyprint.html import UA_COUNTER_STYLE
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetcher = _url_fetcher()
    user_agent = CSS(string=stylesheet_source(UA_STYLESHEET), counter_style=UA_COUNTER_STYLE, font_config=fonts)
    stylesheet = CSS(
        string=stylesheet_source(STYLESHEET), base_url=REPORT_BASE_URL, url_fetcher=fetcher, font_config=fonts
    )

    class PackHTML(HTML):
        """An HTML document with the pack's own small user-agent stylesheet."""

        def _ua_stylesheets(self, forms=False):
            return [user_agent]

    return Printer(html_class=PackHTML, stylesheet=stylesheet, fonts=fonts, fetcher=fetcher)


@contextlib.contextmanager
def collected_once():
    """No cyclic garbage collection inside the block; one collection of what the block made
    (the youngest generation) when it ends. Reference counting still frees everything at once;
    only cycles wait for the end. Nested blocks, or a collector already off, are left alone."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


def html_to_pdf(html: str) -> bytes:
    """The pack's HTML (without its print stylesheet: :func:`printer` adds it) as a PDF."""
    return printer().pdf(html)
