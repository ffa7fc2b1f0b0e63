// A minimal SMTP server for tests: it accepts every message and keeps it, decoded, so a test can read the link
// or code Coffer mailed. Used by e2e/auth-flows.test.mjs and the dashboard's browser tests.
import { createServer as createTcpServer } from 'node:net';

/**
 * A new catcher: `server` (a net.Server to listen on), `mails` ({to, raw, text} in arrival order) and
 * `mailTo(address, since)`, the first mail to an address after the first `since` mails (waits up to 15 s).
 */
export function mailCatcher() {
  const mails = [];
  const waiting = [];

  function decodeQuotedPrintable(text) {
    return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  }

  /** The readable text of a raw message: every part decoded from base64 or quoted-printable. */
  function readable(raw) {
    const out = [raw];
    for (const part of raw.split(/\r?\n--[^\r\n]+\r?\n/)) {
      const [head, ...rest] = part.split(/\r?\n\r?\n/);
      const body = rest.join('\n\n');
      if (/content-transfer-encoding:\s*base64/i.test(head)) {
        out.push(Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8'));
      } else if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
        out.push(decodeQuotedPrintable(body));
      }
    }
    return out.join('\n');
  }

  const server = createTcpServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let message = '';
    let to = [];
    socket.write('220 test-smtp ready\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          message += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          const mail = { to, raw: message, text: readable(message) };
          mails.push(mail);
          waiting.splice(0).forEach((wake) => wake());
          socket.write('250 queued\r\n');
          message = '';
          to = [];
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-test-smtp\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') socket.write('250 ok\r\n');
        else if (verb === 'RCPT') {
          to.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, '$1'));
          socket.write('250 ok\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
          return;
        } else socket.write('250 ok\r\n');
      }
    });
  });

  /** The first caught mail to `address` after `since` mails, waiting up to 15 s for it. */
  async function mailTo(address, since) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = mails.slice(since).find((m) => m.to.some((t) => t.toLowerCase() === address.toLowerCase()));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no mail to ${address} within 15 s`);
      await new Promise((wake) => {
        waiting.push(wake);
        setTimeout(wake, 500);
      });
    }
  }

  return { server, mails, mailTo };
}
