/** Recent alerts of a brand with their evidence (top negative mentions with links, driving sources and aspects). */
import type { Logger } from '../../core/logger.js';
import type { AlertRecord } from '../../core/alert.js';
import { alertListQuery } from '../../storage/alerts.js';
import { formatTime } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { safeExternalUrl } from '../links.js';
import type { TimeWindow } from '../range.js';
import type { DataReader } from '../reader.js';

/** The alerts of `brand` whose window started in `w`, newest first (at most 50). */
export async function readAlerts(reader: DataReader, brand: string, w: TimeWindow): Promise<AlertRecord[]> {
  const alerts = await reader.read(
    alertListQuery({ brand, since: w.from, includeHistory: false, limit: 50 }),
  );
  return alerts.filter((a) => a.windowStart < w.to);
}

/** One alert as an article: summary, numbers, drivers and evidence. */
export function alertArticle(a: AlertRecord): SafeHtml {
  const ev = a.evidence;
  const pct = (x: number): string => `${(x * 100).toFixed(0)} %`;
  return html`<article class="alert state-${a.state}">
    <h3>${a.summary}</h3>
    <p class="meta">
      ${a.kind.replace(/_/g, ' ')}${a.scope ? html` · ${a.scopeType} <strong>${a.scope}</strong>` : ''} ·
      ${a.state} · severity ${a.severity.toFixed(1)} · ${formatTime(a.windowStart)} –
      ${formatTime(a.windowEnd)}
    </p>
    <p>
      Observed ${a.observed.toLocaleString('en-US', { maximumFractionDigits: 2 })}, expected
      ${a.expected.toLocaleString('en-US', { maximumFractionDigits: 2 })} (±
      ${a.spread.toLocaleString('en-US', { maximumFractionDigits: 2 })}, baseline ${a.strength}).
    </p>
    ${
      ev
        ? html` ${ev.sources.length ? html`<p>Sources: ${ev.sources.map((d) => `${d.name} ${pct(d.share)} (usually ${pct(d.baselineShare)})`).join(', ')}</p>` : ''}
          ${ev.aspects.length ? html`<p>Aspects: ${ev.aspects.map((d) => `${d.name} ${pct(d.share)} (usually ${pct(d.baselineShare)})`).join(', ')}</p>` : ''}
          ${
            ev.mentions.length
              ? html`<ul class="evidence">
                  ${ev.mentions.map((m) => {
                    const href = safeExternalUrl(m.url);
                    return html`<li>
                      <span class="meta"
                        >${m.source} · <span dir="auto">${m.author}</span> · ${formatTime(m.publishedAt)} ·
                        ${m.sentiment.toFixed(2)}</span
                      >
                      <span class="text" dir="auto">${m.title ? `${m.title} — ` : ''}${m.text}</span>
                      ${href ? html`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">open</a>` : ''}
                    </li>`;
                  })}
                </ul>`
              : ''
          }`
        : ''
    }
  </article>`;
}

/** The alerts page's body; says so plainly when alerts are not recorded or cannot be read. */
export async function recentAlertsSection(
  reader: DataReader,
  brand: string,
  w: TimeWindow,
  log: Logger,
): Promise<SafeHtml> {
  let alerts: AlertRecord[];
  try {
    alerts = await readAlerts(reader, brand, w);
  } catch (error) {
    log.warn({ err: error }, 'web view: alerts could not be read');
    return html`<section class="panel">
      <h2>Recent alerts</h2>
      <p class="empty">Alerts could not be read (is alerting set up? see docs/alerts.md).</p>
    </section>`;
  }
  return html`<section class="panel" aria-labelledby="alerts-title">
    <h2 id="alerts-title">Recent alerts</h2>
    ${alerts.length === 0 ? html`<p class="empty">No alerts in this range.</p>` : alerts.map(alertArticle)}
  </section>`;
}
