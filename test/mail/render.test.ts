import { describe, expect, it } from 'vitest';
import { planReminders, planReports } from '../../functions/mail/plan.js';
import { provincialBlock, syntheticCluster } from './fixtures.js';

const ctx = { cluster: 'local', asOf: '2023-12-15', workbookTitle: 'thi-dua-2023.xlsx' };

/** What a person sees of an HTML fragment: tags dropped, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('rendering', () => {
  it('escapes sheet text: a unit named like a script or a formula shows as text', () => {
    const ev = provincialBlock({ name: 'Khối <b>thử</b>' }, (units) => {
      units.find((u) => u.code === 'TD')!.name = '<script>alert(1)</script>';
      units.find((u) => u.code === 'HLHPN')!.name = '=HYPERLINK("x")';
    });
    ev.criteria.find((c) => c.code === '1.1')!.content = '<img src=x onerror=alert(2)>';
    for (const d of planReports(ev, ctx)) {
      expect(d.html).not.toMatch(/<script/i);
      expect(d.html).not.toMatch(/<img src=x/i);
      expect(d.html).not.toContain('<b>thử</b>');
      if (d.kind === 'summary' || d.unit === 'TD') expect(visibleText(d.html)).toContain('<script>alert(1)</script>');
      if (d.kind === 'summary' || d.unit === 'HLHPN') expect(visibleText(d.html)).toContain('=HYPERLINK("x")');
      // in the document heading, upper-cased the Vietnamese way
      expect(visibleText(d.html)).toContain('KHỐI <B>THỬ</B>');
    }
    const td = planReports(ev, ctx).find((d) => d.unit === 'TD')!;
    expect(td.text).toContain('<script>alert(1)</script>');
    expect(td.subject).toBe('[Khối <b>thử</b>] Phiếu điểm thi đua năm 2023 của <script>alert(1)</script> (cập nhật 15/12/2023)');
  });

  it('keeps a subject on one line whatever the sheet holds', () => {
    const ev = provincialBlock({ name: 'Khối thi đua\nsố 1' });
    expect(planReports(ev, ctx)[0]!.subject).toBe('[Khối thi đua số 1] Kết quả chấm điểm thi đua năm 2023 (cập nhật 15/12/2023)');
  });

  it('builds HTML that survives Gmail and Outlook: inlined CSS, presentation tables, widths and bgcolor, no flex or grid', () => {
    const drafts = [...planReports(provincialBlock(), ctx), ...planReminders(provincialBlock(), { ...ctx, today: '2023-12-18' })];
    for (const d of drafts) {
      expect(d.html).toMatch(/^<!DOCTYPE html>/);
      expect(d.html).not.toMatch(/display:\s*(flex|grid)|position:\s*(absolute|fixed)/);
      const tables = d.html.match(/<table\b[^>]*>/g)!;
      expect(tables.length).toBeGreaterThan(3);
      for (const t of tables) expect(t).toContain('role="presentation"');
      expect(d.html).toMatch(/<table[^>]+width="720"/);
      expect(d.html).toMatch(/bgcolor="#/);
      // The only <style> left is the mobile media query; everything else is inline.
      // (and Outlook's own font rule, inside a conditional comment other clients ignore).
      const styles = d.html.replace(/<!--\[if mso\]>[\s\S]*?<!\[endif\]-->/g, '').match(/<style[\s\S]*?<\/style>/g) ?? [];
      for (const s of styles) expect(s).toContain('@media');
      expect(d.html).toMatch(/<th[^>]+style="[^"]*border:/);
      expect(d.html).toMatch(/<td[^>]+style="[^"]*font-family:[^"]*Times New Roman/);
    }
  });

  it('keeps the HTML of a 20-unit cluster under 90 KB (Gmail clips at 102 KB)', () => {
    const drafts = planReports(syntheticCluster(20), ctx);
    expect(drafts).toHaveLength(21);
    for (const d of drafts) expect(Buffer.byteLength(d.html, 'utf8')).toBeLessThan(90 * 1024);
    const summary = drafts[0]!;
    // and it is the real thing: all 20 units are in it
    for (let i = 1; i <= 20; i++) expect(summary.html).toContain(`huyện số ${i}<`);
  });

  it('gives the plain-text alternative the same facts as the HTML', () => {
    const ev = provincialBlock();
    for (const d of planReports(ev, ctx)) {
      const html = visibleText(d.html);
      const names = d.kind === 'summary' ? ev.units.map((u) => u.name) : [ev.units.find((u) => u.code === d.unit)!.name];
      for (const n of names) {
        expect(d.text).toContain(n);
        expect(html).toContain(n);
      }
      const numbers = d.kind === 'summary' ? ev.units.map((u) => u.total) : [ev.units.find((u) => u.code === d.unit)!.total];
      for (const c of numbers) {
        const shown = (c / 100).toString().replace('.', ',');
        expect(d.text).toContain(shown);
        expect(html).toContain(shown);
      }
    }
  });

  it('links the Google Sheet when there is one, names the workbook otherwise, and never links a non-web URL', () => {
    const ev = provincialBlock();
    const withUrl = planReports(ev, { ...ctx, url: 'https://docs.google.com/spreadsheets/d/abc123/edit' })[0]!;
    expect(withUrl.html).toContain('href="https://docs.google.com/spreadsheets/d/abc123/edit"');
    expect(withUrl.text).toContain('https://docs.google.com/spreadsheets/d/abc123/edit');
    const local = planReports(ev, ctx)[0]!;
    expect(local.html).not.toContain('href=');
    expect(visibleText(local.html)).toContain('Tệp bảng tính: thi-dua-2023.xlsx');
    const js = planReports(ev, { ...ctx, url: 'javascript:alert(1)' })[0]!;
    expect(js.html).not.toContain('javascript:');
  });
});
