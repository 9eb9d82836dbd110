// Review mode on the article page: click a highlighted span (or an event row) to correct, reject or re-assign it;
// select words in the body to add a quote, figure, time or event the engines missed. Corrections go to
// /review/corrections as JSON with the session's CSRF token; the page then reloads to show the corrected record.
(function () {
  const form = document.getElementById("review-form");
  const body = document.getElementById("article-body");
  if (!form || !body) return;
  const FIELDS = {
    quote: ["speaker", "kind"],
    figure: ["value", "qualifier", "category", "source", "place", "as_of", "low", "high", "unit", "scope"],
    time: ["value", "type"],
    event: ["type", "date", "place", "actor", "target"],
  };
  const ADD_FIELDS = {quote: ["speaker", "kind"], figure: ["value", "category", "qualifier", "source"],
                      time: ["value", "type"], event: ["type", "date", "place"]};
  const what = document.getElementById("review-what");
  const error = document.getElementById("review-error");
  let picked = null;  // {target, record_id} or {start, end}

  function fillFields(names) {
    form.field.replaceChildren(...names.map((name) => new Option(name, name)));
  }
  function layout() {
    const action = form.action.value;
    document.getElementById("review-kind").hidden = action !== "add";
    document.getElementById("review-field").hidden = action === "reject" || action === "accept";
    document.getElementById("review-value").hidden = action === "reject" || action === "accept";
    const target = action === "add" ? form.target.value : picked && picked.target;
    if (target) fillFields((action === "add" ? ADD_FIELDS : FIELDS)[target]);
  }
  function open(description) {
    error.textContent = "";
    what.textContent = description;
    form.hidden = false;
    layout();
    form.why.focus();
  }
  function offsetIn(node, offset) {
    const range = document.createRange();
    range.setStart(body, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  document.addEventListener("click", (event) => {
    const span = event.target.closest("[data-record]");
    if (!span || (!body.contains(span) && !span.classList.contains("reviewable"))) return;
    if (!window.getSelection().isCollapsed) return;
    const [target, recordId] = span.dataset.record.split(":");
    picked = {target: target, record_id: recordId};
    form.action.value = "change";
    form.target.value = target;
    open(`${target} ${recordId}: “${span.textContent.trim().slice(0, 80)}”`);
  });
  body.addEventListener("mouseup", () => {
    const selection = window.getSelection();
    if (selection.isCollapsed || !body.contains(selection.anchorNode) || !body.contains(selection.focusNode)) return;
    const range = selection.getRangeAt(0);
    let start = offsetIn(range.startContainer, range.startOffset);
    let end = offsetIn(range.endContainer, range.endOffset);
    const words = body.textContent.slice(start, end);
    start += words.length - words.trimStart().length;
    end -= words.length - words.trimEnd().length;
    if (end <= start) return;
    picked = {start: start, end: end};
    form.action.value = "add";
    open(`selected: “${body.textContent.slice(start, end).slice(0, 80)}” (${start}..${end})`);
  });
  form.action.addEventListener("change", layout);
  form.target.addEventListener("change", layout);
  document.getElementById("review-cancel").addEventListener("click", () => { form.hidden = true; });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const action = form.action.value;
    const payload = {action: action, article_id: form.dataset.article, why: form.why.value};
    if (action === "add") {
      if (picked.start === undefined) { error.textContent = "Select the words to add first."; return; }
      Object.assign(payload, {target: form.target.value, start: picked.start, end: picked.end,
                              after: {[form.field.value]: form.after.value}});
    } else {
      if (picked.record_id === undefined) { error.textContent = "Click a highlighted record first."; return; }
      Object.assign(payload, {target: picked.target, record_id: picked.record_id});
      if (action === "change") Object.assign(payload, {field: form.field.value, after: form.after.value});
    }
    const response = await fetch("/review/corrections", {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": form.dataset.csrf},
      body: JSON.stringify(payload),
    });
    if (response.ok) { window.location.reload(); return; }
    const detail = await response.json().catch(() => ({}));
    error.textContent = typeof detail.detail === "string" ? detail.detail : `refused (${response.status})`;
  });
})();
