/**
 * Hostile text through the whole pipeline (issue 7): control characters, U+FFFE/U+FFFF,
 * lone surrogates and markup in unit names, criterion contents and the cluster name.
 * `thidua run --send` completes (exit 0), every part it writes is well-formed XML that
 * keeps the names exactly, and every email parses with no unprintable character.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWorkbook } from '../../functions/cli/init.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { applyEdits } from '../../functions/sheets/xlsx/write.js';
import { tempDir } from '../support/cli.js';
import { parseStrict } from '../sheets/xlsx/helpers.js';
import { pool, thiduaChild } from './child.js';
import { HOSTILE_TEXT } from './hostile-text.js';

const dir = tempDir('thidua-text-');
let sample: string;
const UNPRINTABLE = /[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

beforeAll(async () => {
  sample = join(dir, 'sample.xlsx');
  await initWorkbook(sample, { sample: true, force: false });
});

describe('hostile names and labels through thidua run --send', () => {
  it(`${HOSTILE_TEXT.length} texts, six units at a time: exit 0, well-formed XML keeping them exactly, clean emails`, async () => {
    const chunks: string[][] = [];
    for (let i = 0; i < HOSTILE_TEXT.length; i += 6) chunks.push(HOSTILE_TEXT.slice(i, i + 6));
    const failures: string[] = [];
    await pool(chunks.map((texts, k) => async () => {
      const d = join(dir, `chunk-${k}`);
      mkdirSync(d);
      const f = join(d, 'cum.xlsx');
      copyFileSync(sample, f);
      // Unit names (Đơn vị B2…B7), one criterion's content (Tiêu chí B3) and the cluster name (Cấu hình B2).
      const cells = [
        ...texts.map((t, i) => ({ tab: 'Đơn vị', row: 1 + i, col: 1, value: t })),
        { tab: 'Tiêu chí', row: 2, col: 1, value: texts[0]! },
        { tab: 'Cấu hình', row: 1, col: 1, value: texts[texts.length - 1]! },
      ];
      writeFileSync(f, applyEdits(new Uint8Array(readFileSync(f)), { cells, tabs: [], append: [], notes: [] }));
      // What the cells hold as stored (UTF-8 cannot carry half a surrogate pair: that is U+FFFD already).
      const typedNames = readXlsx(new Uint8Array(readFileSync(f)), 'x').tabs.find((t) => t.name === 'Đơn vị')!.rows.slice(1, 1 + texts.length).map((row) => row[1] ?? null);
      const r = await thiduaChild(['run', f, '--send', '--json', '--now', '2023-12-15', '--outbox', join(d, 'outbox')]);
      const why = (s: string) => failures.push(`chunk ${k}: ${s}`);
      if (r.code !== 0) return why(`exit ${r.code}: ${r.stderr}`);
      const out = JSON.parse(r.stdout) as { units: { name: string }[]; emails: unknown[] };
      if (out.emails.length !== 7) why(`${out.emails.length} emails`);

      const bytes = new Uint8Array(readFileSync(f));
      for (const [name, data] of Object.entries(unzipSync(bytes))) {
        if (!/\.(xml|rels)$/.test(name)) continue;
        try {
          parseStrict(strFromU8(data));
        } catch (e) {
          why(`${name} is not well-formed: ${(e as Error).message.slice(0, 120)}`);
        }
      }
      // The names read back exactly as typed (OOXML escapes carry what XML cannot).
      const back = readXlsx(bytes, 'x').tabs.find((t) => t.name === 'Đơn vị')!;
      texts.forEach((t, i) => {
        if (JSON.stringify(back.rows[1 + i]?.[1] ?? null) !== JSON.stringify(typedNames[i])) why(`name ${JSON.stringify(t.slice(0, 30))} changed in the run`);
        if (typedNames[i]?.v !== t && !/[\ud800-\udfff]/.test(t)) why(`name ${JSON.stringify(t.slice(0, 30))} not stored as typed`);
      });
      const ranking = readXlsx(bytes, 'x').tabs.find((t) => t.name === 'Xếp hạng')!;
      if (ranking.rows.length < 7) why('no ranking written');

      const sent = readdirSync(join(d, 'outbox', 'sent')).filter((n) => n.endsWith('.eml'));
      if (sent.length !== 7) why(`${sent.length} emails delivered`);
      for (const n of sent) {
        const m = await simpleParser(readFileSync(join(d, 'outbox', 'sent', n)));
        for (const part of [m.subject ?? '', String(m.html), m.text ?? '']) if (UNPRINTABLE.test(part)) why(`${n}: an unprintable character reached the email`);
        if (m.headers.get('bcc')) why(`${n}: a header was injected`);
        if (/<script>alert/.test(String(m.html))) why(`${n}: markup from the sheet reached the HTML`);
      }
    }));
    console.log(`hostile text end to end: ${chunks.length} runs over ${HOSTILE_TEXT.length} texts, ${chunks.length - new Set(failures.map((f) => f.split(':')[0])).size} passed`);
    expect(failures).toEqual([]);
  });
});
