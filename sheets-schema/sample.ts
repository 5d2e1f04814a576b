/**
 * The bundled sample (`thidua init --sample`): the provincial block of socio-political
 * organisations, year 2023, from shared/samples/CLUSTERS.md. Reported figures are used as
 * written in the meeting's report (58.782 hộ — 113%; 6.754/4.133 sáng kiến — 163,42%;
 * 38 ngôi mộ; 18.862.484.719 đồng — "184.93%"); every other figure is invented for the
 * demo and says so in its `Minh chứng`. The scores lead to the meeting's real proposals:
 * Cờ thi đua for Hội Nông dân tỉnh, Bằng khen for Liên đoàn Lao động tỉnh and Hội Cựu
 * chiến binh tỉnh.
 */
import type { InitContent } from '../functions/sheets/xlsx/init.js';

const DEMO = '(số liệu minh hoạ)';

export const SAMPLE: InitContent = {
  settings: [
    ['Tên cụm', 'Khối thi đua các tổ chức chính trị - xã hội tỉnh'],
    ['Năm', 2023],
    ['Kỳ đánh giá', 'Cả năm'],
    ['Hạn nộp', '15/12/2023'],
    ['Thang điểm', 100],
    ['Điểm thưởng tối đa', 5],
    ['Mức Xuất sắc', '90%'],
    ['Mức Tốt', '70%'],
    ['Mức Hoàn thành', '50%'],
    ['Hình thức Cờ', 'Cờ thi đua của UBND tỉnh'],
    ['Hình thức Bằng khen', 'Bằng khen của Chủ tịch UBND tỉnh'],
    ['Số Bằng khen', 2],
    ['Email nhận báo cáo', 'lanhdao@thidua.example; ban.tdkt@thidua.example'],
    ['Nhắc trước (ngày)', 3],
    ['Ngôn ngữ', 'vi'],
    // Version 2 (MEETING.md): the 2023 head and deputy; 2024 follows by rotation (MTTQ, LDLD).
    ['Cụm trưởng', 'HND'],
    ['Cụm phó', 'MTTQ'],
  ],
  units: [
    { code: 'MTTQ', name: 'Ủy ban MTTQ Việt Nam tỉnh', email: 'mttq@thidua.example', editors: 'mttq@thidua.example', noAward: null },
    { code: 'HND', name: 'Hội Nông dân tỉnh', email: 'hnd@thidua.example', editors: 'hnd@thidua.example', noAward: null },
    { code: 'LDLD', name: 'Liên đoàn Lao động tỉnh', email: 'ldld@thidua.example', editors: 'ldld@thidua.example', noAward: null },
    { code: 'CCB', name: 'Hội Cựu chiến binh tỉnh', email: 'ccb@thidua.example', editors: 'ccb@thidua.example', noAward: null },
    { code: 'HPN', name: 'Hội Liên hiệp Phụ nữ tỉnh', email: 'hlhpn@thidua.example', editors: 'hlhpn@thidua.example', noAward: null },
    { code: 'TD', name: 'Tỉnh đoàn', email: 'tinhdoan@thidua.example', editors: 'tinhdoan@thidua.example', noAward: null },
  ],
  criteria: [
    { code: '1', content: 'Công tác tổ chức phong trào thi đua', max: 20, rule: null, param: null },
    { code: '1.1', content: 'Ban hành kế hoạch phát động thi đua năm đúng hạn', max: 5, rule: 'Đúng hạn', param: 1 },
    { code: '1.2', content: 'Ký kết giao ước thi đua của Khối', max: 5, rule: 'Đạt/Không đạt', param: null },
    { code: '1.3', content: 'Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến (mỗi mô hình 2,5 điểm)', max: 10, rule: 'Theo lần', param: 2.5 },
    { code: '2', content: 'Kết quả thực hiện nhiệm vụ trọng tâm', max: 60, rule: null, param: null },
    { code: '2.1', content: 'Phát triển hội viên, đoàn viên mới so với chỉ tiêu', max: 20, rule: 'Tỷ lệ', param: null },
    { code: '2.2', content: 'Chỉ tiêu phong trào thi đua trọng tâm của đơn vị', max: 25, rule: 'Vượt chỉ tiêu', param: null },
    { code: '2.3', content: 'Hỗ trợ hội viên, người lao động phát triển kinh tế, an sinh xã hội', max: 15, rule: 'Tỷ lệ', param: null },
    { code: '3', content: 'Công tác xây dựng tổ chức, chế độ thông tin báo cáo', max: 20, rule: null, param: null },
    { code: '3.1', content: 'Gửi báo cáo tổng kết năm đúng hạn (chậm mỗi ngày trừ 2 điểm)', max: 10, rule: 'Đúng hạn', param: 2 },
    { code: '3.2', content: 'Cải cách hành chính, chuyển đổi số trong hoạt động', max: 10, rule: 'Tự chấm', param: null },
    { code: '4', content: 'Điểm thưởng, điểm trừ', max: null, rule: null, param: null },
    { code: '4.1', content: 'Mô hình, sáng kiến được cấp tỉnh trở lên công nhận (mỗi mô hình 1 điểm)', max: 5, rule: 'Thưởng', param: 1 },
    { code: '4.2', content: 'Bị nhắc nhở, phê bình vì chậm hoặc không thực hiện nhiệm vụ (mỗi lần 2 điểm)', max: 10, rule: 'Trừ', param: 2 },
  ],
  entries: {
    MTTQ: [
      { code: '1.1', target: '31/01/2023', actual: '03/02/2023', evidence: `KH 02/KH-MTTQ ${DEMO}` },
      { code: '1.2', actual: 'Đạt', evidence: 'Giao ước thi đua ký ngày 15/02/2023' },
      { code: '1.3', actual: '3', evidence: DEMO },
      { code: '2.1', target: '20', actual: '20', evidence: `Thành viên mới của Ủy ban ${DEMO}` },
      { code: '2.2', target: '10.200.000.000', actual: '18.862.484.719 đồng', evidence: 'Quỹ "Vì người nghèo": 184.93% kế hoạch' },
      { code: '2.3', target: '1.000', actual: '1.000', evidence: 'Chương trình 1.000 nhà đại đoàn kết: hơn 39,381 tỷ đồng' },
      { code: '3.1', target: '15/12/2023', actual: '18/12/2023', evidence: DEMO },
      { code: '3.2', self: '8', evidence: DEMO },
      { code: '4.1', actual: '1', evidence: DEMO },
      { code: '4.2', actual: '1', evidence: `Nhắc nhở chậm báo cáo quý III ${DEMO}` },
    ],
    HND: [
      { code: '1.1', target: '31/01/2023', actual: '16/01/2023', evidence: `KH 05/KH-HND ${DEMO}` },
      { code: '1.2', actual: 'Đạt', evidence: 'Giao ước thi đua ký ngày 15/02/2023' },
      { code: '1.3', actual: '4', evidence: `158 dự án, 1.269 hộ vay vốn Quỹ HTND ${DEMO}` },
      { code: '2.1', target: '5.000', actual: '5.860', evidence: DEMO },
      { code: '2.2', target: '52.020', actual: '58.782 hộ', evidence: 'Hộ SXKD giỏi: 58.782/91.911 hộ đăng ký, đạt 113%' },
      { code: '2.3', target: '2.000', actual: '2.150', evidence: 'Tạo việc làm: hơn 2.000 lao động; Quỹ HTND tăng 5.197.808.000 đồng' },
      { code: '3.1', target: '15/12/2023', actual: '12/12/2023', evidence: DEMO },
      { code: '3.2', self: '10', evidence: `QĐ 125/QĐ-HND ${DEMO}` },
      { code: '4.1', actual: '5', evidence: DEMO },
    ],
    LDLD: [
      { code: '1.1', target: '31/01/2023', actual: '30/01/2023', evidence: DEMO },
      { code: '1.2', actual: 'Đạt', evidence: 'Giao ước thi đua ký ngày 15/02/2023' },
      { code: '1.3', actual: '3', evidence: DEMO },
      { code: '2.1', target: '3.000', actual: '3.412', evidence: DEMO },
      { code: '2.2', target: '4.133', actual: '6.754', evidence: 'Sáng kiến: 6.754/4.133, đạt 163,42%; làm lợi hơn 24,4 tỷ đồng' },
      { code: '2.3', target: '1.500', actual: '1.380', evidence: DEMO },
      { code: '3.1', target: '15/12/2023', actual: '14/12/2023', evidence: DEMO },
      { code: '3.2', self: '9,5', evidence: DEMO },
      { code: '4.1', actual: '1', evidence: DEMO },
    ],
    CCB: [
      { code: '1.1', target: '31/01/2023', actual: '31/01/2023', evidence: DEMO },
      { code: '1.2', actual: 'x', evidence: 'Giao ước thi đua ký ngày 15/02/2023' },
      { code: '1.3', actual: '3', evidence: DEMO },
      { code: '2.1', target: '1.200', actual: '1.236', evidence: DEMO },
      { code: '2.2', target: '30', actual: '38', evidence: 'Quy tập 38 mộ liệt sĩ về nghĩa trang' },
      { code: '2.3', target: '600', actual: '640', evidence: DEMO },
      { code: '3.1', target: '15/12/2023', actual: '15/12/2023', evidence: DEMO },
      { code: '3.2', self: '10', evidence: DEMO },
      { code: '4.1', actual: '2', evidence: DEMO },
    ],
    HPN: [
      { code: '1.1', target: '31/01/2023', actual: '25/01/2023', evidence: DEMO },
      { code: '1.2', actual: 'Đạt', evidence: 'Giao ước thi đua ký ngày 15/02/2023' },
      { code: '1.3', actual: '2', evidence: 'Mô hình "5 có, 3 sạch": 02 chi hội, 80 hội viên' },
      { code: '2.1', target: '4.000', actual: '3.720', evidence: DEMO },
      { code: '2.2', target: '900', actual: '938', evidence: `Đề án 938, 939 ${DEMO}` },
      { code: '2.3', target: '1.200', actual: '1.150', evidence: DEMO },
      { code: '3.1', target: '15/12/2023', actual: '31/11/2023', evidence: DEMO },
      { code: '3.2', self: '9', evidence: DEMO },
    ],
    TD: [
      { code: '1.1', target: '31/01/2023', actual: '05/02/2023', evidence: DEMO },
      { code: '1.2', actual: 'Đạt', evidence: 'Giao ước thi đua ký ngày 15/02/2023' },
      { code: '1.3', actual: '4', evidence: DEMO },
      { code: '2.1', target: '8.000', actual: '7.600', evidence: DEMO },
      { code: '2.2', target: '150.000', actual: '167.500 lượt', evidence: 'Tình nguyện: 167.500 lượt, trị giá gần 2 tỷ đồng' },
      { code: '2.3', target: '1.000', actual: '970', evidence: '970 đợt ra quân làm sạch môi trường' },
      { code: '3.1', target: '15/12/2023', actual: '16/12/2023', evidence: DEMO },
      { code: '3.2', self: '9' },
      { code: '4.1', actual: '1', evidence: DEMO },
      { code: '4.2', actual: '1', evidence: DEMO },
    ],
  },
};
