/**
 * Local stand-ins for the external ends of alert delivery, each implementing the documented contract:
 * - a webhook receiver that keeps every request (headers + raw body) and can be told to fail;
 * - Slack's incoming-webhook contract (POST JSON to the hook path → `200 ok`; `400 invalid_payload` for a body
 *   that is not JSON or has neither `text` nor `blocks`/`attachments`; `404 no_service` for another path);
 * - a real SMTP server (smtp-server) whose received messages are parsed with mailparser.
 * All bind 127.0.0.1 on a free port.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One received HTTP request. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A running local HTTP receiver. */
export interface HttpReceiver {
  url: string;
  received: ReceivedRequest[];
  /** Status to answer (default 200) — set 500 to make the channel fail. */
  status: number;
  /** Delay before answering, ms. */
  delayMs: number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A generic webhook receiver. */
export async function startWebhookReceiver(): Promise<HttpReceiver> {
  const receiver: HttpReceiver = { url: '', received: [], status: 200, delayMs: 0, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      setTimeout(() => {
        res.writeHead(receiver.status, { 'content-type': 'text/plain' });
        res.end(receiver.status < 300 ? 'ok' : 'receiver failing');
      }, receiver.delayMs);
    });
  });
  const port = await listen(server);
  receiver.url = `http://127.0.0.1:${port}/earshot`;
  receiver.close = () => new Promise<void>((r) => server.close(() => r()));
  return receiver;
}

/** A server implementing Slack's incoming-webhook contract at `/services/T000/B000/XXXX`. */
export async function startSlackReceiver(): Promise<HttpReceiver> {
  const hookPath = '/services/T000/B000/XXXXXXXXXXXXXXXX';
  const receiver: HttpReceiver = { url: '', received: [], status: 200, delayMs: 0, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = (status: number, text: string): void => {
        res.writeHead(status, { 'content-type': 'text/html' });
        res.end(text);
      };
      if (req.method !== 'POST' || req.url !== hookPath) return answer(404, 'no_service');
      let payload: Record<string, unknown>;
      try {
        payload = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return answer(400, 'invalid_payload');
      }
      if (
        typeof payload.text !== 'string' &&
        !Array.isArray(payload.blocks) &&
        !Array.isArray(payload.attachments)
      ) {
        return answer(400, 'no_text');
      }
      receiver.received.push({ path: req.url, headers: req.headers, body });
      answer(receiver.status, receiver.status === 200 ? 'ok' : 'internal_error');
    });
  });
  const port = await listen(server);
  receiver.url = `http://127.0.0.1:${port}${hookPath}`;
  receiver.close = () => new Promise<void>((r) => server.close(() => r()));
  return receiver;
}

/** A running SMTP server. */
export interface SmtpReceiver {
  url: string;
  mails: ParsedMail[];
  close(): Promise<void>;
}

/** A real SMTP server accepting user `earshot` / password `secret`. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'earshot' && auth.password === 'secret') callback(null, { user: 'earshot' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://earshot:secret@127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
