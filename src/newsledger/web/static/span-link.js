// An alert's link ends in #span-START-END (character offsets into the article text): mark that stretch of the
// body and scroll to it. The body is the article text cut into runs, so offsets are counted over the runs' text.
(function () {
  const wanted = /^#span-(\d+)-(\d+)$/.exec(window.location.hash);
  const body = document.getElementById("article-body");
  if (!wanted || !body) return;
  const start = Number(wanted[1]), end = Number(wanted[2]);
  let offset = 0, first = null;
  for (const run of body.children) {
    const length = run.textContent.length;
    if (offset < end && offset + length > start) {
      run.classList.add("span-linked");
      first = first || run;
    }
    offset += length;
  }
  if (first) first.scrollIntoView({ block: "center" });
})();
