import { join } from 'node:path';
import { Server, call, cli, sleep, workDir } from './lib.mjs';
const which = process.argv[2]; // plain | hooked
const live = process.argv[3] === 'live';
import { spawn } from 'node:child_process';
const receiverCode = `
const { createServer } = require('node:http');
const server = createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(204); res.end(); }); });
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;
const receiverProcess = spawn(process.execPath, ['-e', receiverCode], { stdio: ['ignore', 'pipe', 'inherit'] });
const receiverPort = await new Promise((ok) => receiverProcess.stdout.once('data', (d) => ok(Number(String(d).trim()))));
const coffer = join(process.cwd(), 'coffer');
const work = workDir('coffer-prof-', false);
const dataDir = join(work, 'coffer_data');
cli(coffer, ['superuser', 'upsert', 'b@example.com', '1234567890', `--dir=${dataDir}`]);
const server = new Server('coffer', coffer, [], dataDir, work);
await server.start();
const su = (await call(server.url, 'POST', '/api/collections/_superusers/auth-with-password', { identity: 'b@example.com', password: '1234567890' })).token;
await call(server.url, 'PATCH', '/api/settings', { logs: { maxDays: 0 } }, su);
await call(server.url, 'POST', '/api/webhooks/install', undefined, su);
const fields = [{ name: 'title', type: 'text' }, { name: 'status', type: 'select', maxSelect: 1, values: ['open', 'paid', 'void'] },
  { name: 'amount', type: 'number' }, { name: 'customer', type: 'email' }, { name: 'created', type: 'autodate', onCreate: true }];
for (const name of ['plain', 'hooked']) await call(server.url, 'POST', '/api/collections', { name, type: 'base', fields }, su);
for (let i = 1; i <= 3; i++) await call(server.url, 'POST', '/api/collections/_webhooks/records', { name: `r${i}`, url: `http://127.0.0.1:${receiverPort}/hook${i}`, events: ['hooked.create'], enabled: true }, su);
if (!live) await call(server.url, 'POST', '/api/jobs/pause', undefined, su);
let n = 0;
async function run(ms) { const end = performance.now() + ms; let k = 0; while (performance.now() < end) { n++; k++;
  await call(server.url, 'POST', `/api/collections/${which}/records`, { title: `Invoice ${n}`, status: 'open', amount: n * 2.5, customer: `c${n}@example.com` }, su); } return k / (ms / 1000); }
await run(8000);
const rate = await run(15000);
console.log(which, rate.toFixed(0), 'req/s');
const fs = await import('node:fs');
const cpu = (pid) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
console.log('cpu s: server', cpu(server.process.pid), 'receiver', cpu(receiverProcess.pid), 'client', process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6);
const byName = {};
for (const t of fs.readdirSync(`/proc/${server.process.pid}/task`)) {
  try { const st = fs.readFileSync(`/proc/${server.process.pid}/task/${t}/stat`, 'utf8'); const name = st.slice(st.indexOf('(') + 1, st.lastIndexOf(')')).replace(/[0-9]+/g, 'N');
    const f = st.split(') ')[1].split(' '); byName[name] = (byName[name] || 0) + (Number(f[11]) + Number(f[12])) / 100; } catch {}
}
console.log(Object.entries(byName).sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${k}=${v.toFixed(1)}`).join(' '));
await server.stop(); receiverProcess.kill();
