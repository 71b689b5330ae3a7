/** The report's inline style sheet: readable on screen and on A4 paper (page breaks between sections). */
export const REPORT_CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { margin: 0; font: 10.5pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2329; }
main { padding: 0 1.2em; }
.cover { padding: 2.2em 1.2em 1.2em; border-bottom: 4px solid #2f6fdb; margin-bottom: 1em; }
.cover .kicker { color: #2f6fdb; font-weight: 700; text-transform: uppercase; letter-spacing: .08em; margin: 0; }
.cover h1 { font-size: 2.2em; margin: .1em 0; }
.cover .period, .cover .generated { color: #5b6670; margin: .2em 0; }
h2 { font-size: 1.15em; margin: 0 0 .4em; }
.panel { margin: 1em 0; break-inside: avoid; }
.desc, figcaption span, .empty, caption { color: #5b6670; font-size: .85em; }
figure.chart { margin: 1em 0; break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; max-width: 680px; }
figcaption strong { display: block; font-size: 1.05em; color: #1d2329; }
table { border-collapse: collapse; width: 100%; font-size: .85em; }
th, td { border-bottom: 1px solid #d8dde2; padding: .3em .4em; text-align: left; vertical-align: top; }
caption { text-align: left; padding-bottom: .4em; }
.kpi-value { display: block; font-size: 1.25em; font-weight: 650; }
.kpi-delta { display: block; color: #5b6670; font-size: .8em; }
tr.is-brand th { color: #2f6fdb; }
.tag { color: #5b6670; font-size: .75em; font-weight: 400; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.text { overflow-wrap: anywhere; max-width: 48ch; }
.nowrap { white-space: nowrap; }
.scroll { overflow: visible; }
a { color: #2f6fdb; }
article.alert { border-top: 1px solid #d8dde2; padding: .5em 0; break-inside: avoid; }
article.alert h3 { font-size: 1em; margin: 0; }
article.alert .meta { color: #5b6670; font-size: .85em; }
.definitions { break-before: page; }
dt { font-weight: 650; margin-top: .6em; }
dd { margin: .1em 0 0; color: #37414a; }
`;
