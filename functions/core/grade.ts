/** `Xếp loại`: the total as a share of `Thang điểm` against the thresholds of `Cấu hình`. */
import { GRADE } from '../../sheets-schema/layout.js';
import type { Cents, Settings } from './model.js';

export function grade(total: Cents, settings: Pick<Settings, 'scale' | 'thresholds'>): string {
  // Compare in cents against a threshold rounded to cents: 70 % of 100 is 7000, not 7000.000000000001.
  const at = (share: number) => Math.round(share * settings.scale * 100 * 1e6) / 1e6;
  if (total >= at(settings.thresholds.excellent)) return GRADE.excellent;
  if (total >= at(settings.thresholds.good)) return GRADE.good;
  if (total >= at(settings.thresholds.pass)) return GRADE.pass;
  return GRADE.fail;
}
