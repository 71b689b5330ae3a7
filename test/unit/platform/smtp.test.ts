/**
 * platform/mail/smtp against a real SMTP server (smtp-server on loopback): a message with text, HTML, an
 * attachment and a fixed Message-ID arrives intact; a refused login and an unreachable relay become the
 * caller's auth and transient errors; the password never appears in the description.
 */
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpSender, describeSmtpUrl, type MailErrorFactory } from '../../../platform/mail/smtp.js';

class Kind extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}
const errors: MailErrorFactory = {
  auth: (m) => new Kind('auth', m),
  rejected: (m) => new Kind('rejected', m),
  transient: (m) => new Kind('transient', m),
};

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

async function startServer(received: string[]): Promise<number> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'earshot' && auth.password === 'right') callback(null, { user: 'earshot' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.server.address() as AddressInfo).port;
}

describe('createSmtpSender', () => {
  it('delivers text, HTML, an attachment and the given Message-ID', async () => {
    const received: string[] = [];
    const port = await startServer(received);
    const sender = createSmtpSender({ url: `smtp://earshot:right@127.0.0.1:${port}`, errors });
    const receipt = await sender.send({
      to: ['lead@example.com'],
      subject: 'Spike: Acme Air',
      text: 'plain part',
      html: '<p>html &amp; part</p>',
      attachments: [{ filename: 'a.csv', content: 'x,y\n1,2\n', contentType: 'text/csv' }],
      messageId: 'alert-123@earshot',
    });
    sender.close();
    expect(receipt.accepted).toEqual(['lead@example.com']);
    expect(received).toHaveLength(1);
    const mail = await simpleParser(received[0]!);
    expect(mail.subject).toBe('Spike: Acme Air');
    expect(mail.text?.trim()).toBe('plain part');
    expect(mail.html).toContain('html &amp; part');
    expect(mail.messageId).toBe('<alert-123@earshot>');
    expect(mail.attachments[0]?.filename).toBe('a.csv');
  });

  it('a refused login is an auth error naming the relay without its password', async () => {
    const port = await startServer([]);
    const sender = createSmtpSender({ url: `smtp://earshot:wrong@127.0.0.1:${port}`, errors });
    const error = await sender
      .send({ to: ['a@example.com'], subject: 's', text: 't' })
      .catch((e: unknown) => e);
    sender.close();
    expect(error).toBeInstanceOf(Kind);
    expect((error as Kind).kind).toBe('auth');
    expect((error as Kind).message).toContain(`127.0.0.1:${port}`);
    expect((error as Kind).message).not.toContain('wrong');
  });

  it('an unreachable relay is transient; a non-SMTP URL is refused at once', async () => {
    const port = await startServer([]);
    await new Promise<void>((r) => servers.pop()!.close(() => r()));
    const sender = createSmtpSender({ url: `smtp://127.0.0.1:${port}`, errors, timeoutMs: 2000 });
    const error = await sender.verify().catch((e: unknown) => e);
    expect((error as Kind).kind).toBe('transient');
    expect(() => createSmtpSender({ url: 'http://x', errors })).toThrow(/smtp:\/\//);
    expect(describeSmtpUrl('smtp://u:secret@h:25')).toBe('smtp://u:***@h:25');
  });
});
