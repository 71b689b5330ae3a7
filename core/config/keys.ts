/** Identifiers the config uses for brands and sources. */
import { z } from 'zod';

/** A stable id: lower-case letters, digits, `-` and `_`, e.g. `acme-air`. */
export const KeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" and "_" (e.g. "acme-air")');

/** The NAME of an environment variable that holds a secret (never the secret itself). */
export const EnvVarNameSchema = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'give the NAME of an environment variable, e.g. REDDIT_SECRET');
