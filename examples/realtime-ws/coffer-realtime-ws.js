// A tiny, dependency-free client for Coffer's realtime WebSocket (/api/realtime/ws). ES module; runs in browsers
// and in any runtime with a WHATWG WebSocket (Node 22+, Deno, Bun), or pass one in: { WebSocket } from the `ws` package.
//
//   const rt = new CofferRealtime('http://127.0.0.1:8090', { token });
//   const off = await rt.subscribe('posts/*', (e) => console.log(e.action, e.record), { query: { expand: 'author' } });
//   await off();          // unsubscribe
//   rt.close();
//
// It reconnects after a dropped connection (1 s, doubling up to 30 s) and then sends its auth and every
// subscription again; `onConnect(clientId, reconnected)` tells when, so an app can refetch what it may have missed.

export class CofferRealtime {
  /**
   * @param {string} baseUrl the server, e.g. http://127.0.0.1:8090 (ws: or wss: is derived from it)
   * @param {{token?: string, WebSocket?: typeof WebSocket, onConnect?: (clientId: string, reconnected: boolean) => void,
   *          onError?: (error: object) => void, maxDelayMs?: number}} [options]
   */
  constructor(baseUrl, options = {}) {
    this.url = baseUrl.replace(/\/+$/, '').replace(/^http/, 'ws') + '/api/realtime/ws';
    this.token = options.token || '';
    this.WebSocket = options.WebSocket || globalThis.WebSocket;
    if (!this.WebSocket) throw new Error('no WebSocket implementation: pass options.WebSocket');
    this.onConnect = options.onConnect || (() => {});
    this.onError = options.onError || (() => {});
    this.maxDelayMs = options.maxDelayMs || 30000;
    this.clientId = '';
    this.listeners = new Map(); // topic as the server names it -> Set of callbacks
    this.pending = new Map(); // request id -> {resolve, reject}
    this.nextId = 1;
    this.closed = false;
    this.connected = false;
    this.everConnected = false;
    this.delayMs = 1000;
    this.ready = null;
    this.connect();
  }

  /** Opens the socket; resolves once the server said `connect` (and, after a reconnect, auth and topics are back). */
  connect() {
    this.ready = new Promise((resolve) => {
      const ws = new this.WebSocket(this.url);
      this.ws = ws;
      ws.onmessage = (m) => this.receive(JSON.parse(typeof m.data === 'string' ? m.data : m.data.toString()), resolve);
      ws.onclose = () => this.dropped();
      ws.onerror = () => {}; // a close follows
    });
    return this.ready;
  }

  async receive(frame, resolve) {
    if (frame.type === 'connect') {
      this.clientId = frame.clientId;
      this.connected = true;
      this.delayMs = 1000;
      const reconnected = this.everConnected;
      this.everConnected = true;
      try {
        if (this.token) await this.request({ type: 'auth', token: this.token });
        const topics = [...this.listeners.keys()];
        if (topics.length) await this.request({ type: 'subscribe', topics });
      } catch (e) {
        this.onError(e);
      }
      resolve();
      this.onConnect(this.clientId, reconnected);
    } else if (frame.type === 'event') {
      for (const cb of this.listeners.get(frame.topic) || []) cb(frame.data);
    } else if (frame.id !== undefined && this.pending.has(frame.id)) {
      const { resolve: ok, reject } = this.pending.get(frame.id);
      this.pending.delete(frame.id);
      if (frame.type === 'error') reject(Object.assign(new Error(frame.message), frame));
      else ok(frame);
    } else if (frame.type === 'error') {
      this.onError(frame); // not an answer: e.g. the auth record was deleted, or its token expired
    }
  }

  dropped() {
    this.connected = false;
    for (const { reject } of this.pending.values()) reject(new Error('connection closed'));
    this.pending.clear();
    if (this.closed) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.maxDelayMs);
    setTimeout(() => { if (!this.closed) this.connect(); }, delay);
  }

  /** Sends a request and resolves with its `ack` (rejects with the `error` frame, which has status, message, data). */
  request(body) {
    const id = 'r' + this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ ...body, id }));
    });
  }

  /** Binds a record's or superuser's auth token ('' for a guest); kept for reconnects. */
  async auth(token) {
    await this.ready;
    this.token = token || '';
    return this.request({ type: 'auth', token: this.token });
  }

  /**
   * Subscribes to a topic (`posts`, `posts/*`, `posts/RECORD_ID`) with optional `{query, headers}` options; the
   * callback gets `{action, record}`. Resolves with a function that removes this callback (and unsubscribes when it was
   * the topic's last).
   */
  async subscribe(topic, callback, options) {
    await this.ready;
    const { topics: [key] } = await this.request({ type: 'subscribe', topics: [topic], ...(options ? { options } : {}) });
    if (!this.listeners.has(key)) this.listeners.set(key, new Set());
    this.listeners.get(key).add(callback);
    return async () => {
      const set = this.listeners.get(key);
      if (!set) return;
      set.delete(callback);
      if (set.size === 0) {
        this.listeners.delete(key);
        if (this.connected) await this.request({ type: 'unsubscribe', topics: [key] });
      }
    };
  }

  /** Removes every subscription (of one topic, with any options, when given). */
  async unsubscribe(topic) {
    await this.ready;
    for (const key of [...this.listeners.keys()]) {
      if (!topic || key === topic || key.startsWith(topic + '?')) this.listeners.delete(key);
    }
    return this.request(topic ? { type: 'unsubscribe', topics: [topic] } : { type: 'unsubscribe' });
  }

  /** Closes the socket for good (no reconnect). */
  close() {
    this.closed = true;
    this.ws?.close();
  }
}
