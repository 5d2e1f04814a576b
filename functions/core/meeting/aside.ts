/**
 * The meeting's lines beside the `Xếp hạng` table (MEETING.md): "Đã chốt lúc 20/12/2023
 * 09:30" while locked, and next year's head and deputy: "Năm 2024: Cụm trưởng Ủy ban MTTQ
 * Việt Nam tỉnh, Cụm phó Liên đoàn Lao động tỉnh (luân phiên)".
 */
import { formatDateTime } from '../format.js';
import type { Evaluation, Lang } from '../model.js';

export interface MeetingLine {
  label: string;
  value: string;
}

export function meetingLines(ev: Pick<Evaluation, 'locked' | 'next' | 'units' | 'settings'>): MeetingLine[] {
  const lang = ev.settings.language;
  const out: MeetingLine[] = [];
  if (ev.locked) {
    out.push(lang === 'vi'
      ? { label: 'Kết quả', value: `Đã chốt lúc ${formatDateTime(ev.locked.at)}` }
      : { label: 'Results', value: `Locked at ${formatDateTime(ev.locked.at)}` });
  }
  const text = nextYearText(ev, lang);
  if (text) out.push({ label: lang === 'vi' ? 'Năm sau' : 'Next year', value: text });
  return out;
}

/** "Năm 2024: Cụm trưởng …, Cụm phó … (luân phiên)"; null when neither role is known. */
export function nextYearText(ev: Pick<Evaluation, 'next' | 'units' | 'settings'>, lang: Lang): string | null {
  const { next } = ev;
  if (next.head === null && next.deputy === null && next.by !== 'vote') return null;
  const name = (code: string | null) => (code === null ? null : ev.units.find((u) => u.code === code)?.name ?? code);
  const unknown = lang === 'vi' ? 'chưa xác định' : 'not decided';
  const head = name(next.head) ?? unknown;
  const deputy = name(next.deputy) ?? unknown;
  const year = next.year ?? '';
  if (lang === 'en') return `${year}: head ${head}, deputy ${deputy} (${next.by === 'vote' ? 'by vote' : 'by rotation'})`;
  return `Năm ${year}: Cụm trưởng ${head}, Cụm phó ${deputy} (${next.by === 'vote' ? 'theo kết quả bỏ phiếu' : 'luân phiên'})`;
}
