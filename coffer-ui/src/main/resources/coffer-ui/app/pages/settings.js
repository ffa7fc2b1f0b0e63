// Settings: application, mail, files storage, backups, crons, export/import of collections, SQL, superusers.
import { html } from 'lit';
import { LightElement } from '../ui.js';

class SettingsPage extends LightElement {
  static properties = { params: {} };

  render() {
    return html`<div class="page-single"><header class="content-header"><h1>Settings</h1></header>
      <div class="content-body"><p class="hint">Settings are coming here.</p></div></div>`;
  }
}
customElements.define('c-page-settings', SettingsPage);
