/** Bearer tokens for host routes: generation and a constant-time check. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token (32 bytes, hex): for a route's `{ kind: 'bearer', token }`, shared via a 0600 file. */
export function newBearerToken(): string {
  return randomBytes(32).toString('hex');
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * A checker for `Authorization` header values that accepts exactly `Bearer <token>`. Both sides are hashed
 * first, so the comparison takes the same time whatever the header's length or content.
 */
export function bearerChecker(token: string): (authorization: string | undefined) => boolean {
  const expected = digest(`Bearer ${token}`);
  return (authorization) => timingSafeEqual(digest(authorization ?? ''), expected);
}
