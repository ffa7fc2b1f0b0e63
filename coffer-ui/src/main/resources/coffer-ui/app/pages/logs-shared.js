// What the parts of the logs page share: the hour arithmetic and its labels, the log levels, durations and the
// page's icons (ui.js's where it has them).
import { html, svg } from 'lit';
import { icons } from '../ui.js';
import { settingsIcons } from './settings-shared.js';

export const HOUR = 3600 * 1000;
const LEVELS = { [-4]: 'DEBUG', 0: 'INFO', 4: 'WARN', 8: 'ERROR' };

const icon = (content) => html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none"
  stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${content}</svg>`;
export const ICONS = {
  gear: icons.settings,
  refresh: icons.refresh,
  search: icons.search,
  copy: icons.copy,
  download: settingsIcons.download,
  x: icons.close,
  sortDown: icon(svg`<path d="M12 5v14M6 13l6 6 6-6"/>`),
  sortUp: icon(svg`<path d="M12 19V5M6 11l6-6 6 6"/>`),
};

export function levelLabel(level) {
  return LEVELS[level] || `LEVEL ${level}`;
}

export function levelClass(level) {
  if (level >= 8) return 'level-error';
  if (level >= 4) return 'level-warn';
  if (level >= 0) return 'level-info';
  return 'level-debug';
}

/** A Date as the API writes datetimes: "2024-01-02 03:04:05.678Z". */
export function apiDate(ms) {
  return new Date(ms).toISOString().replace('T', ' ');
}

export const hourText = (ms) => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
export const dayText = (ms) => new Date(ms).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

export function formatMs(v) {
  if (typeof v !== 'number') return '';
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v < 10 ? v.toFixed(2) : Math.round(v)} ms`;
}
