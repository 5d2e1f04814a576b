/**
 * CSS inlined into the templates once gives exactly the HTML that juice gives on each
 * rendered email (what every email did before): byte for byte, across the kinds, both
 * languages, every award class, missing units, issues, the chart and escaped names.
 */
import { describe, expect, it } from 'vitest';
import { NEEDS_VOTE } from '../../sheets-schema/layout.js';
import type { Evaluation } from '../../functions/core/model.js';
import { juice, juiceOptions } from '../../functions/mail/inline.js';
import { reminderFacts, scorecardFacts, summaryFacts, type Facts } from '../../functions/mail/facts.js';
import { renderEmail } from '../../functions/mail/render.js';
import { compileTemplates, loadTemplates, templatesDir } from '../../functions/mail/templates.js';
import { provincialBlock, syntheticCluster } from './fixtures.js';

const ctx = { workbookTitle: 'thi-dua-2023.xlsx', url: 'https://docs.google.com/spreadsheets/d/abc/edit' };
const extras = { asOf: '2023-12-15', chartCid: 'tong-diem.1@thidua', chartAlt: 'Biểu đồ "tổng điểm" <1>' };

function allFacts(ev: Evaluation): Facts[] {
  return [
    summaryFacts(ev, ctx),
    ...ev.units.map((u) => scorecardFacts(ev, u, ctx)),
    ...ev.units.filter((u) => u.status !== 'ok').map((u) => reminderFacts(ev, u, { deadline: '2023-12-20', daysLeft: 2 }, ctx)),
  ];
}

function voteTie(): Evaluation {
  const ev = provincialBlock();
  for (const code of ['CCB', 'HLHPN']) ev.units.find((x) => x.code === code)!.award = NEEDS_VOTE;
  return ev;
}

const clusters: [string, Evaluation][] = [
  ['the provincial block', provincialBlock()],
  ['in English', provincialBlock({ language: 'en' })],
  ['a tie to vote on', voteTie()],
  ['a unit with no data and hostile names', provincialBlock({ name: 'Khối <b>"thử"</b> & cộng sự' }, (units) => {
    delete units.find((u) => u.code === 'HLHPN')!.scores;
    units.find((u) => u.code === 'TD')!.name = "<script>alert('1')</script> = {{x}}";
  })],
  ['20 units', syntheticCluster(20)],
];

describe('templates inlined once', () => {
  const raw = compileTemplates(templatesDir(), { inline: false });
  const { css } = loadTemplates();

  it.each(clusters)('%s: the same bytes as juice on the rendered email', (_, ev) => {
    const facts = allFacts(ev);
    expect(facts.some((f) => f.kind === 'reminder')).toBe(true);
    for (const f of facts) {
      const now = renderEmail(f, extras);
      const before = renderEmail(f, extras, raw);
      expect(now.html).toBe(juice(before.html, juiceOptions(css, true)));
      expect(now.subject).toBe(before.subject);
      expect(now.text).toBe(before.text);
    }
  });

  it('leaves every award its own colour and keeps the phone-width rules in a <style> block', () => {
    const html = renderEmail(summaryFacts(voteTie(), ctx), extras).html;
    expect(html).toMatch(/<tr class="row-flag">\s*<td[^>]*background-color: #fbeae7/);
    expect(html).toMatch(/<tr class="row-vote">\s*<td[^>]*background-color: #f1ecf7/);
    expect(html).toMatch(/<head>[\s\S]*<style>[\s\S]*@media[\s\S]*<\/style>[\s\S]*<\/head>/);
  });
});
