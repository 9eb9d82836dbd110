// The API docs page: Swagger UI from the vendored bundle, pointed at this server's OpenAPI schema. A file rather
// than the usual inline script, so that the Content-Security-Policy can forbid inline script everywhere.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
