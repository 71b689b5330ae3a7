/**
 * The one SMTP sender (nodemailer underneath) for everything Earshot e-mails: alert notifications and report
 * digests. The caller passes the relay's URL (`smtp://user:pass@host:587`, `smtps://…:465`); composition roots
 * read it from the environment variable the config names, so the password never sits in a config file. Like the
 * HTTP layer it never retries by itself (Temporal retries activities) and turns every failure into the caller's
 * typed error through a `MailErrorFactory`.
 */
import nodemailer from 'nodemailer';
import { redactUrl } from '../http/classify.js';

/** Builds the typed error for each kind of SMTP failure. */
export interface MailErrorFactory {
  /** Credentials refused (535, EAUTH): fatal until the user fixes the URL's user or password. */
  auth(message: string): Error;
  /** The relay refused the message or a recipient (5xx other than auth): fatal until the address is fixed. */
  rejected(message: string): Error;
  /** Unreachable relay, timeout, 4xx greylisting, TLS hiccup: retry with backoff. */
  transient(message: string, cause?: unknown): Error;
}

/** An attachment: a file name, its bytes (or text) and its MIME type. */
export interface MailAttachment {
  filename: string;
  content: Buffer | string;
  contentType?: string;
}

/** One message. `messageId` makes retries recognisable: the same id on every attempt of one message. */
export interface MailMessage {
  to: readonly string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: readonly MailAttachment[];
  /** `<unique@domain>` form or a bare `unique@domain`; angle brackets are added when missing. */
  messageId?: string;
  /** Extra headers (e.g. `X-Earshot-Alert`). */
  headers?: Record<string, string>;
}

/** What the relay said. */
export interface MailReceipt {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

/** Options of `createSmtpSender`. */
export interface SmtpSenderOptions {
  /** `smtp://[user:pass@]host[:port]` or `smtps://…`; query options such as `?secure=false` pass to nodemailer. */
  url: string;
  /** From address. @default 'Earshot <earshot@localhost>' */
  from?: string;
  /** How failures become errors. @default plain `Error`s */
  errors?: MailErrorFactory;
  /** Connection, greeting and socket timeout. @default 20000 */
  timeoutMs?: number;
}

/** A configured relay: `send` one message, `verify` the connection and credentials. */
export interface SmtpSender {
  send(message: MailMessage): Promise<MailReceipt>;
  /** Connects and authenticates without sending; throws like `send`. */
  verify(): Promise<void>;
  /** The relay as a person may see it (password removed). */
  readonly description: string;
  close(): void;
}

const PLAIN_ERRORS: MailErrorFactory = {
  auth: (message) => new Error(message),
  rejected: (message) => new Error(message),
  transient: (message, cause) => new Error(message, { cause }),
};

/** Creates a sender for one relay. Throws `errors.rejected` at once when the URL is not an SMTP URL. */
export function createSmtpSender(options: SmtpSenderOptions): SmtpSender {
  const errors = options.errors ?? PLAIN_ERRORS;
  const description = describeSmtpUrl(options.url);
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw errors.rejected(`The SMTP URL ${description} is not a URL; use smtp://user:password@host:587.`);
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw errors.rejected(
      `The SMTP URL ${description} must start with smtp:// or smtps://, e.g. smtp://user:password@host:587.`,
    );
  }
  const timeoutMs = options.timeoutMs ?? 20_000;
  const transport = nodemailer.createTransport(options.url, {
    from: options.from ?? 'Earshot <earshot@localhost>',
  });
  // nodemailer takes timeouts only from the options object when a URL is given; set them on the transport.
  Object.assign(transport.options, {
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });

  const fail = (error: unknown): Error => classifySmtpError(error, description, errors);
  return {
    description,
    async send(message) {
      try {
        const info = await transport.sendMail({
          to: [...message.to],
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: message.attachments?.map((a) => ({ ...a })),
          messageId: message.messageId === undefined ? undefined : bracketed(message.messageId),
          headers: message.headers,
        });
        return {
          messageId: String(info.messageId),
          accepted: (info.accepted ?? []).map(String),
          rejected: (info.rejected ?? []).map(String),
          response: String(info.response ?? ''),
        };
      } catch (error) {
        throw fail(error);
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        throw fail(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** `smtp://user:***@host:587`: the URL without its password, for messages and logs. */
export function describeSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return redactUrl(url.replace(/:[^:@/]*@/, ':***@'));
  }
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** Maps a nodemailer failure to the caller's error kind, with a message naming the relay and the fix. */
export function classifySmtpError(error: unknown, relay: string, errors: MailErrorFactory): Error {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  const said = (e.response ?? e.message ?? String(error)).trim();
  if (e.code === 'EAUTH' || e.responseCode === 535 || e.responseCode === 534 || e.responseCode === 530) {
    return errors.auth(
      `The SMTP relay ${relay} refused the login (${said}). Fix the user and password in the SMTP URL.`,
    );
  }
  if (e.responseCode !== undefined && e.responseCode >= 500) {
    return errors.rejected(
      `The SMTP relay ${relay} refused the message (${said}). Check the sender and recipient addresses.`,
    );
  }
  return errors.transient(
    `Could not send through the SMTP relay ${relay} (${said}); it will be retried. Check that the host and port are reachable.`,
    error,
  );
}

function bracketed(id: string): string {
  return id.startsWith('<') ? id : `<${id}>`;
}
