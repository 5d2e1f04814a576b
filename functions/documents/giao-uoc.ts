/**
 * Giao ước thi đua năm …: the year's compact the members sign — every criterion with its
 * maximum and how it is scored, in words, and one signature block per unit, the head and the
 * deputy first.
 */
import type { RuleKey } from '../../sheets-schema/layout.js';
import { formatPercent, formatPoints } from '../core/format.js';
import type { DocumentFacts } from './facts.js';
import { frame } from './frame.js';
import { cell, para, type Cell, type DocumentModel } from './model.js';
import { role, yearText } from './words.js';

const h = (text: string): Cell => cell([para([{ text, bold: true }], { align: 'center' })]);
const line = (text: string) => para(text, { indent: true });

/** SCORING.md's rules as the members read them when they sign. */
export function ruleInWords(rule: RuleKey | null, param: number | null, max: number | null, word: string): string {
  const p = param === null ? null : formatPoints(Math.round(param * 100));
  const m = max === null ? '' : `${formatPoints(max)} điểm`;
  switch (rule) {
    case 'ratio':
      return 'Điểm chuẩn × Thực hiện / Chỉ tiêu; đạt hoặc vượt chỉ tiêu được đủ điểm chuẩn.';
    case 'overTarget':
      return `Đạt chỉ tiêu: 1/2 điểm chuẩn; chưa đạt: 1/2 điểm chuẩn × tỷ lệ thực hiện; vượt: cộng thêm theo mức vượt so với đơn vị vượt cao nhất ${word} (đơn vị vượt cao nhất được đủ điểm chuẩn).`;
    case 'compare':
      return `Điểm chuẩn × Thực hiện / kết quả cao nhất trong ${word}.`;
    case 'passFail':
      return 'Đạt: đủ điểm chuẩn; không đạt: 0 điểm.';
    case 'perOccurrence':
      return `${p ?? '…'} điểm cho mỗi lần (mô hình, sản phẩm), tối đa ${m}.`;
    case 'selfScored':
      return `Đơn vị tự chấm, ${word} chấm lại; tối đa ${m}.`;
    case 'onTime':
      return param === null || param === max! / 100
        ? 'Đúng hạn: đủ điểm chuẩn; chậm: 0 điểm.'
        : `Đúng hạn: đủ điểm chuẩn; chậm mỗi ngày trừ ${p} điểm.`;
    case 'bonus':
      return p ? `Điểm thưởng: cộng ${p} điểm cho mỗi lần, tối đa ${m}.` : `Điểm thưởng theo minh chứng, tối đa ${m}.`;
    case 'deduction':
      return `Điểm trừ: trừ ${p ?? '…'} điểm cho mỗi lần, tối đa ${m}.`;
    case null:
      return '';
  }
}

/** The year the compact is for: the workbook's own (a new year's workbook signs its compact). */
export function giaoUoc(f: DocumentFacts): DocumentModel {
  const W = f.word;
  const year = yearText(f.year);
  const signers = [
    ...f.units.filter((u) => u.code === f.head),
    ...f.units.filter((u) => u.code === f.deputy && u.code !== f.head),
    ...f.units.filter((u) => u.code !== f.head && u.code !== f.deputy),
  ];
  const rows = f.criteria.map((c) => {
    const text = (t: string, align: 'left' | 'center' = 'left') => cell([para([{ text: t, ...(c.isGroup ? { bold: true } : {}) }], { align })]);
    return [
      text(c.code, 'center'),
      text(c.content),
      text(c.max === null ? '' : formatPoints(c.max), 'center'),
      text(c.isGroup ? '' : ruleInWords(c.rule, c.param, c.max, W)),
    ];
  });
  const t = f.thresholds;
  const blocks: Cell[] = signers.map((u) => cell([
    para([{ text: (role(f, u.code) ?? 'Đơn vị thành viên').toLocaleUpperCase('vi'), bold: true }], { align: 'center', before: 14 }),
    para([{ text: u.name.toLocaleUpperCase('vi'), bold: true }], { align: 'center' }),
    para([{ text: '(Ký, ghi rõ họ tên, đóng dấu)', italic: true }], { align: 'center', after: 56 }),
  ], { valign: 'top' }));
  const pairs: Cell[][] = [];
  for (let i = 0; i < blocks.length; i += 2) pairs.push(blocks.slice(i, i + 2).concat(i + 1 < blocks.length ? [] : [cell('')]));
  const cap = f.bonusCap !== null ? `; điểm thưởng tối đa ${formatPoints(f.bonusCap * 100)} điểm` : '';
  return frame({
    name: `Giao-uoc-${f.year ?? 'nam'}`,
    issuer: f.cluster,
    number: null,
    place: f.place,
    title: `Giao ước thi đua ${year}`,
    subtitle: f.cluster,
    draft: false,
    body: [
      ...f.bases.map((b) => line(`Căn cứ ${b.replace(/^căn cứ\s+/iu, '').replace(/[;.,]\s*$/u, '')};`)),
      line(`Các đơn vị thành viên ${f.cluster} thống nhất ký kết giao ước thi đua ${year} với các tiêu chí, điểm chuẩn và cách tính điểm sau (thang điểm ${formatPoints(f.scale * 100)} điểm${cap}):`),
      {
        kind: 'table', ruled: true, size: 12, widths: [8, 44, 11, 37],
        header: [[h('Mã'), h('Nội dung'), h('Điểm chuẩn'), h('Cách tính')]],
        rows,
      },
      line(`Xếp loại theo tổng điểm so với thang điểm: Xuất sắc từ ${formatPercent(t.excellent)}; Tốt từ ${formatPercent(t.good)}; Hoàn thành từ ${formatPercent(t.pass)}; dưới ${formatPercent(t.pass)} là Chưa hoàn thành.`),
      line(`Các đơn vị thành viên cam kết tổ chức thực hiện tốt các nội dung giao ước; ${W} trưởng, ${W} phó tổng hợp, chấm điểm và báo cáo kết quả theo quy định.`),
      { kind: 'table', ruled: false, widths: [1, 1], header: [], rows: pairs },
    ],
  });
}
