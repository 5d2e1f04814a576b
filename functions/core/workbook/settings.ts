/** `Cấu hình`: two columns, `Mục` | `Giá trị`; defaults from WORKBOOK.md. */
import type { z } from 'zod';
import { DEFAULT_BASES, DEFAULT_RECIPIENT, SETTING, TAB } from '../../../sheets-schema/layout.js';
import { Count, Email, Language, NonNegative, Scale, Share, Year, splitList } from '../../../sheets-schema/schemas.js';
import type { Cell, TabSnapshot } from '../cell.js';
import type { IssueList } from '../issues.js';
import type { Settings } from '../model.js';
import { normalizeName } from '../text.js';
import { readDate } from '../values/dates.js';
import { readNumber } from '../values/numbers.js';
import type { ReadResult } from '../values/result.js';
import { cellAt, isBlank, textOf } from './grid.js';

type Key = keyof typeof SETTING;

const BY_NAME = new Map((Object.entries(SETTING) as [Key, string][]).map(([k, v]) => [normalizeName(v), k]));

/** Settings whose value the run needs; `Thang điểm` defaults from the criteria, so it is resolved later. */
export interface SettingsRead {
  settings: Omit<Settings, 'scale'>;
  scale: number | null;
}

/** `unitCodes`: the codes of `Đơn vị`, against which `Cụm trưởng` and `Cụm phó` are checked. */
export function readSettings(
  tab: TabSnapshot, keyCol: number, valueCol: number, title: string, issues: IssueList, unitCodes: readonly string[] = [],
): SettingsRead {
  const found = new Map<Key, { cell: Cell; row: number }>();
  for (let r = 1; r < tab.rows.length; r++) {
    const keyCell = cellAt(tab, r, keyCol);
    if (isBlank(keyCell)) continue;
    const key = BY_NAME.get(normalizeName(textOf(keyCell)));
    if (!key) {
      issues.warning({ unit: null, tab: TAB.settings, row: r, col: keyCol, criterion: null, code: 'unknown-setting', params: { typed: textOf(keyCell) } });
    } else if (!found.has(key)) {
      found.set(key, { cell: cellAt(tab, r, valueCol), row: r });
    }
  }

  const bad = (key: Key, typed: string, hint: string) => {
    const at = found.get(key);
    issues.error({ unit: null, tab: TAB.settings, row: at?.row ?? null, col: at ? valueCol : null, criterion: null, code: 'bad-setting', params: { key: SETTING[key], typed, hint } });
  };
  const missing = (key: Key, hint: string) =>
    issues.error({ unit: null, tab: TAB.settings, row: null, col: null, criterion: null, code: 'missing-setting', params: { key: SETTING[key], hint } });

  /** A number setting checked by `schema`; the default when empty or unusable. */
  const number = <T extends number | null>(key: Key, schema: z.ZodType<number>, fallback: T, hint: string): number | T => {
    const at = found.get(key);
    if (!at || isBlank(at.cell)) return fallback;
    const r = readNumber(at.cell);
    if (r.kind === 'value' && schema.safeParse(r.value).success) return r.value;
    bad(key, textOf(at.cell), hint);
    return fallback;
  };
  const text = (key: Key, fallback: string) => {
    const at = found.get(key);
    return at && !isBlank(at.cell) ? textOf(at.cell) : fallback;
  };
  /**
   * A share — the `Mức …` keys and `Tỷ lệ phiếu tối thiểu` read alike (docs/decisions.md):
   * typed with `%` it is that percent (NUMBERS.md: "113%" is 1,13, so "170%" is 170 %, never
   * 1,7 %); a bare number above 1 is percent points (90 → 90 %), up to 1 a fraction (0,9 and a
   * 90 %-formatted cell → 90 %). Outside 0–100 % it is an error on the cell and `fallback` holds.
   */
  const share = <T extends number | null>(key: Key, fallback: T): number | T => {
    const at = found.get(key);
    const v = number(key, NonNegative, null, 'percent');
    if (!at || v === null) return fallback;
    const typed = textOf(at.cell);
    const s = (at.cell?.t === 's' && typed.includes('%')) || v <= 1 ? v : v / 100;
    if (Share.safeParse(s).success) return s;
    bad(key, typed, 'percent-range');
    return fallback;
  };
  let name = text('name', '');
  if (name === '') {
    missing('name', 'cluster-name');
    name = title;
  }
  const year = number('year', Year, null, 'year');
  if (year === null && !found.get('year')) missing('year', 'year');

  let deadline: string | null = null;
  const deadlineAt = found.get('deadline');
  if (deadlineAt && !isBlank(deadlineAt.cell)) {
    const r: ReadResult<string> = readDate(deadlineAt.cell);
    if (r.kind === 'value') deadline = r.value;
    else bad('deadline', textOf(deadlineAt.cell), 'date');
  }

  const reportTo: string[] = [];
  const reportAt = found.get('reportTo');
  for (const address of splitList(text('reportTo', ''))) {
    if (Email.safeParse(address).success) reportTo.push(address);
    else issues.warning({ unit: null, tab: TAB.settings, row: reportAt?.row ?? null, col: valueCol, criterion: null, code: 'bad-email', params: { typed: address } });
  }

  let language: Settings['language'] = 'vi';
  const langText = text('language', 'vi').toLowerCase();
  if (Language.safeParse(langText).success) language = langText as Settings['language'];
  else bad('language', langText, 'language');

  /** Cụm trưởng / Cụm phó: a code of `Đơn vị` (any case), returned as `Đơn vị` spells it. */
  const role = (key: 'head' | 'deputy'): string | null => {
    const typed = text(key, '');
    if (typed === '') return null;
    const code = unitCodes.find((c) => normalizeName(c) === normalizeName(typed));
    if (code) return code;
    const at = found.get(key)!;
    issues.error({ unit: null, tab: TAB.settings, row: at.row, col: valueCol, criterion: null, code: 'unknown-role-unit', params: { key: SETTING[key], typed } });
    return null;
  };
  const head = role('head');
  let deputy = role('deputy');
  if (head !== null && deputy === head) {
    const at = found.get('deputy')!;
    issues.error({ unit: null, tab: TAB.settings, row: at.row, col: valueCol, criterion: null, code: 'head-is-deputy', params: { typed: deputy } });
    deputy = null;
  }
  const bases = splitLines(text('bases', ''));
  const place = text('place', '');

  return {
    scale: number('scale', Scale, null, 'scale'),
    settings: {
      name,
      year: year === null ? null : Math.trunc(year),
      period: text('period', 'Cả năm'),
      deadline,
      bonusCap: number('bonusCap', NonNegative, null, 'bonus-cap'),
      thresholds: { excellent: share('excellent', 0.9), good: share('good', 0.7), pass: share('pass', 0.5) },
      flagLabel: text('flagLabel', 'Cờ thi đua'),
      certificateLabel: text('certificateLabel', 'Bằng khen'),
      certificateCount: number('certificateCount', Count, 2, 'integer'),
      reportTo,
      remindDays: number('remindDays', Count, 3, 'days'),
      language,
      head,
      deputy,
      place: place === '' ? null : place,
      recipient: text('recipient', DEFAULT_RECIPIENT),
      bases: bases.length ? bases : [...DEFAULT_BASES],
      // Read as the Mức keys are (70%, 70 or 0,7); empty or unusable: more than half.
      voteThreshold: share('voteThreshold', null),
    },
  };
}

/** `Căn cứ`: one basis per line or `;`-separated. */
function splitLines(text: string): string[] {
  return text.split(/[;\n]/).map((s) => s.trim()).filter((s) => s !== '');
}
