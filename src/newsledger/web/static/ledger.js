// Tooltips for highlighted spans, and the narrator / quoted voice toggle of the article page.
(function () {
  const tip = document.getElementById("tip");
  function show(target, x, y) {
    tip.textContent = target.dataset.tip;
    tip.hidden = false;
    const box = tip.getBoundingClientRect();
    tip.style.left = Math.min(x + 12, window.innerWidth - box.width - 8) + "px";
    tip.style.top = (y + 16 + box.height > window.innerHeight ? y - box.height - 10 : y + 16) + "px";
  }
  document.addEventListener("mouseover", (e) => {
    const target = e.target.closest("[data-tip]");
    if (target) show(target, e.clientX, e.clientY); else tip.hidden = true;
  });
  document.addEventListener("focusin", (e) => {
    const target = e.target.closest("[data-tip]");
    if (target) { const r = target.getBoundingClientRect(); show(target, r.left, r.bottom - 8); }
  });
  document.addEventListener("focusout", () => { tip.hidden = true; });
  const body = document.getElementById("article-body");
  document.querySelectorAll(".voice-toggle").forEach((button) => {
    button.addEventListener("click", () => {
      body.dataset.voice = button.dataset.voice;
      document.querySelectorAll(".voice-toggle").forEach((b) => b.classList.toggle("active", b === button));
    });
  });
})();
