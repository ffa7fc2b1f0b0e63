// Logs: requests per hour, the list with a filter, a log's details, the logs settings.
import { html } from 'lit';
import { LightElement } from '../ui.js';

class LogsPage extends LightElement {
  render() {
    return html`<div class="page-single"><header class="content-header"><h1>Logs</h1></header>
      <div class="content-body"><p class="hint">Logs are coming here.</p></div></div>`;
  }
}
customElements.define('c-page-logs', LogsPage);
