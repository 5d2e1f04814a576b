import type { ClusterSpec } from './snapshot.js';

/** SCORING.md's worked example, as a cluster would type it. */
export const WORKED: ClusterSpec = {
  settings: { 'Thang điểm': 100 },
  units: [{ code: 'A' }, { code: 'B' }, { code: 'C' }],
  criteria: [
    { code: '1', content: 'Nhóm 1' },
    { code: '1.1', max: 40, rule: 'Tỷ lệ' },
    { code: '1.2', max: 30, rule: 'Vượt chỉ tiêu' },
    { code: '2', content: 'Nhóm 2' },
    { code: '2.1', max: 20, rule: 'Đạt/Không đạt' },
    { code: '2.2', max: 10, rule: 'Theo lần', param: '2,5' },
    { code: '3', content: 'Điểm trừ' },
    { code: '3.1', max: 10, rule: 'Trừ', param: 5 },
  ],
  entries: {
    A: { '1.1': { target: '100', actual: '113' }, '1.2': { target: '4.133', actual: '6.754' }, '2.1': { actual: 'Đạt' }, '2.2': { actual: '3' }, '3.1': { actual: '0' } },
    B: { '1.1': { target: '200', actual: '150' }, '1.2': { target: '100', actual: '120' }, '2.1': { actual: 'Đạt' }, '2.2': { actual: '5' }, '3.1': { actual: '1' } },
    C: { '1.1': { target: '50', actual: '50' }, '1.2': { target: '80', actual: '60' }, '2.1': { actual: 'Không đạt' }, '2.2': { actual: '0' }, '3.1': { actual: '0' } },
  },
};

