/**
 * Escaping of untrusted text (posts, titles, author names, URLs) for each channel. JSON needs none beyond
 * `JSON.stringify`; Slack's mrkdwn and HTML need theirs.
 */

/** Slack mrkdwn text: `&`, `<`, `>` as entities, so no text can become a link, a mention or markup. */
export function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A Slack link `<url|label>`: both escaped, and `|` dropped from the label (it would end it). */
export function slackLink(url: string, label: string): string {
  return `<${escapeSlack(url).replaceAll('|', '%7C')}|${escapeSlack(label.replaceAll('|', '¦'))}>`;
}

/** HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
