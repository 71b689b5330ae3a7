/** Source health: each configured source's last poll, status, counts and last error. */
import type { SourceStatus } from '../../storage/runs.js';
import { formatTime } from '../format.js';
import { html, type SafeHtml } from '../html.js';

/** The status table; sources configured but never polled are listed as waiting. */
export function sourceHealth(
  statuses: readonly SourceStatus[],
  configured: ReadonlyArray<{ id: string; type: string; interval: string }>,
): SafeHtml {
  const byId = new Map(statuses.map((s) => [s.sourceId, s]));
  const ids = [...new Set([...configured.map((c) => c.id), ...statuses.map((s) => s.sourceId)])];
  return html`<section class="panel" aria-labelledby="sources-title">
    <h2 id="sources-title">Sources</h2>
    <p class="desc">
      Each source's latest poll. A failed poll never moves its cursor; the next poll resumes where the last
      good one stopped.
    </p>
    <div class="scroll">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">source</th>
            <th scope="col">type</th>
            <th scope="col">every</th>
            <th scope="col">last poll</th>
            <th scope="col">status</th>
            <th scope="col">fetched</th>
            <th scope="col">new</th>
            <th scope="col">mentions</th>
            <th scope="col">last error</th>
          </tr>
        </thead>
        <tbody>
          ${ids.map((id) => {
            const s = byId.get(id);
            const c = configured.find((x) => x.id === id);
            const status =
              !s || s.lastRunAt === null
                ? 'waiting for first poll'
                : s.lastStatus === 'ok'
                  ? 'ok'
                  : `FAILED (${s.lastErrorType ?? s.lastStatus ?? '?'})`;
            return html`<tr class="${status === 'ok' ? 'ok' : status.startsWith('FAILED') ? 'bad' : ''}">
              <th scope="row">${id}</th>
              <td>${c?.type ?? s?.source ?? ''}</td>
              <td>${c?.interval ?? ''}</td>
              <td class="nowrap">${s?.lastRunAt ? formatTime(s.lastRunAt) : 'never'}</td>
              <td>${status}</td>
              <td class="num">${s?.lastFetched ?? 0}</td>
              <td class="num">${s?.lastNew ?? 0}</td>
              <td class="num">${s?.totalMentions ?? 0}</td>
              <td class="text">${s?.lastErrorMessage ?? ''}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
  </section>`;
}
