/**
 * Who the emails come from: THIDUA_MAIL_FROM ("thidua@so-noi-vu.gov.vn" or
 * "Văn phòng Khối <thidua@…>"), by default thidua@localhost.
 */
import type { Lang } from '../core/model.js';

export interface Sender {
  name: string;
  address: string;
}

const DEFAULT_ADDRESS = 'thidua@localhost';
const DEFAULT_NAME: Record<Lang, string> = { vi: 'Chấm điểm thi đua', en: 'Emulation scoring' };

export function mailFrom(lang: Lang = 'vi', env: NodeJS.ProcessEnv = process.env): Sender {
  const raw = (env.THIDUA_MAIL_FROM ?? '').trim();
  const m = /^(.*)<([^<>\s]+@[^<>\s]+)>\s*$/.exec(raw);
  if (m) return { name: m[1]!.trim().replace(/^"|"$/g, '') || DEFAULT_NAME[lang], address: m[2]! };
  if (/^[^<>\s]+@[^<>\s]+$/.test(raw)) return { name: DEFAULT_NAME[lang], address: raw };
  return { name: DEFAULT_NAME[lang], address: DEFAULT_ADDRESS };
}
