/** The drill-down: the mentions behind a chart point, with their links, newest first, 50 a page. */
import type { ListedMention } from '../../storage/mention-list.js';
import { formatTime } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { safeExternalUrl, withQuery } from '../links.js';

/** The filters shown above the list, as label/value pairs. */
export type FilterSummary = ReadonlyArray<[string, string]>;

/** The list's body (the frame adds pickers and navigation). */
export function mentionList(
  mentions: readonly ListedMention[],
  total: number,
  filters: FilterSummary,
  paging: { offset: number; pageSize: number; hrefAt: (offset: number) => string },
): SafeHtml {
  const { offset, pageSize } = paging;
  return html`<section class="panel" aria-labelledby="mentions-title">
    <h2 id="mentions-title">Mentions (${total.toLocaleString('en-US')})</h2>
    <ul class="filters">
      ${filters.map(([k, v]) => html`<li><span class="k">${k}</span> <span class="v" dir="auto">${v}</span></li>`)}
    </ul>
    ${
      mentions.length === 0
        ? html`<p class="empty">No mentions match.</p>`
        : html`<ol class="mentions" start="${offset + 1}">
            ${mentions.map(mentionItem)}
          </ol>`
    }
    <nav class="paging" aria-label="Pages of mentions">
      ${offset > 0 ? html`<a href="${paging.hrefAt(Math.max(0, offset - pageSize))}">Previous ${pageSize}</a>` : ''}
      ${offset + pageSize < total ? html`<a href="${paging.hrefAt(offset + pageSize)}">Next ${pageSize}</a>` : ''}
    </nav>
  </section>`;
}

function mentionItem(m: ListedMention): SafeHtml {
  const href = safeExternalUrl(m.url);
  const rating = m.rating !== null && m.ratingScale ? ` · rated ${m.rating}/${m.ratingScale}` : '';
  return html`<li class="mention label-${m.label}">
    <p class="meta">
      <span class="label">${m.label}</span> <span class="score">${m.sentiment.toFixed(2)}</span> ·
      <span>${m.source} (${m.sourceId})</span> · <span>${m.kind}</span> ·
      <time datetime="${new Date(m.publishedAt).toISOString()}">${formatTime(m.publishedAt)}</time> ·
      <span class="author" dir="auto">${m.author}</span>${rating} · ${m.engagement} engagement
    </p>
    ${m.title ? html`<p class="title" dir="auto">${m.title}</p>` : ''}
    <p class="text" dir="auto">${m.text}${m.truncated ? '…' : ''}</p>
    ${m.aspects.length ? html`<p class="aspects">Aspects: ${m.aspects.map((a) => `${a.aspect} (${a.sentiment.toFixed(2)})`).join(', ')}</p>` : ''}
    ${href ? html`<p><a href="${href}" rel="noopener noreferrer nofollow" target="_blank">Open on ${m.source}</a></p>` : html`<p class="muted">No usable link</p>`}
  </li>`;
}

export { withQuery };
