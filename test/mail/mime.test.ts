import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import type MailComposerType from 'nodemailer/lib/mail-composer';
import { buildMime, composerOptions, textEncodingOf } from '../../functions/mail/mime.js';
import { planReports } from '../../functions/mail/plan.js';
import { mailFrom } from '../../functions/mail/sender.js';
import { isPng } from '../support/chromium.js';
import { provincialBlock } from './fixtures.js';

const ctx = { cluster: 'local', asOf: '2023-12-15', workbookTitle: 'thi-dua-2023.xlsx' };
const drafts = planReports(provincialBlock(), ctx);
const from = { name: 'Văn phòng Khối thi đua', address: 'thidua@example.vn' };

describe('buildMime', () => {
  it('comes back through mailparser with the same subject, names and addresses', async () => {
    const d = drafts.find((x) => x.unit === 'LDLD')!;
    const raw = await buildMime(d, { from, date: new Date('2023-12-15T02:00:00Z') });
    expect(raw.toString('latin1')).toMatch(/^[\x00-\x7f]*$/); // 7-bit: safe in any store and over any relay
    const m = await simpleParser(raw);
    expect(m.subject).toBe(d.subject);
    expect(m.from!.value).toEqual([{ name: 'Văn phòng Khối thi đua', address: 'thidua@example.vn' }]);
    const to = Array.isArray(m.to) ? m.to.flatMap((t) => t.value) : m.to!.value;
    expect(to).toEqual([
      { name: 'Liên đoàn Lao động tỉnh', address: 'ldld@example.vn' },
      { name: 'Liên đoàn Lao động tỉnh', address: 'vanphong.ldld@example.vn' },
    ]);
    expect(m.messageId).toBe(`<${d.key.slice(0, 32)}@thidua>`);
    expect(m.date!.toISOString()).toBe('2023-12-15T02:00:00.000Z');
    expect(m.text).toBe(d.text);
    expect(m.html).toBe(d.html);
    expect(m.headers.get('auto-submitted')).toBe('auto-generated');
    expect(m.headers.get('content-language')).toBe('vi');
  });

  it('embeds the chart inline: the cid in the HTML names the PNG part', async () => {
    const d = drafts[0]!;
    const m = await simpleParser(await buildMime(d, { from, date: new Date() }));
    expect(m.attachments).toHaveLength(1);
    const png = m.attachments[0]!;
    expect(png.contentType).toBe('image/png');
    expect(png.contentDisposition).toBe('inline');
    expect(isPng(png.content)).toBe(true);
    expect(png.content.equals(d.attachments[0]!.content)).toBe(true);
    const cid = /src="cid:([^"]+)"/.exec(d.html)![1];
    expect(png.cid).toBe(cid);
  });

  it('builds the same Message-ID for the same key, whenever it is built', async () => {
    const a = await simpleParser(await buildMime(drafts[1]!, { from, date: new Date('2023-12-15') }));
    const b = await simpleParser(await buildMime(drafts[1]!, { from, date: new Date('2023-12-16') }));
    expect(a.messageId).toBe(b.messageId);
  });
});

describe('buildMime gives nodemailer its text encoding when every value agrees', () => {
  const require = createRequire(import.meta.url);
  const MailComposer = require('nodemailer/lib/mail-composer') as typeof MailComposerType;
  const MimeNode = require('nodemailer/lib/mime-node') as new () => { _getTextEncoding(v: string): string };
  // The only bytes nodemailer draws at random: the multipart boundaries.
  const sansBoundaries = (b: Buffer) => b.toString('latin1').replace(/_NmP-[0-9a-f]+-Part/g, 'BOUNDARY');
  const plain = (d: (typeof drafts)[number], date: Date) => new MailComposer(composerOptions(d, { from, date })).compile().build();

  it('decides Q or B exactly as nodemailer does, on any text', () => {
    const node = new MimeNode();
    const chars = fc.constantFrom('a', 'Z', ' ', '1', '\n', '\r', '\t', '\x01', '\x0b', '\x1f', '\x7f', 'đ', 'ệ', '中', '😀', '"', '=');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 9000 }), (cs) => {
        const s = cs.join('');
        expect(textEncodingOf(s)).toBe(node._getTextEncoding(s));
      }),
      { numRuns: 300 },
    );
  });

  it('builds the same message as MailComposer left to decide per value (Vietnamese, Chinese names, quotes, control characters)', async () => {
    const date = new Date('2023-12-15T02:00:00Z');
    const variants = [
      ...drafts,
      ...drafts.slice(0, 3).map((d) => ({ ...d, toName: '北京市人民政府办公厅', subject: '北京市人民政府' })),
      ...drafts.slice(0, 3).map((d) => ({ ...d, toName: 'Plain "quoted" =?x?= name', subject: 'Plain\x01 subject' })),
      ...drafts.slice(0, 2).map((d) => ({ ...d, text: '12345 67890', html: '<p>12 345</p>' })),
    ];
    for (const d of variants) expect(sansBoundaries(await buildMime(d, { from, date }))).toBe(sansBoundaries(await plain(d, date)));
  });
});

describe('mailFrom', () => {
  it('reads THIDUA_MAIL_FROM, with or without a display name, and defaults to thidua@localhost', () => {
    expect(mailFrom('vi', {})).toEqual({ name: 'Chấm điểm thi đua', address: 'thidua@localhost' });
    expect(mailFrom('en', { THIDUA_MAIL_FROM: 'kt@so.gov.vn' })).toEqual({ name: 'Emulation scoring', address: 'kt@so.gov.vn' });
    expect(mailFrom('vi', { THIDUA_MAIL_FROM: '"Văn phòng Khối" <vp@khoi.vn>' })).toEqual({ name: 'Văn phòng Khối', address: 'vp@khoi.vn' });
  });
});
