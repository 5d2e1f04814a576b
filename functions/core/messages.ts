/**
 * Every issue message, in the workbook's language (`Ngôn ngữ`). Each says what is wrong
 * and what to type instead. Parameters are the words and values of the cell concerned.
 */
import type { IssueCode, Lang } from './model.js';

type Params = Record<string, string>;
type Catalog = Record<IssueCode, (p: Params) => string>;

/** What to type, by the kind of input a rule needs. */
const HINT: Record<Lang, Record<string, (p: Params) => string>> = {
  vi: {
    number: () => 'Hãy nhập kết quả bằng số, ví dụ 6.754 hoặc 12,5',
    'yes-no': () => 'Hãy nhập Đạt hoặc Không đạt',
    count: () => 'Hãy nhập số lần, ví dụ 3',
    score: (p) => `Hãy nhập điểm từ 0 đến ${p.max}`,
    date: () => 'Hãy nhập ngày dạng dd/mm/yyyy, ví dụ 05/01/2024',
  },
  en: {
    number: () => 'Enter the result as a number, e.g. 6.754 or 12,5',
    'yes-no': () => 'Enter Đạt (yes) or Không đạt (no)',
    count: () => 'Enter how many times, e.g. 3',
    score: (p) => `Enter a score from 0 to ${p.max}`,
    date: () => 'Enter a date as dd/mm/yyyy, e.g. 05/01/2024',
  },
};

/** What to do, for errors on the cluster's own tabs (settings, codes, headers). */
const FIX: Record<Lang, Record<string, string>> = {
  vi: {
    'criterion-code': 'Mã tiêu chí có dạng 1, 1.1, 1.2, 2.1 …',
    'unit-code': 'Mã đơn vị gồm 1–20 chữ cái không dấu, chữ số, "-" hoặc "_", ví dụ HND',
    'add-column': 'Hãy thêm cột này (xem mẫu do lệnh thidua init tạo)',
    'column-empty': 'Cột này được coi là để trống',
    percent: 'Hãy nhập tỷ lệ phần trăm, ví dụ 90%',
    'percent-range': 'Hãy nhập tỷ lệ phần trăm từ 0% đến 100%',
    'cluster-name': 'Hãy nhập tên cụm, ví dụ "Khối thi đua các tổ chức chính trị - xã hội tỉnh"',
    year: 'Hãy nhập năm, ví dụ 2024',
    date: 'Hãy nhập ngày dạng dd/mm/yyyy',
    language: 'Hãy nhập vi hoặc en',
    scale: 'Hãy nhập thang điểm, ví dụ 100 hoặc 1.000',
    'bonus-cap': 'Hãy nhập số điểm thưởng tối đa, ví dụ 5',
    integer: 'Hãy nhập số nguyên, ví dụ 2',
    days: 'Hãy nhập số ngày, ví dụ 3',
    'ballot-ignored': 'Tab Bỏ phiếu chưa được tính cho đến khi có đủ các cột Nội dung, Mã, Đồng ý, Phiếu hợp lệ',
  },
  en: {
    'criterion-code': 'Criterion codes look like 1, 1.1, 1.2, 2.1 …',
    'unit-code': 'A unit code is 1–20 letters without accents, digits, "-" or "_", e.g. HND',
    'add-column': 'Add this column (see the template made by thidua init)',
    'column-empty': 'The column is taken as empty',
    percent: 'Enter a percentage, e.g. 90%',
    'percent-range': 'Enter a percentage from 0% to 100%',
    'cluster-name': 'Enter the cluster\'s name',
    year: 'Enter the year, e.g. 2024',
    date: 'Enter a date as dd/mm/yyyy',
    language: 'Enter vi or en',
    scale: 'Enter the scale, e.g. 100 or 1.000',
    'bonus-cap': 'Enter the bonus cap, e.g. 5',
    integer: 'Enter a whole number, e.g. 2',
    days: 'Enter a number of days, e.g. 3',
    'ballot-ignored': 'The Bỏ phiếu tab is not counted until it has the columns Nội dung, Mã, Đồng ý, Phiếu hợp lệ',
  },
};
const fix = (lang: Lang, key: string | undefined) => (key ? (FIX[lang][key] ?? key) : '');

const YES_VI = 'Đạt, Có, x, ✓, TRUE, 1';
const NO_VI = 'Không đạt, Không, Chưa đạt, FALSE, 0';

const vi: Catalog = {
  'not-a-number': (p) => `"${p.typed}" không phải là số. Hãy nhập số, ví dụ 1.250 hoặc 12,5 (dấu chấm ngăn cách hàng nghìn, dấu phẩy là dấu thập phân)`,
  fraction: (p) => `"${p.typed}" là một phép chia. Hãy nhập chỉ tiêu vào cột Chỉ tiêu và kết quả vào cột Thực hiện`,
  negative: (p) => `"${p.typed}" là số âm; ở đây cần số từ 0 trở lên`,
  'too-long': (p) => `Nội dung "${p.typed}" quá dài cho một ô số hoặc ngày (tối đa 100 ký tự)`,
  'out-of-range': (p) => `"${p.typed}" không phải là số dùng được (quá lớn hoặc không xác định)`,
  'number-too-large': (p) => `"${p.typed}" là số quá lớn: không tính chính xác được đến hàng phần trăm. Hãy nhập số nhỏ hơn 90.000 tỷ, ví dụ tính theo đơn vị triệu đồng`,
  'not-integer': (p) => `"${p.typed}" phải là số nguyên (số lần), ví dụ 3`,
  'english-number': (p) => `"${p.typed}" được đọc theo cách viết tiếng Anh; hãy viết theo cách Việt Nam: ${p.vi}`,
  'dot-decimal': (p) => `"${p.typed}" được hiểu là ${p.vi}; cách viết Việt Nam dùng dấu phẩy: ${p.vi}`,
  'not-a-date': (p) => `"${p.typed}" không phải là ngày. Hãy nhập ngày dạng dd/mm/yyyy, ví dụ 05/01/2024`,
  'impossible-date': (p) => `Ngày "${p.typed}" không có trên lịch. Hãy nhập ngày có thật, dạng dd/mm/yyyy`,
  'two-digit-year': (p) => `"${p.typed}": năm phải đủ 4 chữ số, ví dụ 05/01/2024`,
  'year-out-of-range': (p) => `Ngày "${p.typed}" có năm ${p.year}, ngoài khoảng 1900–2100. Hãy nhập ngày dạng dd/mm/yyyy, năm đủ 4 chữ số, ví dụ 05/01/2024`,
  'not-yes-no': (p) => `"${p.typed}" không phải Đạt/Không đạt. Hãy nhập ${YES_VI} (đạt) hoặc ${NO_VI} (không đạt)`,
  'formula-no-value': () => `Công thức chưa có kết quả được lưu trong tệp. Hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại, hoặc nhập giá trị trực tiếp`,
  'formula-error': (p) => `Công thức cho kết quả lỗi ${p.typed}. Hãy sửa công thức hoặc nhập giá trị trực tiếp`,
  'missing-value': (p) => `Thiếu dữ liệu: chưa nhập ${p.field}. ${HINT.vi[p.hint ?? 'number']!(p)}`,
  'missing-target': () => `Thiếu dữ liệu: chưa có Chỉ tiêu. Hãy nhập chỉ tiêu (số lớn hơn 0) vào cột Chỉ tiêu`,
  'target-not-positive': (p) => `Chỉ tiêu "${p.typed}" phải lớn hơn 0`,
  'self-score-above-max': (p) => `Điểm ${p.field} ${p.typed} lớn hơn điểm chuẩn ${p.max}. Hãy nhập từ 0 đến ${p.max}`,
  'no-evidence': (p) => `Có ${p.points} điểm ${p.field} nhưng cột Minh chứng trống. Hãy ghi đường dẫn hoặc số, ngày văn bản minh chứng`,
  'unknown-row': (p) => `Mã "${p.typed}" không có trong tab Tiêu chí; dòng này không được chấm`,
  'missing-row': (p) => `Không có dòng cho tiêu chí ${p.typed}. Hãy thêm một dòng có Mã ${p.typed} và nhập kết quả`,
  'duplicate-row': (p) => `Mã ${p.typed} có ở hai dòng (${p.rows}); hãy giữ một dòng. Tiêu chí này tạm tính 0 điểm`,
  'unknown-rule': (p) => `Cách tính "${p.typed}" không có. Hãy chọn một trong: ${p.rules}. Tiêu chí này tính 0 điểm cho mọi đơn vị`,
  'missing-param': (p) => `Cách tính ${p.rule} cần Tham số ${p.need}. Tiêu chí này tính 0 điểm cho mọi đơn vị`,
  'bad-max': (p) => `Điểm chuẩn "${p.typed}" phải là số từ 0 trở lên. Tiêu chí này tính 0 điểm cho mọi đơn vị`,
  'group-sum': (p) => `Điểm chuẩn của nhóm ${p.code} là ${p.typed} nhưng tổng các tiêu chí con là ${p.sum}`,
  'bad-code': (p) => `Mã "${p.typed}" không hợp lệ. ${fix('vi', p.hint)}`,
  'duplicate-code': (p) => `Mã "${p.typed}" bị trùng (đã có ở dòng ${p.row}); dòng này bị bỏ qua`,
  'unknown-setting': (p) => `Mục "${p.typed}" không được dùng đến; giữ nguyên`,
  'bad-setting': (p) => `${p.key}: "${p.typed}" không dùng được. ${fix('vi', p.hint)}`,
  'missing-setting': (p) => `Thiếu mục "${p.key}" trong tab Cấu hình. ${fix('vi', p.hint)}`,
  'missing-header': (p) => `Tab ${p.tab} thiếu cột "${p.header}" ở dòng 1. ${fix('vi', p.hint)}`,
  'bad-email': (p) => `"${p.typed}" không phải là địa chỉ email; sẽ không gửi tới địa chỉ này`,
  'bad-history': (p) => `${p.field} "${p.typed}" không đọc được; dòng Lịch sử này được bỏ qua`,
  'history-edited': (p) => `Lịch sử năm ${p.year} của ${p.code} đã bị sửa tay: ${p.field} là "${p.typed}", khi sang năm thidua đã ghi "${p.carried}". Lịch sử do hệ thống ghi; hãy trả lại giá trị cũ`,
  'history-added': (p) => `Dòng Lịch sử năm ${p.year} của ${p.code} không do thidua ghi khi sang năm (được thêm tay)`,
  'history-removed': (p) => `Thiếu dòng Lịch sử năm ${p.year} của ${p.code} mà thidua đã ghi khi sang năm (đã bị xoá hoặc sửa Năm, Mã)`,
  'unknown-role-unit': (p) => `${p.key}: "${p.typed}" không có trong tab Đơn vị. Hãy nhập Mã của một đơn vị trong cụm, ví dụ HND`,
  'head-is-deputy': (p) => `Cụm phó "${p.typed}" trùng với Cụm trưởng. Hãy nhập Mã của một đơn vị khác`,
  'bad-tally': (p) => TALLY.vi[p.problem ?? 'not-count']!(p) + '; dòng này chưa được tính',
  'unknown-subject': (p) => (p.typed ? `Nội dung "${p.typed}" không phải nội dung bỏ phiếu.` : 'Chưa nhập Nội dung.') + ` Hãy chọn một trong: ${p.choices}; dòng này chưa được tính`,
  'unknown-vote-unit': (p) => (p.typed ? `Mã "${p.typed}" không có trong tab Đơn vị.` : 'Chưa nhập Mã đơn vị.') + ' Hãy nhập Mã của một đơn vị trong cụm; dòng này chưa được tính',
  'duplicate-vote': (p) => `Đơn vị ${p.typed} đã có dòng bỏ phiếu ${p.subject} ở dòng ${p.row}; dòng này bị bỏ qua`,
  'vote-ineligible': (p) => `${p.name} không đủ điều kiện nhận ${p.subject} (${p.reason}); phiếu bầu của dòng này không được tính`,
  'changed-after-lock': (p) => `Đã sửa sau khi chốt: ${p.before} → ${p.after}. Kết quả đã chốt được giữ nguyên; mở chốt (thidua unlock) để chấm lại`,
};

/** `bad-tally`, by what is wrong with the count. */
const TALLY: Record<Lang, Record<string, (p: Params) => string>> = {
  vi: {
    missing: (p) => `Chưa nhập ${p.field}. Hãy nhập số phiếu (số nguyên), ví dụ 9`,
    'not-count': (p) => `${p.field} "${p.typed}" phải là số phiếu: số nguyên từ 0 trở lên, ví dụ 8`,
    'zero-valid': () => 'Phiếu hợp lệ phải lớn hơn 0',
    'above-valid': (p) => `Đồng ý ${p.typed} lớn hơn Phiếu hợp lệ ${p.valid}: số phiếu đồng ý không thể vượt số phiếu hợp lệ`,
  },
  en: {
    missing: (p) => `${p.field} is empty. Enter the number of ballots (a whole number), e.g. 9`,
    'not-count': (p) => `${p.field} "${p.typed}" must be a number of ballots: a whole number of 0 or more, e.g. 8`,
    'zero-valid': () => 'Phiếu hợp lệ (valid ballots) must be more than 0',
    'above-valid': (p) => `Đồng ý ${p.typed} is more than Phiếu hợp lệ ${p.valid}: there cannot be more votes for than valid ballots`,
  },
};

const YES_EN = 'Đạt, Có, x, ✓, TRUE, 1';
const NO_EN = 'Không đạt, Không, Chưa đạt, FALSE, 0';

const en: Catalog = {
  'not-a-number': (p) => `"${p.typed}" is not a number. Enter a number the Vietnamese way, e.g. 1.250 or 12,5 (dot groups thousands, comma is the decimal mark)`,
  fraction: (p) => `"${p.typed}" is a division. Enter the target in Chỉ tiêu and the actual in Thực hiện`,
  negative: (p) => `"${p.typed}" is negative; a value of 0 or more is needed here`,
  'too-long': (p) => `"${p.typed}" is too long for a number or date cell (100 characters at most)`,
  'out-of-range': (p) => `"${p.typed}" is not a usable number (too large or undefined)`,
  'number-too-large': (p) => `"${p.typed}" is too large a number to be exact to the hundredth. Enter less than 90,000 billion, e.g. in millions`,
  'not-integer': (p) => `"${p.typed}" must be a whole number (a count), e.g. 3`,
  'english-number': (p) => `"${p.typed}" was read the English way; write it the Vietnamese way: ${p.vi}`,
  'dot-decimal': (p) => `"${p.typed}" was read as ${p.vi}; the Vietnamese form uses a comma: ${p.vi}`,
  'not-a-date': (p) => `"${p.typed}" is not a date. Enter dd/mm/yyyy, e.g. 05/01/2024`,
  'impossible-date': (p) => `"${p.typed}" is not a day on the calendar. Enter a real date as dd/mm/yyyy`,
  'two-digit-year': (p) => `"${p.typed}": the year needs 4 digits, e.g. 05/01/2024`,
  'year-out-of-range': (p) => `"${p.typed}" has the year ${p.year}, outside 1900–2100. Enter the date as dd/mm/yyyy with a 4-digit year, e.g. 05/01/2024`,
  'not-yes-no': (p) => `"${p.typed}" is not yes/no. Enter ${YES_EN} (yes) or ${NO_EN} (no)`,
  'formula-no-value': () => `The formula has no saved result in the file. Open and save it in Excel or LibreOffice, or type the value`,
  'formula-error': (p) => `The formula gives the error ${p.typed}. Fix the formula or type the value`,
  'missing-value': (p) => `Missing data: ${p.field} is empty. ${HINT.en[p.hint ?? 'number']!(p)}`,
  'missing-target': () => `Missing data: no target. Enter a target greater than 0 in Chỉ tiêu`,
  'target-not-positive': (p) => `The target "${p.typed}" must be greater than 0`,
  'self-score-above-max': (p) => `The ${p.field} score ${p.typed} is above the maximum ${p.max}. Enter 0 to ${p.max}`,
  'no-evidence': (p) => `${p.points} points claimed under ${p.field} with an empty Minh chứng. Add a link or the document's number and date`,
  'unknown-row': (p) => `Code "${p.typed}" is not in the Tiêu chí tab; this row is not scored`,
  'missing-row': (p) => `No row for criterion ${p.typed}. Add a row with Mã ${p.typed} and enter the result`,
  'duplicate-row': (p) => `Code ${p.typed} is on two rows (${p.rows}); keep one. This criterion scores 0 until then`,
  'unknown-rule': (p) => `Unknown rule "${p.typed}". Choose one of: ${p.rules}. This criterion scores 0 for every unit`,
  'missing-param': (p) => `Rule ${p.rule} needs Tham số ${p.need}. This criterion scores 0 for every unit`,
  'bad-max': (p) => `Điểm chuẩn "${p.typed}" must be a number of 0 or more. This criterion scores 0 for every unit`,
  'group-sum': (p) => `Group ${p.code} has Điểm chuẩn ${p.typed} but its criteria add up to ${p.sum}`,
  'bad-code': (p) => `Code "${p.typed}" is not valid. ${fix('en', p.hint)}`,
  'duplicate-code': (p) => `Code "${p.typed}" is a duplicate (first on row ${p.row}); this row is ignored`,
  'unknown-setting': (p) => `Setting "${p.typed}" is not used; left as it is`,
  'bad-setting': (p) => `${p.key}: "${p.typed}" cannot be used. ${fix('en', p.hint)}`,
  'missing-setting': (p) => `The Cấu hình tab has no "${p.key}". ${fix('en', p.hint)}`,
  'missing-header': (p) => `Tab ${p.tab} has no "${p.header}" column in row 1. ${fix('en', p.hint)}`,
  'bad-email': (p) => `"${p.typed}" is not an email address; nothing will be sent to it`,
  'bad-history': (p) => `${p.field} "${p.typed}" cannot be read; this Lịch sử row is ignored`,
  'history-edited': (p) => `The ${p.year} history of ${p.code} was edited by hand: ${p.field} is "${p.typed}", thidua wrote "${p.carried}" at the new year. Lịch sử is written by the system; put the old value back`,
  'history-added': (p) => `The ${p.year} history row of ${p.code} was not written by thidua at the new year (added by hand)`,
  'history-removed': (p) => `The ${p.year} history row of ${p.code} that thidua wrote at the new year is missing (deleted, or its Năm or Mã changed)`,
  'unknown-role-unit': (p) => `${p.key}: "${p.typed}" is not in the Đơn vị tab. Enter the Mã of a unit of the cluster, e.g. HND`,
  'head-is-deputy': (p) => `Cụm phó "${p.typed}" is also the Cụm trưởng. Enter the Mã of another unit`,
  'bad-tally': (p) => TALLY.en[p.problem ?? 'not-count']!(p) + '; this row is not counted',
  'unknown-subject': (p) => (p.typed ? `"${p.typed}" is not something voted on.` : 'Nội dung is empty.') + ` Choose one of: ${p.choices}; this row is not counted`,
  'unknown-vote-unit': (p) => (p.typed ? `Code "${p.typed}" is not in the Đơn vị tab.` : 'Mã is empty.') + ' Enter the Mã of a unit of the cluster; this row is not counted',
  'duplicate-vote': (p) => `Unit ${p.typed} already has a ${p.subject} row on row ${p.row}; this row is ignored`,
  'vote-ineligible': (p) => `${p.name} cannot receive ${p.subject} (${p.reason}); the votes of this row do not count`,
  'changed-after-lock': (p) => `Changed after the lock: ${p.before} → ${p.after}. The locked results stand; unlock (thidua unlock) to score again`,
};

const CATALOGS: Record<Lang, Catalog> = { vi, en };

/** "Ô E5 (tiêu chí 1.2): …" — the cell and criterion first, so people find it at once. */
export function issueMessage(
  lang: Lang,
  code: IssueCode,
  params: Params,
  where: { cell: string | null; criterion: string | null; tab?: string },
): string {
  const body = CATALOGS[lang][code](params);
  const parts: string[] = [];
  if (lang === 'vi') {
    if (where.tab) parts.push(`Tab ${where.tab}`);
    if (where.cell) parts.push(`${where.tab ? 'ô' : 'Ô'} ${where.cell}`);
    const head = parts.join(', ') + (where.criterion ? ` (tiêu chí ${where.criterion})` : '');
    return head ? `${head}: ${body}` : body;
  }
  if (where.tab) parts.push(`Tab ${where.tab}`);
  if (where.cell) parts.push(`${where.tab ? 'cell' : 'Cell'} ${where.cell}`);
  const head = parts.join(', ') + (where.criterion ? ` (criterion ${where.criterion})` : '');
  return head ? `${head}: ${body}` : body;
}

/** Field names as the columns are labelled, for "chưa nhập Thực hiện". */
export const FIELD_LABEL = {
  target: 'Chỉ tiêu',
  actual: 'Thực hiện',
  self: 'Tự chấm',
  review: 'Cụm chấm',
} as const;
