/**
 * `Tiêu chí`: the criteria table signed at the start of the year. Codes are
 * hierarchical; a code that prefixes others (`1` for `1.1`) is a group, the rest are scored.
 */
import { CRITERIA_HEADERS, RULE, TAB } from '../../../sheets-schema/layout.js';
import { CriterionCode } from '../../../sheets-schema/schemas.js';
import type { TabSnapshot } from '../cell.js';
import { formatNumber } from '../format.js';
import type { IssueList } from '../issues.js';
import type { Criterion } from '../model.js';
import { toCents } from '../cents.js';
import { RULES, ruleByName } from '../rules/index.js';
import { readNumber } from '../values/numbers.js';
import { cellAt, isBlank, textOf } from './grid.js';

type Cols = Partial<Record<keyof typeof CRITERIA_HEADERS, number>>;

/** A code as typed; a number cell `2` is the code "2". */
export function codeText(c: Parameters<typeof textOf>[0]): string {
  const typed = textOf(c);
  return /\s/.test(typed) ? typed.replace(/\s+/g, '') : typed;
}

export function readCriteria(tab: TabSnapshot, cols: Cols, issues: IssueList): Criterion[] {
  const rows: { code: string; row: number }[] = [];
  const seen = new Map<string, number>();
  const at = (row: number, col: number | undefined, criterion: string | null) => ({ unit: null, tab: TAB.criteria, row, col: col ?? null, criterion });

  for (let r = 1; r < tab.rows.length; r++) {
    const c = cellAt(tab, r, cols.code);
    if (isBlank(c)) continue;
    const code = codeText(c);
    if (!CriterionCode.safeParse(code).success) {
      issues.error({ ...at(r, cols.code, null), code: 'bad-code', params: { typed: code, hint: 'criterion-code' } });
      continue;
    }
    if (seen.has(code)) {
      issues.error({ ...at(r, cols.code, code), code: 'duplicate-code', params: { typed: code, row: String(seen.get(code)! + 1) } });
      continue;
    }
    seen.set(code, r);
    rows.push({ code, row: r });
  }

  // A code is a group when another code continues it after a dot: every code's prefixes
  // up to a dot, collected once (a scan of all codes per code was quadratic).
  const groups = new Set<string>();
  for (const { code } of rows) for (let at = code.indexOf('.'); at >= 0; at = code.indexOf('.', at + 1)) groups.add(code.slice(0, at));
  const isGroup = (code: string) => groups.has(code);
  const criteria: Criterion[] = rows.map(({ code, row }) => {
    const group = isGroup(code);
    const content = textOf(cellAt(tab, row, cols.content));
    const top = code.split('.')[0]!;
    // One shape for every criterion, its keys in this order (the order the JSON shows).
    const make = (max: number | null, rule: Criterion['rule'], param: number | null, usable: boolean): Criterion =>
      ({ code, content, isGroup: group, top, row, max, rule, param, usable });

    // Điểm chuẩn: optional on a group, required (≥ 0) on a criterion.
    const maxCell = cellAt(tab, row, cols.maxPoints);
    const maxRead = readNumber(maxCell);
    let max: number | null = null;
    let usable = !group;
    if (maxRead.kind === 'value' && maxRead.value >= 0) max = toCents(maxRead.value);
    else if (!(group && maxRead.kind === 'empty')) {
      issues.error({ ...at(row, cols.maxPoints, code), code: 'bad-max', params: { typed: textOf(maxCell) } });
      usable = false;
    }
    if (group) return make(max, null, null, false);

    const ruleText = textOf(cellAt(tab, row, cols.rule));
    const rule = ruleByName(ruleText);
    if (!rule) {
      issues.error({ ...at(row, cols.rule, code), code: 'unknown-rule', params: { typed: ruleText, rules: Object.values(RULE).join(', ') } });
      return make(max, null, null, false);
    }

    // Tham số: a number the rule needs (> 0), or may take (≥ 0).
    const paramCell = cellAt(tab, row, cols.param);
    const need = RULES[rule].param;
    let param: number | null = null;
    if (need !== 'none' && !isBlank(paramCell)) {
      const p = readNumber(paramCell);
      if (p.kind === 'value' && p.value >= 0 && (need === 'optional' || p.value > 0)) param = p.value;
      else {
        issues.error({ ...at(row, cols.param, code), code: 'missing-param', params: { rule: RULE[rule], need: need === 'required' ? '> 0' : '≥ 0' } });
        usable = false;
      }
    } else if (need === 'required') {
      issues.error({ ...at(row, cols.param, code), code: 'missing-param', params: { rule: RULE[rule], need: '> 0' } });
      usable = false;
    }
    if (rule === 'bonus' && param === 0) param = null;
    return make(max, rule, param, usable);
  });

  checkGroupSums(criteria, cols, issues);
  return criteria;
}

/** A group's Điểm chuẩn, when given, should equal the sum of its children's (a warning if not). */
function checkGroupSums(criteria: Criterion[], cols: Cols, issues: IssueList): void {
  // Direct children (one more level: the code up to the last dot is the parent's), in order.
  const byParent = new Map<string, Criterion[]>();
  for (const c of criteria) {
    const at = c.code.lastIndexOf('.');
    if (at < 0) continue;
    const parent = c.code.slice(0, at);
    const list = byParent.get(parent);
    if (list) list.push(c);
    else byParent.set(parent, [c]);
  }
  const childrenOf = (code: string) => byParent.get(code) ?? [];
  const sum = (c: Criterion): number =>
    c.isGroup ? (c.max ?? childrenOf(c.code).reduce((s, k) => s + sum(k), 0)) : (c.max ?? 0);
  for (const g of criteria) {
    if (!g.isGroup || g.max === null) continue;
    const children = childrenOf(g.code).reduce((s, k) => s + sum(k), 0);
    if (children !== g.max) {
      issues.warning({
        unit: null, tab: TAB.criteria, row: g.row, col: cols.maxPoints ?? null, criterion: g.code, code: 'group-sum',
        params: { code: g.code, typed: formatNumber(g.max / 100), sum: formatNumber(children / 100) },
      });
    }
  }
}
