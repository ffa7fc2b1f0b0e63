// The chart of the logs page: logs per hour (from /api/logs/stats) over the last day or more as SVG bars, with a
// tooltip; clicking an hour lists only that hour. Drawn by renderChart(page) with the page's state.
import { html, svg, nothing } from 'lit';
import { HOUR, apiDate, dayText, hourText } from './logs-shared.js';

function parseDate(value) {
  return new Date(String(value).replace(' ', 'T')).getTime();
}

function niceStep(raw) {
  if (raw <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const n = raw / p;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * p;
}

/** The hours of the last day (or from an older hour the stats hold) to now, each with its count of logs. */
function chartData(stats) {
  const counts = new Map();
  for (const s of stats) counts.set(parseDate(s.date), s.total);
  const nowHour = Math.floor(Date.now() / HOUR) * HOUR;
  const keys = [...counts.keys()];
  const last = Math.max(nowHour, ...keys);
  const first = Math.min(last - 23 * HOUR, ...keys);
  const hours = [];
  for (let t = first; t <= last; t += HOUR) hours.push({ t, total: counts.get(t) || 0 });
  return hours;
}

/** The chart of the logs page (c-page-logs: stats, statsLoading, total, chartWidth, hover, zoom, setZoom). */
export function renderChart(host) {
  const phone = host.chartWidth < 560;
  const W = Math.max(host.chartWidth, 240);
  const H = phone ? 120 : 160;
  const pad = { l: 40, r: 8, t: 10, b: 24 };
  const pw = W - pad.l - pad.r;
  const ph = H - pad.t - pad.b;
  const hours = chartData(host.stats);
  const max = Math.max(0, ...hours.map((h) => h.total));
  const step = niceStep(Math.max(1, max) / 3);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticksY = [];
  for (let v = 0; v <= top; v += step) ticksY.push(v);
  const bw = pw / hours.length;
  const y = (v) => pad.t + ph - (v / top) * ph;
  const every = [1, 2, 3, 6, 12, 24, 48, 72, 168].find((k) => k * bw >= (phone ? 56 : 64)) || 168;
  const ticksX = hours.map((h, i) => ({ ...h, i })).filter((h) => {
    const d = new Date(h.t);
    return every < 24 ? d.getHours() % every === 0 && d.getMinutes() === 0 : d.getHours() === 0 && Math.round((h.t - hours[0].t) / HOUR / 24) % (every / 24) === 0;
  });
  const busiest = hours.reduce((a, b) => (b.total > a.total ? b : a), hours[0]);
  const hover = host.hover != null ? hours[host.hover] : null;
  const tipLeft = hover ? Math.min(Math.max(pad.l + (host.hover + 0.5) * bw, 90), W - 90) : 0;
  return html`<figure class="logs-chart ${host.statsLoading ? 'loading' : ''}" aria-label="Logs per hour">
    <svg width=${W} height=${H} viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="logs-chart-summary"
      @mouseleave=${() => { host.hover = null; }}>
      ${ticksY.map((v) => svg`<g class="tick-y"><line x1=${pad.l} x2=${W - pad.r} y1=${y(v)} y2=${y(v)}></line>
        <text x=${pad.l - 6} y=${y(v) + 4} text-anchor="end">${v}</text></g>`)}
      ${ticksX.map((h) => {
        const x = pad.l + h.i * bw;
        const midnight = new Date(h.t).getHours() === 0;
        return svg`<g class="tick-x"><line x1=${x} x2=${x} y1=${pad.t + ph} y2=${pad.t + ph + 4}></line>
          <text x=${x} y=${H - 6} text-anchor=${x > W - pad.r - 34 ? 'end' : 'middle'} class=${midnight ? 'day' : ''}>${midnight ? dayText(h.t) : hourText(h.t)}</text></g>`;
      })}
      <line class="axis" x1=${pad.l} x2=${W - pad.r} y1=${pad.t + ph} y2=${pad.t + ph}></line>
      ${hours.map((h, i) => {
        const x = pad.l + i * bw;
        const bh = ph - (y(h.total) - pad.t);
        const label = `${dayText(h.t)} ${hourText(h.t)}–${hourText(h.t + HOUR)}: ${h.total} ${h.total === 1 ? 'log' : 'logs'}`;
        return svg`<g class="bar-slot ${host.zoom === h.t ? 'zoomed' : ''} ${host.hover === i ? 'hovered' : ''}" data-hour=${apiDate(h.t)}
          @mouseenter=${() => { host.hover = i; }} @click=${() => h.total && host.setZoom(h.t)}>
          <rect class="hit" x=${x} y=${pad.t} width=${bw} height=${ph}><title>${label}</title></rect>
          ${h.total ? svg`<rect class="bar" x=${x + Math.min(1, bw * 0.1)} y=${y(h.total)} width=${Math.max(1, bw - Math.min(2, bw * 0.2))} height=${Math.max(1, bh)}></rect>` : nothing}
        </g>`;
      })}
      ${!hours.some((h) => h.total) && !host.statsLoading ? svg`<text class="no-data" x=${pad.l + pw / 2} y=${pad.t + ph / 2} text-anchor="middle">No logs in this period</text>` : nothing}
    </svg>
    ${hover ? html`<div class="chart-tip" style="left:${tipLeft}px" aria-hidden="true">
      <strong>${hover.total} ${hover.total === 1 ? 'log' : 'logs'}</strong>
      <span>${dayText(hover.t)}, ${hourText(hover.t)}–${hourText(hover.t + HOUR)}</span>
      ${hover.total ? html`<span class="hint">${host.zoom === hover.t ? 'Click to show all hours' : 'Click to list this hour'}</span>` : nothing}
    </div>` : nothing}
    <figcaption id="logs-chart-summary" class="sr-only">Logs per hour from ${dayText(hours[0].t)} ${hourText(hours[0].t)} to now:
      ${host.total} in total${busiest?.total ? `, at most ${busiest.total} in the hour from ${hourText(busiest.t)} on ${dayText(busiest.t)}` : ''}.</figcaption>
  </figure>`;
}
