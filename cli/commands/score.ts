/**
 * `earshot score`: reads texts on stdin (one per line, or JSON lines with a `text` field and optional
 * `brand` / `lang`), writes one JSON result per input line on stdout.
 */
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { BrandSentimentOverrides } from '../../core/sentiment.js';
import { createAnalyzer } from '../../sentiment/index.js';
import { loadConfig } from '../config/load-config.js';

interface ScoreOptions {
  config?: string;
  brand?: string;
  lang?: string;
  scorerVersion?: boolean;
}

/** Parses one input line into the text and hints it carries. */
function parseLine(
  line: string,
  defaults: { brand?: string; lang?: string },
): { text: string; brand?: string; lang?: string } {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const obj = JSON.parse(trimmed) as { text?: unknown; brand?: unknown; lang?: unknown };
      if (obj !== null && typeof obj === 'object' && 'text' in obj) {
        return {
          text: typeof obj.text === 'string' ? obj.text : '',
          brand: typeof obj.brand === 'string' ? obj.brand : defaults.brand,
          lang: typeof obj.lang === 'string' ? obj.lang : defaults.lang,
        };
      }
    } catch {
      // Not JSON after all: score the line as text.
    }
  }
  return { text: line, ...defaults };
}

/** Registers `earshot score`. */
export function registerScoreCommand(program: Command): void {
  program
    .command('score')
    .description(
      'score texts from stdin (lines, or JSON lines with a "text" field); one JSON result per line',
    )
    .option('--config <file>', "apply the brands' sentiment overrides from this config file")
    .option('--brand <key>', 'brand key whose overrides apply to every line (JSON lines may set "brand")')
    .option('--lang <code>', 'language hint for every line (JSON lines may set "lang")')
    .option('--scorer-version', 'print the scorer version and exit')
    .action(async (opts: ScoreOptions) => {
      const brands: Record<string, BrandSentimentOverrides> = {};
      if (opts.config) {
        for (const b of loadConfig(opts.config).config.brands) brands[b.key] = b.sentiment;
      }
      const analyzer = createAnalyzer({ brands });
      if (opts.scorerVersion) {
        console.log(analyzer.version);
        return;
      }
      const defaults = {
        ...(opts.brand ? { brand: opts.brand } : {}),
        ...(opts.lang ? { lang: opts.lang } : {}),
      };
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of lines) {
        const { text, brand, lang } = parseLine(line, defaults);
        const r = analyzer.analyze(text, { ...(brand ? { brand } : {}), ...(lang ? { lang } : {}) });
        const out = {
          label: r.label,
          sentiment: r.sentiment,
          confidence: r.confidence,
          lang: r.lang,
          aspects: r.aspects.map((a) => ({ aspect: a.aspect, sentiment: a.sentiment })),
        };
        if (!process.stdout.write(JSON.stringify(out) + '\n')) {
          await new Promise((resolve) => process.stdout.once('drain', resolve));
        }
      }
    });
}
