/**
 * Biên bản họp bình xét thi đua năm …: the minutes of the year-end meeting. Time and place are
 * left to fill in; members present are every unit; then the scores, the tallies, the
 * conclusions and next year's head and deputy, signed by the secretary and the chair.
 */
import { formatPoints } from '../core/format.js';
import type { DocumentFacts } from './facts.js';
import { BLANK, frame } from './frame.js';
import { cell, para, type Block, type Cell, type DocumentModel, type Paragraph } from './model.js';
import { conclusions } from './conclusions.js';
import { DASH, OUTCOME, points, role, share, unitName, yearText } from './words.js';

const heading = (text: string): Paragraph => para([{ text, bold: true }], { indent: true, before: 6, keepNext: true });
const line = (text: string): Paragraph => para(text, { indent: true });
const h = (text: string): Cell => cell([para([{ text, bold: true }], { align: 'center' })]);

export function bienBan(f: DocumentFacts): DocumentModel {
  const W = f.word;
  const head = unitName(f, f.head);
  const year = yearText(f.year);
  const members = f.units.map((u, i) => {
    const r = role(f, u.code);
    return para(`${i + 1}. ${u.name}${r ? ` (${r})` : ''};`, { indent: true, after: 0 });
  });
  const scored: Block = {
    kind: 'table', ruled: true, size: 13, widths: [8, 52, 16, 20],
    header: [[h('Hạng'), h('Đơn vị'), h('Tổng điểm'), h('Xếp loại')]],
    rows: f.units.map((u) => [
      cell(u.rank === null ? DASH : String(u.rank), { align: 'center' }),
      cell(u.name),
      cell(points(u, u.total), { align: 'center' }),
      cell(u.status === 'missing' ? 'Chưa nộp' : u.grade ?? DASH, { align: 'center' }),
    ]),
  };
  const tallies = f.units.flatMap((u) => u.votes.map((v) => ({ u, v })));
  const tallyBlock: Block[] = tallies.length
    ? [
      line(`Hội nghị bỏ phiếu kín; kết quả kiểm phiếu như sau:`),
      {
        kind: 'table', ruled: true, size: 12, widths: [26, 30, 24, 20],
        header: [[h('Nội dung'), h('Đơn vị'), h('Số phiếu đồng ý / hợp lệ'), h('Kết quả')]],
        rows: tallies.map(({ u, v }) => [
          // The ballot's Nội dung for a role is "Cụm trưởng"/"Cụm phó"; a Khối calls them its own way.
          cell(v.kind === 'head' ? `${W} trưởng` : v.kind === 'deputy' ? `${W} phó` : v.subject), cell(u.name), cell(share(v), { align: 'center' }), cell(OUTCOME[v.outcome], { align: 'center' }),
        ]),
      },
    ]
    : [line(`Chưa có kết quả kiểm phiếu (tab Bỏ phiếu chưa có số liệu).`)];
  const nextYear = f.next.year ?? (f.year !== null ? f.year + 1 : null);
  const by = f.next.by === 'rotation' ? ' (theo nguyên tắc luân phiên)' : f.next.by === 'vote' ? ' (theo kết quả bỏ phiếu)' : '';
  return frame({
    name: `Bien-ban-hop-${f.year ?? 'nam'}`,
    issuer: f.cluster,
    number: `Số: ${BLANK}/BB-${BLANK}`,
    place: f.place,
    title: 'Biên bản',
    subtitle: `Họp bình xét thi đua ${year}`,
    draft: f.lockedAt === null,
    body: [
      line(`Thời gian: vào lúc ${BLANK} giờ ${BLANK} phút, ngày ${BLANK} tháng ${BLANK} năm ${BLANK}.`),
      line(`Địa điểm: ${BLANK}${BLANK}${BLANK}${BLANK}`),
      line(`Thành phần tham dự: đại diện lãnh đạo ${f.units.length} đơn vị thành viên ${f.cluster}:`),
      ...members,
      line(`Chủ trì: ${head ? `đại diện ${head} (${W} trưởng)` : BLANK}.`),
      line(`Thư ký: ${BLANK}${BLANK}${BLANK}.`),
      heading('NỘI DUNG'),
      heading(`1. Kết quả chấm điểm thi đua ${year}`),
      line(`Căn cứ giao ước thi đua và kết quả tự chấm, chấm chéo của các đơn vị, kết quả chấm điểm (thang điểm ${formatPoints(f.scale * 100)}) như sau:`),
      scored,
      heading('2. Kết quả bỏ phiếu bình xét'),
      ...tallyBlock,
      heading('3. Kết luận'),
      ...conclusions(f).map((c) => line(c)),
      heading(`4. ${W} trưởng, ${W} phó ${yearText(nextYear)}`),
      line(`${W} trưởng: ${unitName(f, f.next.head) ?? BLANK}; ${W} phó: ${unitName(f, f.next.deputy) ?? BLANK}${by}.`),
      para(`Cuộc họp kết thúc vào lúc ${BLANK} giờ ${BLANK} cùng ngày. Biên bản đã được thông qua trước hội nghị và được các thành viên thống nhất.`, { indent: true, keepNext: true }),
      {
        kind: 'table', ruled: false, keepTogether: true, widths: [1, 1], header: [],
        rows: [[
          cell([
            para([{ text: 'THƯ KÝ', bold: true }], { align: 'center', before: 6 }),
            para([{ text: '(Ký, ghi rõ họ tên)', italic: true }], { align: 'center' }),
          ], { valign: 'top' }),
          cell([
            para([{ text: 'CHỦ TRÌ', bold: true }], { align: 'center', before: 6 }),
            para([{ text: '(Ký, ghi rõ họ tên)', italic: true }], { align: 'center', after: 56 }),
            para([{ text: head ?? BLANK, bold: true }], { align: 'center' }),
          ], { valign: 'top' }),
        ]],
      },
    ],
  });
}
