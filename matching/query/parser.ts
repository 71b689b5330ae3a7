import type { AtomNode, Query } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { fold, splitWords } from './text.js';

type TokenKind = 'lparen' | 'rparen' | 'phrase' | 'word' | 'and' | 'or' | 'not' | 'near' | 'eof';

interface Token {
  kind: TokenKind;
  offset: number;
  /** Raw word, phrase content (without quotes) or operator spelling. */
  text: string;
  distance: number;
}

/** Largest accepted `NEAR/n`; beyond a few dozen words NEAR means little more than AND. */
const MAX_NEAR_DISTANCE = 1000;
const HASHTAG_BODY = /^[\p{L}\p{N}\p{M}_]+$/u;
const HANDLE_BODY = /^[\p{L}\p{N}\p{M}_]+(?:[.\-@][\p{L}\p{N}\p{M}_]+)*$/u;

/**
 * Parses brand query text into a `Query` tree.
 *
 * Grammar (upper-case keywords only; lower-case `and`/`or`/`not` are ordinary words):
 * `or := and (OR and)*`, `and := near ([AND] near)*` (adjacent terms are implicitly AND-ed),
 * `near := unary (NEAR/n unary)*`, `unary := NOT unary | primary`,
 * `primary := word | word* | "phrase" | #tag | @handle | ( or )`.
 * Precedence: NOT > NEAR > AND > OR.
 *
 * @example parseQuery('("acme air" OR @acmeair OR #acmeair) AND NOT anvil')
 * @throws QuerySyntaxError with the line and column of the first problem.
 */
export function parseQuery(text: string): Query {
  return new Parser(text).parse();
}

class Parser {
  readonly #text: string;
  readonly #tokens: Token[];
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
    this.#tokens = lex(text);
  }

  parse(): Query {
    if (this.#peek().kind === 'eof') throw this.#error(0, 'empty query: write at least one word');
    const query = this.#or();
    const tok = this.#peek();
    if (tok.kind === 'rparen') throw this.#error(tok.offset, "unexpected ')' without a matching '('");
    if (tok.kind !== 'eof') throw this.#error(tok.offset, `unexpected ${describe(tok)}`);
    return query;
  }

  #peek(): Token {
    // The lexer always ends with an eof token, and #pos never passes it.
    return this.#tokens[this.#pos] as Token;
  }

  #next(): Token {
    const tok = this.#peek();
    if (tok.kind !== 'eof') this.#pos++;
    return tok;
  }

  #error(offset: number, reason: string): QuerySyntaxError {
    return new QuerySyntaxError(this.#text, offset, reason);
  }

  #expectOperand(op: Token): void {
    if (!startsOperand(this.#peek())) throw this.#error(op.offset, `expected a term after ${op.text}`);
  }

  #or(): Query {
    const children = [this.#and()];
    while (this.#peek().kind === 'or') {
      this.#expectOperand(this.#next());
      children.push(this.#and());
    }
    return group('or', children);
  }

  #and(): Query {
    const children = [this.#near()];
    for (;;) {
      const tok = this.#peek();
      if (tok.kind === 'and') {
        this.#expectOperand(this.#next());
      } else if (!startsOperand(tok)) {
        break;
      }
      children.push(this.#near());
    }
    return group('and', children);
  }

  #near(): Query {
    let left = this.#unary();
    while (this.#peek().kind === 'near') {
      const op = this.#next();
      this.#expectOperand(op);
      const right = this.#unary();
      if (!isPositional(left) || !isPositional(right)) {
        throw this.#error(
          op.offset,
          `${op.text} needs words, phrases, hashtags or mentions on both sides (or an OR of them in parentheses)`,
        );
      }
      left = { type: 'near', distance: op.distance, left, right, offset: op.offset };
    }
    return left;
  }

  #unary(): Query {
    if (this.#peek().kind === 'not') {
      this.#expectOperand(this.#next());
      return { type: 'not', child: this.#unary() };
    }
    return this.#primary();
  }

  #primary(): Query {
    const tok = this.#next();
    switch (tok.kind) {
      case 'word':
        return this.#word(tok);
      case 'phrase':
        return this.#phrase(tok);
      case 'lparen': {
        if (this.#peek().kind === 'rparen') throw this.#error(tok.offset, 'empty parentheses');
        const inner = this.#or();
        const close = this.#peek();
        if (close.kind !== 'rparen') {
          throw this.#error(
            tok.offset,
            close.kind === 'eof' ? "this '(' is never closed" : `unexpected ${describe(close)}`,
          );
        }
        this.#next();
        return inner;
      }
      case 'and':
      case 'or':
      case 'near':
        throw this.#error(tok.offset, `expected a term before ${tok.text}`);
      default:
        throw this.#error(tok.offset, `expected a term, found ${describe(tok)}`);
    }
  }

  #phrase(tok: Token): AtomNode {
    const words = splitWords(fold(tok.text));
    if (words.length === 0) throw this.#error(tok.offset, 'empty phrase: put words between the quotes');
    if (words.length === 1)
      return { type: 'term', word: words[0] as string, prefix: false, offset: tok.offset };
    return { type: 'phrase', words, offset: tok.offset };
  }

  #word(tok: Token): AtomNode {
    const raw = tok.text;
    const sigil = raw[0];
    const prefix = raw.endsWith('*') && raw.length > 1;
    const body = prefix ? raw.slice(0, -1) : raw;
    const star = body.indexOf('*');
    if (star !== -1) throw this.#error(tok.offset + star, '* is only allowed at the end of a word');
    if (sigil === '#') {
      const tag = fold(body.slice(1));
      if (!HASHTAG_BODY.test(tag)) {
        throw this.#error(tok.offset, `${raw} is not a hashtag: # must be followed by letters, digits or _`);
      }
      return { type: 'hashtag', tag, prefix, offset: tok.offset };
    }
    if (sigil === '@') {
      const handle = fold(body.slice(1));
      if (prefix || !HANDLE_BODY.test(handle)) {
        throw this.#error(
          tok.offset,
          `${raw} is not a mention: @ must be followed by a handle like acmeair or acme.bsky.social`,
        );
      }
      return { type: 'mention', handle, offset: tok.offset };
    }
    const words = splitWords(fold(body));
    if (words.length === 0)
      throw this.#error(tok.offset, `${raw} has no letters or digits; put it in quotes or remove it`);
    if (words.length > 1) {
      if (prefix) throw this.#error(tok.offset + raw.length - 1, 'a * wildcard applies to one word only');
      return { type: 'phrase', words, offset: tok.offset };
    }
    return { type: 'term', word: words[0] as string, prefix, offset: tok.offset };
  }
}

function startsOperand(tok: Token): boolean {
  return tok.kind === 'word' || tok.kind === 'phrase' || tok.kind === 'lparen' || tok.kind === 'not';
}

function isPositional(q: Query): boolean {
  if (q.type === 'or') return q.children.every(isPositional);
  return q.type !== 'and' && q.type !== 'not';
}

function group(type: 'and' | 'or', children: Query[]): Query {
  if (children.length === 1) return children[0] as Query;
  return { type, children: children.flatMap((c) => (c.type === type ? c.children : [c])) };
}

function describe(tok: Token): string {
  if (tok.kind === 'eof') return 'end of query';
  if (tok.kind === 'phrase') return `"${tok.text}"`;
  return `'${tok.text}'`;
}

const NEAR = /^NEAR(?:\/(\d+))?$/;
const KEYWORDS: Partial<Record<string, TokenKind>> = { AND: 'and', OR: 'or', NOT: 'not' };

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, offset: number, raw: string, distance = 0): void => {
    tokens.push({ kind, offset, text: raw, distance });
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      push(c === '(' ? 'lparen' : 'rparen', i, c);
      i++;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end === -1) throw new QuerySyntaxError(text, i, 'unterminated phrase: add the closing "');
      push('phrase', i, text.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s()"]/.test(text[j] as string)) j++;
      const raw = text.slice(i, j);
      const keyword = KEYWORDS[raw];
      const near = NEAR.exec(raw) ?? (raw.startsWith('NEAR/') ? [] : null);
      if (keyword) {
        push(keyword, i, raw);
      } else if (near) {
        const distance = near[1] === undefined ? NaN : Number(near[1]);
        if (!(distance <= MAX_NEAR_DISTANCE)) {
          throw new QuerySyntaxError(
            text,
            i,
            `NEAR needs a distance in words from 0 to ${MAX_NEAR_DISTANCE}, like NEAR/3`,
          );
        }
        push('near', i, raw, distance);
      } else {
        push('word', i, raw);
      }
      i = j;
    }
  }
  push('eof', text.length, '');
  return tokens;
}
