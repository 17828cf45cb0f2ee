// Runs first in <body>, as GOV.UK Frontend asks, from a file so that the CSP needs no inline script.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
