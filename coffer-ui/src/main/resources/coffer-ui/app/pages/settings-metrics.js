// Settings › Metrics and API docs: who may scrape GET /api/metrics besides superusers (allowed IPs and subnets, a
// bearer token) and who may read GET /api/openapi.json. Both sections are Coffer's own: the stored settings hold them
// only once saved here or through the API.
import { html } from 'lit';
import { SettingsForm } from './settings-form.js';

const ACCESS = [
  { value: 'superusers', label: 'Superusers only' },
  { value: 'authenticated', label: 'Any signed-in user' },
  { value: 'public', label: 'Everyone' },
];

class MetricsSettings extends SettingsForm {
  static secrets = ['metrics.token'];

  constructor() {
    super();
    this.savedMessage = 'Metrics and API docs settings saved.';
  }

  pick(s) {
    return {
      metrics: { allowedIPs: [...(s.metrics?.allowedIPs || [])], token: '' },
      openapi: { access: s.openapi?.access || 'superusers' },
    };
  }

  renderForm() {
    return this.formTemplate(html`
      <h2 class="section-title first">Metrics</h2>
      <p class="hint">A Prometheus scraper reads <code>GET /api/metrics</code> with a superuser's token, from an allowed
        address, or with the bearer token set here (<code>Authorization: Bearer …</code>). See the
        <a href="#/metrics">Metrics</a> page for the same figures.</p>
      ${this.list('metrics.allowedIPs', 'Allowed IPs and subnets', {
        placeholder: '127.0.0.1, 10.0.0.0/8',
        help: 'Comma separated IPs or CIDR subnets that may scrape without a token (the client IP as the trusted proxy settings give it).',
      })}
      ${this.secret('metrics.token', 'Scrape token', {
        help: 'Write-only, 16 to 255 characters; leave blank to keep the stored one.',
      })}
      <h2 class="section-title">API docs</h2>
      <p class="hint">The OpenAPI document of this API (<code>GET /api/openapi.json</code>, shown at
        <a href="/_/docs" target="_blank" rel="noopener">/_/docs</a>) lists every collection with its fields.</p>
      ${this.select('openapi.access', 'Who may read the API document', ACCESS)}
    `);
  }

  render() {
    return this.page('Metrics and API docs');
  }
}
customElements.define('c-settings-metrics', MetricsSettings);
