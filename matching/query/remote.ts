/**
 * Dialect-independent machinery for remote queries: broaden a query to what a source can express, push
 * negations down, and flatten to an expression, a union of conjunctions, or a union of single atoms.
 * Broadening is polarity-aware: an inexpressible atom becomes "anything" where it is required and
 * "nothing" where it is excluded, so the remote query always returns a superset of the local matches.
 */
import type { AtomNode, Query } from './ast.js';

/** How a source writes an atom; `null` when it cannot (the atom is then broadened away). */
export type LeafWriter = (atom: AtomNode, negated: boolean) => string | null;

/** A literal: the atom as the source writes it, possibly negated. */
export interface Lit {
  type: 'lit';
  text: string;
  neg: boolean;
}

/** Negation normal form, after broadening: NOT only on literals. */
export type Nnf = Lit | { type: 'and' | 'or'; children: Nnf[] } | { type: 'true' } | { type: 'false' };

const TRUE: Nnf = { type: 'true' };
const FALSE: Nnf = { type: 'false' };

/**
 * Broadens `q` for a source, in negation normal form. Also drops exclusions that cannot stand as a
 * clause (a lone `NOT x`, `a OR NOT b`): most search engines return nothing or ignore them.
 * @returns `true` when the source cannot narrow anything (send no query), else the tree.
 */
export function toNnf(q: Query, write: LeafWriter): Nnf {
  let n = nnf(q, false, write);
  // Dropping one exclusion can leave another alone (`NOT a AND (b OR NOT c)`): repeat until stable.
  for (;;) {
    const next = simplify(dropLoneNegations(n, true));
    if (JSON.stringify(next) === JSON.stringify(n)) return next;
    n = next;
  }
}

function nnf(q: Query, neg: boolean, write: LeafWriter): Nnf {
  switch (q.type) {
    case 'not':
      return nnf(q.child, !neg, write);
    case 'near':
      // Never expressible remotely: NEAR implies AND.
      return nnf({ type: 'and', children: [q.left, q.right] }, neg, write);
    case 'and':
    case 'or': {
      // De Morgan: a negated AND is an OR of negations, and vice versa.
      const type = (q.type === 'and') !== neg ? 'and' : 'or';
      return simplify({ type, children: q.children.map((c) => nnf(c, neg, write)) });
    }
    default: {
      const text = write(q, neg);
      // In NNF every literal stands in a positive position, so dropping one (TRUE) always broadens.
      if (text === null) return TRUE;
      return { type: 'lit', text, neg };
    }
  }
}

function dropLoneNegations(n: Nnf, standalone: boolean): Nnf {
  if (n.type === 'lit') return n.neg && standalone ? TRUE : n;
  if (n.type === 'or') return { type: 'or', children: n.children.map((c) => dropLoneNegations(c, true)) };
  if (n.type === 'and') {
    const hasPositive = n.children.some((c) => !(c.type === 'lit' && c.neg));
    const alone = standalone && !hasPositive;
    return { type: 'and', children: n.children.map((c) => dropLoneNegations(c, alone || c.type !== 'lit')) };
  }
  return n;
}

/** Folds constants, flattens nesting and removes duplicate literals. */
export function simplify(n: Nnf): Nnf {
  if (n.type !== 'and' && n.type !== 'or') return n;
  const absorbing = n.type === 'and' ? 'false' : 'true';
  const neutral = n.type === 'and' ? 'true' : 'false';
  const out: Nnf[] = [];
  const seen = new Set<string>();
  for (const child of n.children.map(simplify)) {
    if (child.type === absorbing) return child;
    if (child.type === neutral) continue;
    for (const c of child.type === n.type ? child.children : [child]) {
      const key = c.type === 'lit' ? `${c.neg ? '-' : '+'}${c.text}` : null;
      if (key !== null && seen.has(key)) continue;
      if (key !== null) seen.add(key);
      out.push(c);
    }
  }
  if (out.length === 0) return n.type === 'and' ? TRUE : FALSE;
  return out.length === 1 ? (out[0] as Nnf) : { type: n.type, children: out };
}

/**
 * Disjunctive normal form: a union of conjunctions of literals, or null when it would exceed `max`
 * conjunctions (the caller then falls back to `cover`).
 */
export function dnf(n: Nnf, max: number): Lit[][] | null {
  if (n.type === 'lit') return [[n]];
  if (n.type === 'true') return [[]];
  if (n.type === 'false') return [];
  const parts: Lit[][][] = [];
  for (const c of n.children) {
    const d = dnf(c, max);
    if (d === null) return null;
    parts.push(d);
  }
  if (n.type === 'or') {
    const all = parts.flat();
    return all.length > max ? null : absorb(all);
  }
  let acc: Lit[][] = [[]];
  for (const part of parts) {
    const next: Lit[][] = [];
    for (const a of acc) for (const b of part) next.push([...a, ...b]);
    if (next.length > max) return null;
    acc = next.filter((c) => !contradictory(c));
  }
  return absorb(acc);
}

const litKey = (l: Lit): string => `${l.neg ? '-' : '+'}${l.text}`;

function contradictory(c: Lit[]): boolean {
  const keys = new Set(c.map(litKey));
  return c.some((l) => !l.neg && keys.has(`-${l.text}`));
}

/** Drops duplicate literals, and conjunctions implied by a smaller one (`a` makes `a b` redundant). */
function absorb(conjs: Lit[][]): Lit[][] {
  const sets = conjs.map((c) => [...new Map(c.map((l) => [litKey(l), l])).values()]);
  sets.sort((a, b) => a.length - b.length);
  const kept: Lit[][] = [];
  for (const c of sets) {
    const keys = new Set(c.map(litKey));
    if (!kept.some((k) => k.every((l) => keys.has(litKey(l))))) kept.push(c);
  }
  return kept;
}

/**
 * A set of positive literals at least one of which every match contains, or null when there is none
 * (a pure negation). For an AND, the smallest child cover is enough.
 */
export function cover(n: Nnf): string[] | null {
  switch (n.type) {
    case 'lit':
      return n.neg ? null : [n.text];
    case 'true':
      return null;
    case 'false':
      return [];
    case 'or': {
      const out = new Set<string>();
      for (const c of n.children) {
        const sub = cover(c);
        if (sub === null) return null;
        sub.forEach((s) => out.add(s));
      }
      return [...out];
    }
    case 'and': {
      let best: string[] | null = null;
      for (const c of n.children) {
        const sub = cover(c);
        if (sub !== null && (best === null || sub.length < best.length)) best = sub;
      }
      return best;
    }
  }
}
