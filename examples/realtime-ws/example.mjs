// Usage: node example.mjs http://127.0.0.1:8090 [TOKEN]   (Node 20: `npm i ws` next to it; Node 22+ needs nothing)
import { CofferRealtime } from './coffer-realtime-ws.js';

const [, , baseUrl = 'http://127.0.0.1:8090', token = ''] = process.argv;
const WebSocket = globalThis.WebSocket || (await import('ws')).default;
const rt = new CofferRealtime(baseUrl, {
  token,
  WebSocket,
  onConnect: (id, again) => console.log(again ? 'reconnected as' : 'connected as', id),
  onError: (e) => console.warn('realtime:', e.status, e.message),
});
await rt.subscribe('posts/*', ({ action, record }) => console.log(action, record.id, record));
console.log('listening to posts/*; create a post to see it (Ctrl-C to stop)');
