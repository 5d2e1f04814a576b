/** A synthetic cluster of N units × M criteria, deterministic, typed the Vietnamese way. */
import type { InitContent } from '../../functions/sheets/xlsx/init.js';

const RULES = ['Tỷ lệ', 'Vượt chỉ tiêu', 'So sánh', 'Đạt/Không đạt', 'Theo lần', 'Tự chấm', 'Đúng hạn', 'Thưởng', 'Trừ'] as const;

export function syntheticCluster(units: number, criteria: number): InitContent {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const groups = 4;
  const crit: InitContent['criteria'] = [];
  for (let g = 1; g <= groups; g++) {
    crit.push({ code: String(g), content: `Nhóm tiêu chí ${g}`, max: null, rule: null, param: null });
    for (let i = 1; i <= criteria / groups; i++) {
      const rule = RULES[(g * 7 + i) % RULES.length]!;
      const param = rule === 'Theo lần' || rule === 'Trừ' ? 2 : rule === 'Đúng hạn' ? 1 : rule === 'Thưởng' ? 1 : null;
      crit.push({ code: `${g}.${i}`, content: `Tiêu chí ${g}.${i}`, max: 5, rule, param });
    }
  }
  const scored = crit.filter((c) => c.rule !== null);
  const unitList = Array.from({ length: units }, (_, i) => ({
    code: `DV${String(i + 1).padStart(2, '0')}`,
    name: `Đơn vị thành viên số ${i + 1}`,
    email: `dv${i + 1}@thidua.example`,
    editors: `dv${i + 1}@thidua.example`,
    noAward: null,
  }));
  const number = (n: number) => Math.round(n).toLocaleString('de-DE'); // 1.234.567, the vi-VN grouping
  const entries: InitContent['entries'] = {};
  for (const u of unitList) {
    entries[u.code] = scored.map((c) => {
      switch (c.rule) {
        case 'Tỷ lệ':
        case 'Vượt chỉ tiêu':
          return { code: c.code, target: number(1000 + rand() * 9000), actual: number(800 + rand() * 12000), evidence: 'BC số 1' };
        case 'So sánh':
          return { code: c.code, actual: `${number(rand() * 5e9)} đồng`, evidence: 'BC số 2' };
        case 'Đạt/Không đạt':
          return { code: c.code, actual: rand() > 0.2 ? 'Đạt' : 'Không đạt' };
        case 'Đúng hạn':
          return { code: c.code, target: '15/12/2023', actual: `${10 + Math.floor(rand() * 9)}/12/2023` };
        case 'Tự chấm':
          return { code: c.code, self: (Math.round(rand() * 50) / 10).toString().replace('.', ','), evidence: 'QĐ 1' };
        default:
          return { code: c.code, actual: String(Math.floor(rand() * 3)), evidence: 'QĐ 2' };
      }
    });
  }
  return {
    settings: [['Tên cụm', `Cụm thi đua tổng hợp (${units} đơn vị)`], ['Năm', 2024], ['Email nhận báo cáo', 'lanhdao@thidua.example']],
    units: unitList,
    criteria: crit,
    entries,
  };
}
