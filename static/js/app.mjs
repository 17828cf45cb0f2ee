import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// On a narrow screen tables stack (css/app.css): label each cell with its column's heading,
// where the template has not already.
for (const table of document.querySelectorAll("main table.govuk-table")) {
  // A heading's visible words only: not its hidden "(sort)" or its sort arrow.
  const headings = [...table.querySelectorAll("thead tr:last-child th")].map((th) => {
    const copy = th.cloneNode(true);
    copy.querySelectorAll(".govuk-visually-hidden, [aria-hidden='true']").forEach((hidden) => hidden.remove());
    return copy.textContent.trim();
  });
  if (!headings.length) continue;
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.children].forEach((cell, index) => {
      if (!cell.hasAttribute("data-label") && headings[index]) cell.setAttribute("data-label", headings[index]);
    });
  }
}
