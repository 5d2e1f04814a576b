/**
 * Bảng tổng hợp kết quả chấm điểm thi đua năm …: the `Xếp hạng` table on A4 landscape — rank,
 * unit, each group's subtotal, bonus, deduction, total, grade, proposal, vote result.
 */
import { formatPoints } from '../core/format.js';
import { isFullYear, reviewFolder } from '../core/period.js';
import type { DocumentFacts } from './facts.js';
import { BLANK, frame } from './frame.js';
import { cell, para, type Cell, type DocumentModel } from './model.js';
import { DASH, points, unitName, yearText } from './words.js';

export function bangTongHop(f: DocumentFacts): DocumentModel {
  // Groups holding only Thưởng/Trừ have no subtotal of their own: bonus and deduction have their columns.
  const groups = f.groups.filter((g) => f.criteria.some((c) => c.top === g.code && !c.isGroup && c.rule !== 'bonus' && c.rule !== 'deduction'));
  const maxOf = (code: string) => f.criteria.find((c) => c.code === code)?.max ?? null;
  const h = (text: string) => cell([para([{ text, bold: true }], { align: 'center' })]);
  const header: Cell[] = [
    h('Hạng'), h('Đơn vị'),
    ...groups.map((g) => {
      const max = maxOf(g.code);
      return h(`${g.code}. ${g.content}${max !== null ? ` (${formatPoints(max)})` : ''}`);
    }),
    h('Điểm thưởng'), h('Điểm trừ'), h('Tổng điểm'), h('Xếp loại'), h('Đề nghị khen thưởng'), h('Kết quả bình xét'),
  ];
  const c = (text: string) => cell(text, { align: 'center' });
  const rows = f.units.map((u) => [
    c(u.rank === null ? DASH : String(u.rank)),
    cell(u.name),
    ...groups.map((g) => c(points(u, u.groups[g.code] ?? 0))),
    c(points(u, u.bonus)),
    c(points(u, u.deduction)),
    cell([para([{ text: points(u, u.total), bold: true }], { align: 'center' })]),
    c(u.status === 'missing' ? 'Chưa nộp' : u.grade ?? DASH),
    cell(u.award ?? ''),
    cell(u.voteResult ?? ''),
  ]);
  const head = unitName(f, f.head);
  // A table someone signs says which figures are not final.
  const withErrors = f.units.filter((u) => u.status === 'issues' && u.errors > 0);
  const cap = f.bonusCap !== null ? `; điểm thưởng tối đa ${formatPoints(f.bonusCap * 100)} điểm` : '';
  // A mid-year review (sơ kết 6 tháng, 9 tháng) has its own table, beside the year-end one.
  const review = isFullYear(f.period) ? '' : `${f.period.trim().toLocaleLowerCase('vi')} `;
  const slug = reviewFolder(f);
  return frame({
    name: `Bang-tong-hop-${slug ? `${slug}-` : ''}${f.year ?? 'nam'}`,
    orientation: 'landscape',
    size: 13,
    issuer: f.cluster,
    number: null,
    place: f.place,
    title: `Bảng tổng hợp kết quả chấm điểm thi đua ${review}${yearText(f.year)}`,
    subtitle: null,
    draft: f.lockedAt === null,
    body: [
      para([{ text: `(Kèm theo Tờ trình số ${BLANK}/TTr-${BLANK} ngày ${BLANK} và Biên bản họp bình xét thi đua ${yearText(f.year)})`, italic: true }], { align: 'center', after: 8 }),
      para(`Thang điểm ${formatPoints(f.scale * 100)} điểm${cap}. Đơn vị tính: điểm.`, { align: 'left', keepNext: true }),
      {
        kind: 'table', ruled: true, keepNext: true, size: groups.length > 4 ? 10 : 11,
        // Millimetres of the 252 mm between the margins: the groups share 70 mm (a narrow
        // column breaks a word in the middle, so none goes under 14 mm; then all are scaled).
        widths: [13, 38, ...groups.map(() => Math.max(14, 70 / Math.max(groups.length, 1))), 17, 14, 15, 18, 30, 37],
        header: [header],
        rows,
      },
      ...(withErrors.length
        ? [para([{ text: `Ghi chú: số liệu của ${withErrors.map((u) => `${u.name} (${u.errors} lỗi)`).join(', ')} còn lỗi, tiêu chí bị lỗi tính 0 điểm; chi tiết tại tab Kiểm tra của bảng tính.`, italic: true }], { align: 'left', before: 2, keepNext: true })]
        : []),
      {
        kind: 'table', ruled: false, keepTogether: true, widths: [1, 1], header: [],
        rows: [[
          cell([para([{ text: 'NGƯỜI LẬP BIỂU', bold: true }], { align: 'center' }), para([{ text: '(Ký, ghi rõ họ tên)', italic: true }], { align: 'center' })], { valign: 'top' }),
          cell([
            para([{ text: `TM. ${f.word.toLocaleUpperCase('vi')} THI ĐUA`, bold: true }], { align: 'center' }),
            para([{ text: `${f.word.toLocaleUpperCase('vi')} TRƯỞNG`, bold: true }], { align: 'center' }),
            para([{ text: '(Ký, ghi rõ họ tên, đóng dấu)', italic: true }], { align: 'center', after: 60 }),
            para([{ text: head ?? BLANK, bold: true }], { align: 'center' }),
          ], { valign: 'top' }),
        ]],
      },
    ],
  });
}
