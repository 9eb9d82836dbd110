// The figure series chart: one line per source, the reference series overlaid, conflicts marked in red.
(function () {
  const payload = JSON.parse(document.getElementById("series-data").textContent);
  const holder = document.getElementById("chart");
  const day = (iso) => Date.parse(iso + "T00:00:00Z") / 1000;
  const dated = (iso) => typeof iso === "string" && /^\d{4}-\d{2}-\d{2}$/.test(iso);
  // One line per reporting body; hovering its legend entry shows how reports named it and the chains.
  const lines = payload.series.map((s) => ({ label: s.source, hover: "named as: " + (s.aliases || []).join("; ")
      + ((s.chains || []).length ? " · chain: " + s.chains.join("; ") : ""),
    // A line joins running totals: one day's or one strike's toll is listed below the chart, not drawn into it.
    points: s.points.filter((p) => dated(p.date) && p.value != null && p.scope !== "period" && p.scope !== "incident")
      .map((p) => [day(p.date), p.value]) }));
  const references = {};
  payload.reference.forEach((r) => { (references[r.series] = references[r.series] || []).push([day(r.date), r.value]); });
  const conflictPoints = [];
  payload.conflicts.forEach((c) => [c.a, c.b].forEach((p) => { if (dated(p.as_of) && p.value != null) conflictPoints.push([day(p.as_of), p.value]); }));
  const extracted = lines.reduce((n, l) => n + l.points.length, 0);
  if (!extracted) { holder.textContent = "No dated points to draw."; return; }
  // The reference spans years; keep the part around the reported points so both stay readable.
  const xs = lines.flatMap((l) => l.points.map((p) => p[0]));
  const lo = Math.min(...xs) - 7 * 86400, hi = Math.max(...xs) + 7 * 86400;
  const all = [...lines, ...Object.entries(references).map(([label, pts]) => ({ label, points: pts.filter((p) => p[0] >= lo && p[0] <= hi), reference: true })),
               { label: "conflict", points: conflictPoints, conflict: true }];
  const stamps = [...new Set(all.flatMap((l) => l.points.map((p) => p[0])))].sort((a, b) => a - b);
  const index = new Map(stamps.map((x, i) => [x, i]));
  const data = [stamps, ...all.map((l) => { const ys = stamps.map(() => null); l.points.forEach(([x, y]) => { ys[index.get(x)] = y; }); return ys; })];
  const palette = ["#2563eb", "#059669", "#db2777", "#d97706", "#7c3aed", "#0891b2", "#ea580c", "#4f46e5"];
  const series = [{}, ...all.map((l, i) => l.conflict
    ? { label: l.label, stroke: "#dc2626", width: 0, paths: () => null, points: { show: true, size: 14, stroke: "#dc2626", fill: "transparent", width: 2 } }
    : l.reference
      ? { label: l.label + " (reference)", stroke: "#9ca3af", width: 2, dash: [6, 4], spanGaps: true, points: { show: false } }
      : { label: l.label, stroke: palette[i % palette.length], width: 2, spanGaps: true, points: { show: true, size: 8, fill: palette[i % palette.length] } })];
  const chart = new uPlot({ width: Math.max(holder.clientWidth - 16, 320), height: 360, series,
    axes: [{}, { size: 70, values: (u, vals) => vals.map((v) => v == null ? "" : v.toLocaleString()) }],
    scales: { x: { time: true } } }, data, holder);
  chart.root.querySelectorAll(".u-legend .u-series").forEach((row, i) => { const line = all[i - 1]; if (line && line.hover) row.title = line.hover; });
  holder.dataset.points = String(extracted);
  holder.dataset.lines = String(lines.filter((l) => l.points.length).length);
  window.seriesChart = chart;
})();
