/**
 * One email's three renderings from its facts: subject (one line), HTML with the CSS
 * inline (Gmail drops most <style>; Outlook needs attributes on tables) — inlined into the
 * templates once (inline.ts), so rendering only fills them — and the plain-text
 * alternative with the same facts.
 */
import { printable } from '../core/text.js';
import type { Facts } from './facts.js';
import { loadTemplates, type Templates } from './templates.js';

export interface Rendered {
  subject: string;
  html: string;
  text: string;
}

export interface RenderExtras {
  /** yyyy-mm-dd the data is as of: shown in the subject and header, never in the key. */
  asOf: string;
  /** Content-ID of the inline chart, when the email has one. */
  chartCid?: string | null;
  /** Alt text of the chart: every unit's total, so a reader without images loses nothing. */
  chartAlt?: string | null;
}

export function renderEmail(facts: Facts, extras: RenderExtras, templates: Templates = loadTemplates()): Rendered {
  const kind = templates.kinds[facts.lang][facts.kind];
  const view = { ...facts, asOf: extras.asOf, chartCid: extras.chartCid ?? null, chartAlt: extras.chartAlt ?? null };
  const html = kind.html(view).trim();
  // Sheet text is data: what cannot be shown leaves here (core/text.ts printable).
  return {
    // A header is one line: sheet text with a line break must not split it.
    subject: printable(kind.subject(view)).replace(/\s+/g, ' ').trim(),
    html: printable(html),
    text: tidyText(printable(kind.text(view))),
  };
}

/** Templates leave blank runs where blocks are skipped: at most one blank line, CRLF-free. */
function tidyText(s: string): string {
  return s
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim() + '\n';
}
