// The dashboard shell: hash routes, the login gate, the app navigation and the theme.
// Each page is its own module, imported the first time its route is visited.
import { html, nothing } from 'lit';
import { api } from './api.js';
import { LightElement, icons, collectionsStore, toastError } from './ui.js';

/**
 * The routes: a pattern (":name" takes one path segment), the page module and its element, and whether it is
 * open without a login.
 */
const ROUTES = [
  { path: '/login', module: './pages/login.js', tag: 'c-page-login', public: true },
  { path: '/request-password-reset', module: './pages/login.js', tag: 'c-page-request-reset', public: true },
  { path: '/pbinstall/:token', module: './pages/installer.js', tag: 'c-page-installer', public: true },
  { path: '/auth/confirm-verification/:token', module: './pages/auth-actions.js', tag: 'c-page-confirm-verification', public: true },
  { path: '/auth/confirm-password-reset/:token', module: './pages/auth-actions.js', tag: 'c-page-app-password-reset', public: true },
  { path: '/auth/confirm-email-change/:token', module: './pages/auth-actions.js', tag: 'c-page-confirm-email-change', public: true },
  { path: '/auth/oauth2-redirect-success', module: './pages/auth-actions.js', tag: 'c-page-oauth2-success', public: true },
  { path: '/auth/oauth2-redirect-failure', module: './pages/auth-actions.js', tag: 'c-page-oauth2-failure', public: true },
  { path: '/collections', module: './pages/records.js', tag: 'c-page-records' },
  { path: '/logs', module: './pages/logs.js', tag: 'c-page-logs' },
  { path: '/audit', module: './pages/audit.js', tag: 'c-page-audit' },
  { path: '/metrics', module: './pages/metrics.js', tag: 'c-page-metrics' },
  { path: '/jobs', module: './pages/jobs.js', tag: 'c-page-jobs' },
  { path: '/webhooks', module: './pages/webhooks.js', tag: 'c-page-webhooks' },
  { path: '/settings', module: './pages/settings.js', tag: 'c-page-settings' },
  { path: '/settings/:section', module: './pages/settings.js', tag: 'c-page-settings' },
];

/** The current route: path, its params, the query of the hash. */
export function currentRoute() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  const query = Object.fromEntries(new URLSearchParams(search));
  for (const r of ROUTES) {
    const names = [];
    const re = new RegExp(`^${r.path.replace(/:([a-zA-Z]+)/g, (_, n) => {
      names.push(n);
      return '([^/]+)';
    })}/?$`);
    const m = path.match(re);
    if (m) {
      const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { route: r, path, params, query };
    }
  }
  return { route: null, path, params: {}, query };
}

const THEME_KEY = 'coffer_theme';
const ICON = new URL('./icon.svg', import.meta.url).href;

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme || '';
}

class CofferApp extends LightElement {
  static properties = {
    current: { state: true },
    loading: { state: true },
    navOpen: { state: true },
  };

  constructor() {
    super();
    this.current = currentRoute();
    this.loading = false;
    this.navOpen = false;
    applyTheme(localStorage.getItem(THEME_KEY));
    window.addEventListener('hashchange', () => this.route());
    api.onAuthChange((user) => {
      if (!user && !this.current.route?.public) {
        location.hash = '#/login';
      }
      this.requestUpdate();
    });
  }

  connectedCallback() {
    super.connectedCallback();
    this.route();
    if (api.isLoggedIn) {
      // a stored token may have expired or been revoked: refresh it, then load the collections
      api.authRefresh().then(() => collectionsStore.load()).catch((e) => {
        if (e.status !== 401) toastError(e);
      });
    }
  }

  async route() {
    const cur = currentRoute();
    if (!cur.route) {
      location.replace(api.isLoggedIn ? '#/collections' : '#/login');
      return;
    }
    if (!cur.route.public && !api.isLoggedIn) {
      location.replace('#/login');
      return;
    }
    if (cur.route.path === '/login' && api.isLoggedIn) {
      location.replace('#/collections');
      return;
    }
    const hash = location.hash;
    this.loading = true;
    try {
      await import(cur.route.module);
    } finally {
      this.loading = false;
    }
    // moved on while the module loaded (a click in the nav before the first page came): the later route() wins
    if (location.hash !== hash) return;
    this.navOpen = false;
    this.current = cur;
  }

  toggleTheme() {
    const dark = document.documentElement.dataset.theme === 'dark'
      || (!document.documentElement.dataset.theme && matchMedia('(prefers-color-scheme: dark)').matches);
    const next = dark ? 'light' : 'dark';
    localStorage.setItem(THEME_KEY, next);
    applyTheme(next);
  }

  page() {
    const { route, params, query } = this.current;
    if (!route || !customElements.get(route.tag)) return nothing;
    const el = document.createElement(route.tag);
    el.params = params;
    el.query = query;
    return this.keep(el, route.tag);
  }

  /** Keeps one element per page tag so a page keeps its state while only its query changes. */
  keep(fresh, tag) {
    this.pages ||= new Map();
    let el = this.pages.get(tag);
    if (!el) {
      el = fresh;
      this.pages.set(tag, el);
    } else {
      el.params = fresh.params;
      el.query = fresh.query;
    }
    return el;
  }

  render() {
    const { route, path } = this.current;
    if (route?.public) {
      return html`<main class="public-page">${this.page()}</main>`;
    }
    if (!api.isLoggedIn) return nothing;
    const section = path.split('/')[1];
    const link = (href, label, icon, name) => html`<a href="#${href}" class="nav-link ${section === name ? 'active' : ''}"
      aria-current=${section === name ? 'page' : 'false'} title=${label}>${icon}<span>${label}</span></a>`;
    return html`
      <div class="app ${this.navOpen ? 'nav-open' : ''}">
        <nav class="app-nav" aria-label="Main">
          <a class="logo" href="#/collections" title="Coffer"><img src=${ICON} alt="" width="24" height="24"><span>Coffer</span></a>
          ${link('/collections', 'Collections', icons.collections, 'collections')}
          ${link('/logs', 'Logs', icons.logs, 'logs')}
          ${link('/audit', 'Audit', icons.audit, 'audit')}
          ${link('/metrics', 'Metrics', icons.metrics, 'metrics')}
          ${link('/jobs', 'Jobs', icons.jobs, 'jobs')}
          ${link('/webhooks', 'Webhooks', icons.webhooks, 'webhooks')}
          ${link('/settings', 'Settings', icons.settings, 'settings')}
          <a href="/_/docs" class="nav-link" title="API docs (OpenAPI)">${icons.docs}<span>API docs</span></a>
          <div class="nav-spacer"></div>
          <button type="button" class="nav-link" title="Toggle dark mode" aria-label="Toggle dark mode" @click=${() => this.toggleTheme()}>${icons.moon}<span>Theme</span></button>
          <button type="button" class="nav-link" title="Log out (${api.superuser?.email})" aria-label="Log out" @click=${() => api.logout()}>${icons.logout}<span>Log out</span></button>
        </nav>
        <button type="button" class="btn-icon nav-toggle" aria-label="Menu" @click=${() => { this.navOpen = !this.navOpen; }}>${icons.menu}</button>
        <div class="app-main">${this.page()}</div>
      </div>`;
  }
}
customElements.define('coffer-app', CofferApp);
