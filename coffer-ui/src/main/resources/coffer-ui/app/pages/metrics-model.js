// The numbers of the metrics page, computed from GET /api/metrics (Prometheus' text format) in the browser:
// parse() reads a scrape into samples, and summarize() turns two scrapes into rates, latency percentiles (from the
// request histogram's buckets, as Prometheus' histogram_quantile does) and current values.

/** Routes left out of the request numbers: this page's own polling, and realtime streams (open for minutes). */
const SKIPPED = new Set(['/api/metrics', 'GET /api/realtime']);

/** The samples of a scrape: [{ name, labels, value }]; comment lines are skipped, malformed lines too. */
export function parse(text) {
  const samples = [];
  for (const line of String(text).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels = {};
    const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
    for (let l; (l = re.exec(m[3] || ''));) labels[l[1]] = l[2].replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
    const value = m[4] === '+Inf' ? Infinity : m[4] === '-Inf' ? -Infinity : Number(m[4]);
    samples.push({ name: m[1], labels, value });
  }
  return samples;
}

const skipped = (labels) => SKIPPED.has(labels.route) || SKIPPED.has(`${labels.method} ${labels.route}`);

/** The sum of the samples of a name (whose labels pass a test, when given); null when there is none. */
export function total(samples, name, test = () => true) {
  let sum = null;
  for (const s of samples) if (s.name === name && test(s.labels)) sum = (sum ?? 0) + s.value;
  return sum;
}

/** The request counts of a scrape: all, and those with status >= 400, keyed by nothing (summed). */
function requestCounts(samples) {
  let all = 0;
  let failed = 0;
  for (const s of samples) {
    if (s.name !== 'coffer_http_requests_seconds_count' || skipped(s.labels)) continue;
    all += s.value;
    if (Number(s.labels.status) >= 400) failed += s.value;
  }
  return { all, failed };
}

/** The request histogram summed over routes: [{ le, count }] sorted by le. */
function buckets(samples) {
  const byLe = new Map();
  for (const s of samples) {
    if (s.name !== 'coffer_http_requests_seconds_bucket' || skipped(s.labels)) continue;
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    byLe.set(le, (byLe.get(le) || 0) + s.value);
  }
  return [...byLe.entries()].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

/**
 * The q-quantile (0..1) of a cumulative histogram, interpolated linearly inside its bucket; the highest finite
 * bound when it falls in the +Inf bucket; null without observations.
 */
export function quantile(q, hist) {
  const n = hist.length ? hist[hist.length - 1].count : 0;
  if (!n) return null;
  const rank = q * n;
  let prevLe = 0;
  let prevCount = 0;
  for (const { le, count } of hist) {
    if (count >= rank) {
      if (le === Infinity) return prevLe;
      const inBucket = count - prevCount;
      return inBucket ? prevLe + (le - prevLe) * ((rank - prevCount) / inBucket) : le;
    }
    prevLe = le;
    prevCount = count;
  }
  return prevLe;
}

/** The difference of two cumulative histograms (a counter reset — a restart — counts from zero). */
function histDelta(now, before) {
  const old = new Map(before.map((b) => [b.le, b.count]));
  return now.map(({ le, count }) => {
    const was = old.get(le) || 0;
    return { le, count: count >= was ? count - was : count };
  });
}

/**
 * What changed between two scrapes taken `seconds` apart, and the current values of the later one:
 * { rps, errorRate, p50, p95 (seconds), realtimeClients, jobsQueued, heapUsed, threads, dbActive, dbPending,
 *   walBytes, logsDropped }. Rates are null without an earlier scrape; percentiles null without requests.
 */
export function summarize(now, before, seconds) {
  const out = {
    realtimeClients: total(now, 'coffer_realtime_clients'),
    jobsQueued: total(now, 'coffer_jobs_queued') ?? total(now, 'coffer_jobs_pending') ?? total(now, 'coffer_jobs_queue_depth'),
    heapUsed: total(now, 'jvm_memory_used_bytes', (l) => l.area === 'heap'),
    threads: total(now, 'jvm_threads_live_threads'),
    dbActive: total(now, 'coffer_db_pool_connections', (l) => l.db === 'data' && l.state === 'active'),
    dbPending: total(now, 'coffer_db_pool_pending', (l) => l.db === 'data'),
    walBytes: total(now, 'coffer_db_wal_size_bytes'),
    logsDropped: total(now, 'coffer_logs_dropped_total'),
    rps: null, errorRate: null, p50: null, p95: null,
  };
  if (!before || !(seconds > 0)) return out;
  const a = requestCounts(now);
  const b = requestCounts(before);
  const requests = a.all >= b.all ? a.all - b.all : a.all;
  const failed = a.failed >= b.failed ? a.failed - b.failed : a.failed;
  out.rps = requests / seconds;
  out.errorRate = requests ? failed / requests : 0;
  const hist = histDelta(buckets(now), buckets(before));
  out.p50 = quantile(0.5, hist);
  out.p95 = quantile(0.95, hist);
  return out;
}
