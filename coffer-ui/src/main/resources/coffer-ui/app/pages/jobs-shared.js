// What the Jobs and Webhooks pages share: a time as a clock reading, for times that may lie in the near future.
import { html } from 'lit';
import { formatDate } from '../ui.js';
import { parseTime } from '../components/history-view.js';

/**
 * A <time> showing an API time as the local clock time (today) or date and time: for when a job runs or a delivery
 * is tried next, which "just now" or "in 3 seconds" would misstate once the page has been open a while.
 */
export function clockTag(value) {
  const d = parseTime(value);
  if (!d) return html`<span class="hint">—</span>`;
  const today = d.toDateString() === new Date().toDateString();
  return html`<time class="hv-time" datetime=${d.toISOString()} title="${formatDate(value)} (${value} UTC)">${today
    ? d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : formatDate(value)}</time>`;
}
