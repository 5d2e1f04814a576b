/**
 * Tờ trình đề nghị khen thưởng: the head unit, for the cluster, asks the province to award the
 * forms the meeting voted for; the minutes and the score table go with it.
 */
import type { DocumentFacts } from './facts.js';
import { BLANK, frame } from './frame.js';
import { cell, para, type Cell, type DocumentModel } from './model.js';
import { proposed } from './conclusions.js';
import { points, share, unitName, yearText } from './words.js';

const h = (text: string): Cell => cell([para([{ text, bold: true }], { align: 'center' })]);
const line = (text: string) => para(text, { indent: true, after: 3 });

export function toTrinh(f: DocumentFacts): DocumentModel {
  const W = f.word;
  const year = yearText(f.year);
  const list = proposed(f);
  const forms = [f.flagLabel, f.certificateLabel].filter((form) => list.some((p) => p.form === form));
  const named = (forms.length ? forms : [f.flagLabel, f.certificateLabel]).join(', ');
  const head = unitName(f, f.head);
  const scored = f.units.filter((u) => u.status !== 'missing').length;
  const excellent = f.units.filter((u) => u.status !== 'missing' && u.grade === 'Xuất sắc').length;
  const W_UP = W.toLocaleUpperCase('vi');
  return frame({
    name: `To-trinh-${f.year ?? 'nam'}`,
    issuer: f.cluster,
    number: `Số: ${BLANK}/TTr-${BLANK}`,
    place: f.place,
    title: 'Tờ trình',
    subtitle: `V/v đề nghị tặng ${named} ${year}`,
    draft: f.lockedAt === null,
    // 13 pt (Nghị định 30 allows 13–14) keeps a proposal of a few units with its signature on one page.
    size: 13,
    body: [
      para([{ text: `Kính gửi: ${f.recipient}.` }], { align: 'center', before: 2, after: 6 }),
      ...f.bases.map((b) => line(`Căn cứ ${b.replace(/^căn cứ\s+/iu, '').replace(/[;.,]\s*$/u, '')};`)),
      line(`Căn cứ kết quả chấm điểm và Biên bản họp bình xét thi đua ${year} của ${f.cluster},`),
      line(`${f.cluster} gồm ${f.units.length} đơn vị thành viên. Kết quả chấm điểm thi đua ${year}: ${scored} đơn vị có kết quả chấm điểm, trong đó ${excellent} đơn vị xếp loại Xuất sắc (chi tiết tại Bảng tổng hợp kèm theo). Tại hội nghị bình xét thi đua, các đơn vị thành viên đã bỏ phiếu kín đề nghị khen thưởng.`),
      ...(list.length
        ? [
          line(`${f.cluster} kính đề nghị ${f.recipient} xem xét, trình cấp có thẩm quyền tặng thưởng cho ${list.length} tập thể sau:`),
          {
            kind: 'table' as const, ruled: true, size: 12, widths: [8, 25, 30, 8, 11, 18],
            header: [[h('STT'), h('Hình thức'), h('Đơn vị'), h('Hạng'), h('Tổng điểm'), h('Tỷ lệ phiếu đồng ý')]],
            rows: list.map((p, i) => [
              cell(String(i + 1), { align: 'center' }),
              cell(p.form),
              cell(p.unit.name),
              cell(String(p.unit.rank ?? '—'), { align: 'center' }),
              cell(points(p.unit, p.unit.total), { align: 'center' }),
              cell(p.tally ? share(p.tally) : 'Chưa bỏ phiếu', { align: 'center' }),
            ]),
          },
        ]
        : [line(`Năm nay ${f.cluster} không có đơn vị đủ điều kiện đề nghị khen thưởng.`)]),
      line(`Hồ sơ kèm theo: (1) Biên bản họp bình xét thi đua ${year}; (2) Bảng tổng hợp kết quả chấm điểm thi đua ${year}.`),
      para(`Kính đề nghị ${f.recipient} xem xét, quyết định./.`, { indent: true, keepNext: true }),
      {
        kind: 'table', ruled: false, keepTogether: true, widths: [45, 55], header: [],
        rows: [[
          cell([
            para([{ text: 'Nơi nhận:', bold: true, italic: true, size: 12 }], { align: 'left' }),
            para([{ text: '- Như trên;', size: 11 }], { align: 'left' }),
            para([{ text: `- Các đơn vị thành viên ${W};`, size: 11 }], { align: 'left' }),
            para([{ text: '- Lưu: VT.', size: 11 }], { align: 'left' }),
          ], { valign: 'top' }),
          cell([
            para([{ text: `TM. ${W_UP} THI ĐUA`, bold: true }], { align: 'center' }),
            para([{ text: `${W_UP} TRƯỞNG`, bold: true }], { align: 'center', after: 56 }),
            para([{ text: head ?? BLANK, bold: true }], { align: 'center' }),
          ], { valign: 'top' }),
        ]],
      },
    ],
  });
}
