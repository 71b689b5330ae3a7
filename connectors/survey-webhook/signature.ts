/**
 * The webhook signature: HMAC-SHA256 with the shared secret over `<timestamp>.<raw body>`, sent as
 * `X-Earshot-Signature: v1=<hex>` with `X-Earshot-Timestamp: <unix seconds>`. The timestamp is inside the
 * signed text, so an old delivery cannot be replayed with a fresh timestamp; deliveries older (or further
 * in the future) than the tolerance are refused. Comparison is constant-time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header with the unix time (seconds) the sender signed at. */
export const TIMESTAMP_HEADER = 'x-earshot-timestamp';
/** Header with `v1=<hex HMAC-SHA256>`; several comma-separated signatures are accepted (secret rotation). */
export const SIGNATURE_HEADER = 'x-earshot-signature';

/** `v1=<hex>` for `body` signed at `timestamp` (unix seconds) with `secret`: what a sender computes. */
export function signBody(secret: string, timestamp: number | string, body: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `v1=${mac}`;
}

/** Why a delivery's signature is refused; absent when it is good. */
export type SignatureProblem = {
  code: 'missing_signature' | 'stale_timestamp' | 'bad_signature';
  message: string;
};

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/**
 * Checks a delivery. `headers` are lower-case (as the HTTP host gives them), `now` epoch ms.
 * @returns undefined when the signature is good, else the problem with a message for the sender.
 */
export function checkSignature(
  secret: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: Buffer,
  now: number,
  toleranceMs: number,
): SignatureProblem | undefined {
  const timestamp = header(headers[TIMESTAMP_HEADER])?.trim();
  const signatures = header(headers[SIGNATURE_HEADER]);
  if (!timestamp || !signatures)
    return {
      code: 'missing_signature',
      message: `Missing ${TIMESTAMP_HEADER} or ${SIGNATURE_HEADER} header; sign each delivery (docs/connectors/surveys.md)`,
    };
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(seconds) || Math.abs(now - seconds * 1000) > toleranceMs)
    return {
      code: 'stale_timestamp',
      message: `${TIMESTAMP_HEADER} must be the current unix time in seconds (within ${Math.round(toleranceMs / 1000)} s of the receiver's clock)`,
    };
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const good = signatures.split(',').some((candidate) => {
    const given = Buffer.from(candidate.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return good
    ? undefined
    : {
        code: 'bad_signature',
        message: `${SIGNATURE_HEADER} does not match the body; check the shared secret`,
      };
}
