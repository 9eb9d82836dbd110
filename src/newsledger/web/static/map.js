// The ledger map: vendored Natural Earth outlines as the only base layer (no tiles), one circle per place and
// colour from /api/map/{layer}, its radius growing with the square root of the count (area ~ count).
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || !window.L || !window.topojson) { return; }
  var PALETTE = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                 "#bcbd22", "#7f7f7f"];
  var map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([30, 20], 2);
  map.attributionControl.addAttribution("Natural Earth (public domain) · GeoNames (CC BY 4.0)");

  function query() {
    var params = new URLSearchParams();
    if (element.dataset.since) { params.set("since", element.dataset.since); }
    if (element.dataset.until) { params.set("until", element.dataset.until); }
    if (element.dataset.within) { params.set("within", element.dataset.within); }
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function legend(colours) {
    var list = document.getElementById("map-legend");
    Object.keys(colours).forEach(function (name) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colours[name];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(name));
      list.appendChild(item);
    });
  }

  function drawPoints(collection) {
    var colours = {};
    var bounds = [];
    collection.features.forEach(function (feature) {
      var p = feature.properties;
      if (!(p.colour_by in colours)) {
        colours[p.colour_by] = PALETTE[Object.keys(colours).length % PALETTE.length];
      }
      var latlng = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
      bounds.push(latlng);
      var circle = L.circleMarker(latlng, { radius: 5 + 4 * Math.sqrt(p.count), color: colours[p.colour_by],
                                            fillOpacity: 0.55, weight: 1, className: "map-point" });
      var when = p.first ? (p.first === p.last ? p.first : p.first + " – " + p.last) : "undated";
      circle.bindTooltip(p.place + ": " + p.count + " × " + p.colour_by + " (" + when + ")");
      circle.addTo(map);
    });
    legend(colours);
    if (bounds.length) { map.fitBounds(bounds, { maxZoom: 8, padding: [30, 30] }); }
    element.dataset.points = String(collection.features.length);
  }

  fetch("/static/vendor/world-atlas/countries-50m.json")
    .then(function (response) { return response.json(); })
    .then(function (world) {
      L.geoJSON(topojson.feature(world, world.objects.countries),
                { style: { color: "#8a8a8a", weight: 0.6, fillColor: "#f3f1ea", fillOpacity: 1 },
                  interactive: false }).addTo(map);
      return fetch("/api/map/" + encodeURIComponent(element.dataset.layer) + query());
    })
    .then(function (response) { return response.json(); })
    .then(drawPoints)
    .catch(function () { element.dataset.points = "error"; });
}());
