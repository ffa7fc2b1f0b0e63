// The API docs page (/_/docs): Swagger UI on /api/openapi.json. When the dashboard has a signed-in superuser (its
// token in localStorage, as app/api.js keeps it), the document is fetched and "Try it out" requests are sent with
// that token in Authorization (the raw token, PocketBase style).
(() => {
  const AUTH_KEY = 'coffer_superuser_auth';
  let token = '';
  try {
    token = JSON.parse(localStorage.getItem(AUTH_KEY) || 'null')?.token || '';
  } catch {
    token = '';
  }
  document.getElementById('coffer-docs-auth').textContent = token
    ? 'Requests use your dashboard sign-in.'
    : 'Not signed in: sign in to the dashboard to read a document only superusers may see.';
  const ui = window.SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: false,
    requestInterceptor: (req) => {
      if (token && !req.headers.Authorization) req.headers.Authorization = token;
      return req;
    },
    onComplete: () => {
      if (token) ui.preauthorizeApiKey('recordToken', token);
    },
  });
  window.ui = ui;
})();
