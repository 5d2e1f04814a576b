/**
 * Thi đua — nút bấm và tín hiệu "bảng tính vừa được sửa" cho các hàm chấm điểm.
 *
 * Cài đặt: lệnh `thidua google setup` gắn tập lệnh này vào bảng tính (Apps Script API) cùng
 * tệp Config.gs chứa địa chỉ các hàm và khóa riêng của bảng tính. Người dùng chỉ còn một
 * bước: mở bảng tính → trình đơn "Thi đua" → "Bật tự động chấm điểm" và cho phép quyền.
 * Cài tay (không dùng setup): đặt trong Cài đặt dự án → Thuộc tính tập lệnh:
 *   THIDUA_SHEET_KEY         khóa của bảng tính này (lệnh `thidua key <mã bảng tính>`); khi đổi
 *                            khóa bí mật của hệ thống: khóa mới và khóa cũ cách nhau một dấu cách.
 *   THIDUA_URL_SHEET_EDITED, THIDUA_URL_RECONCILE, THIDUA_URL_SEND_REPORTS   địa chỉ các hàm.
 *
 * How it works (ARCHITECTURE.md "Triggers: edge for speed, level for truth"): installable
 * onEdit/onChange triggers post {spreadsheetId, sheet, range, user, ts}, signed with this
 * sheet's own key for the function it goes to:
 *   X-Thidua-Signature: t=<unix s>,v1=<hex HMAC-SHA256(key, t + "." + endpoint + "." + body)>
 * The key only ever speaks for this sheet, and every editor can read it: so sending reports
 * (an admin's act) is not signed but carries the person's Google identity token, which the
 * function checks against the sheet's admins. The ping is only a reason to look — the
 * function re-reads the sheet. An onChange ping names no cell: the function runs only if
 * Drive's version of the file moved since its last run, so the system's own writes (which
 * may fire onChange) start no run. A lost ping is caught by the periodic `reconcile`.
 */

const TRIGGER_HANDLERS = ['onSheetEdit', 'onSheetChange'];
const URL_PROPERTY = {
  sheetEdited: 'THIDUA_URL_SHEET_EDITED',
  reconcile: 'THIDUA_URL_RECONCILE',
  sendReports: 'THIDUA_URL_SEND_REPORTS',
  lock: 'THIDUA_URL_LOCK',
  unlock: 'THIDUA_URL_UNLOCK',
  makeDocuments: 'THIDUA_URL_MAKE_DOCUMENTS',
};

/**
 * What the menu and its messages say, in the sheet's language (`Ngôn ngữ` in `Cấu hình`,
 * read as the functions read it: words_). Messages the functions send back (r.body.error)
 * are theirs.
 */
const WORDS = {
  vi: {
    menu: 'Thi đua', enable: 'Bật tự động chấm điểm', scoreNow: 'Chấm điểm ngay', send: 'Gửi báo cáo',
    lock: 'Chốt kết quả', unlock: 'Mở chốt', documents: 'Tạo văn bản',
    enabled: 'Đã bật tự động chấm điểm: sau mỗi lần sửa, bảng "Xếp hạng" được chấm lại sau ít giây.',
    enabledNotCalled: 'Đã cài trình kích hoạt, nhưng chưa gọi được hàm chấm điểm: ',
    rescored: 'Đã chấm điểm lại.',
    sendAsk: 'Gửi báo cáo tổng hợp và phiếu điểm của từng đơn vị qua thư điện tử? ' +
      'Thư có nội dung không đổi đã gửi trước đó sẽ không gửi lại.',
    sent: (n, dup) => 'Đã gửi ' + n + ' thư (' + dup + ' thư không đổi, không gửi lại).',
    lockAsk: 'Chốt điểm, hạng, xếp loại và đề nghị khen thưởng hiện có? Sau khi chốt, mỗi ô sửa ' +
      'sẽ có cảnh báo trong tab Kiểm tra; tab Bỏ phiếu vẫn mở.',
    alreadyLocked: 'Kết quả đã được chốt từ trước.',
    lockUnusable: 'Chưa chốt được: bảng tính có lỗi, xem tab Kiểm tra.',
    locked: 'Đã chốt kết quả.',
    unlockAsk: 'Bỏ kết quả đã chốt và chấm lại từ số liệu hiện có?',
    notLocked: 'Kết quả chưa được chốt.',
    unlocked: 'Đã mở chốt; bảng được chấm lại.',
    made: (n) => 'Đã tạo ' + n + ' tệp văn bản trong thư mục của bảng tính; đường dẫn ghi ở tab Nhật ký.',
    draft: '\nKết quả chưa chốt nên các văn bản ghi "DỰ THẢO".',
    error: 'lỗi ',
  },
  en: {
    menu: 'Emulation', enable: 'Turn on automatic scoring', scoreNow: 'Score now', send: 'Send reports',
    lock: 'Lock results', unlock: 'Unlock results', documents: 'Make documents',
    enabled: 'Automatic scoring is on: after each edit, the "Xếp hạng" tab is scored again within seconds.',
    enabledNotCalled: 'The triggers are installed, but the scoring function could not be called: ',
    rescored: 'Scored again.',
    sendAsk: 'Email the summary report and each unit\'s scorecard? ' +
      'An email already sent with the same content is not sent again.',
    sent: (n, dup) => 'Sent ' + n + ' emails (' + dup + ' unchanged, not sent again).',
    lockAsk: 'Lock the current points, ranks, grades and award proposals? After the lock, each edited cell ' +
      'gets a warning in the Kiểm tra tab; the Bỏ phiếu tab stays open.',
    alreadyLocked: 'The results were already locked.',
    lockUnusable: 'Not locked: the workbook has errors, see the Kiểm tra tab.',
    locked: 'Results locked.',
    unlockAsk: 'Drop the locked results and score again from the current data?',
    notLocked: 'The results are not locked.',
    unlocked: 'Unlocked; the sheet was scored again.',
    made: (n) => 'Made ' + n + ' document files in the sheet\'s folder; their links are in the Nhật ký tab.',
    draft: '\nThe results are not locked, so the documents say "DỰ THẢO" (draft).',
    error: 'error ',
  },
};

function onOpen() {
  const w = words_();
  SpreadsheetApp.getUi()
    .createMenu(w.menu)
    .addItem(w.enable, 'enableAutoScoring')
    .addItem(w.scoreNow, 'scoreNow')
    .addItem(w.send, 'sendReportsNow')
    .addSeparator()
    .addItem(w.lock, 'lockResults')
    .addItem(w.unlock, 'unlockResults')
    .addItem(w.documents, 'makeDocuments')
    .addToUi();
}

/**
 * WORDS in the sheet's language: `Ngôn ngữ` on `Cấu hình` (columns `Mục` | `Giá trị`), names
 * matched as the functions match them (case, spaces, Unicode form ignored); anything but
 * `en` — no such tab, a sheet being restructured — is Vietnamese, the default.
 */
function words_() {
  const name = (s) => String(s).normalize('NFC').replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();
  try {
    const tab = SpreadsheetApp.getActiveSpreadsheet().getSheets().find((t) => name(t.getName()) === name('Cấu hình'));
    const rows = tab ? tab.getDataRange().getDisplayValues() : [];
    const header = (rows[0] || []).map(name);
    const key = header.indexOf(name('Mục'));
    const value = header.indexOf(name('Giá trị'));
    if (key >= 0 && value >= 0) {
      const row = rows.slice(1).find((r) => name(r[key]) === name('Ngôn ngữ'));
      if (row && name(row[value]) === 'en') return WORDS.en;
    }
  } catch (err) {
    // unreadable: Vietnamese
  }
  return WORDS.vi;
}

/** Installs the two triggers for this spreadsheet (again: old ones are removed first). */
function enableAutoScoring() {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  ScriptApp.getProjectTriggers()
    .filter((t) => TRIGGER_HANDLERS.indexOf(t.getHandlerFunction()) >= 0)
    .forEach((t) => ScriptApp.deleteTrigger(t));
  ScriptApp.newTrigger('onSheetEdit').forSpreadsheet(ss).onEdit().create();
  ScriptApp.newTrigger('onSheetChange').forSpreadsheet(ss).onChange().create();
  const r = post_('reconcile', { spreadsheetId: ss.getId(), force: true, ts: Date.now() });
  const w = words_();
  SpreadsheetApp.getUi().alert(r.status < 300 ? w.enabled : w.enabledNotCalled + describe_(r, w));
}

/** Installable onEdit: a person typed or pasted into a cell. */
function onSheetEdit(e) {
  const range = e.range;
  ping_(e, range ? range.getSheet().getName() : '', range ? range.getA1Notation() : '');
}

/** Installable onChange: rows, columns or tabs added or removed, and other structural changes. */
function onSheetChange(e) {
  // Cell edits are told by onSheetEdit; formatting changes nothing that is scored.
  if (e.changeType === 'EDIT' || e.changeType === 'FORMAT') return;
  ping_(e, '', '');
}

function scoreNow() {
  const r = post_('reconcile', { spreadsheetId: SpreadsheetApp.getActiveSpreadsheet().getId(), force: true, ts: Date.now() });
  const w = words_();
  SpreadsheetApp.getActiveSpreadsheet().toast(r.status < 300 ? w.rescored : describe_(r, w), w.menu);
}

/** An admin's act: sent with the person's Google identity, not with the sheet's key. */
function sendReportsNow() {
  const ui = SpreadsheetApp.getUi();
  const w = words_();
  const ok = ui.alert(w.send, w.sendAsk, ui.ButtonSet.OK_CANCEL);
  if (ok !== ui.Button.OK) return;
  const r = postAsPerson_('sendReports', { spreadsheetId: SpreadsheetApp.getActiveSpreadsheet().getId(), ts: Date.now() });
  const res = (r.body && r.body.results && r.body.results[0]) || {};
  ui.alert(r.status < 300 ? w.sent(res.sent || 0, res.duplicates || 0) : describe_(r, w));
}

/** "Chốt kết quả" (MEETING.md): an admin's act, sent with the person's identity. */
function lockResults() {
  const ui = SpreadsheetApp.getUi();
  const w = words_();
  const ok = ui.alert(w.lock, w.lockAsk, ui.ButtonSet.OK_CANCEL);
  if (ok !== ui.Button.OK) return;
  const r = postAsPerson_('lock', { spreadsheetId: SpreadsheetApp.getActiveSpreadsheet().getId(), ts: Date.now() });
  const outcome = r.body && r.body.outcome;
  ui.alert(r.status < 300 ? (outcome === 'already-locked' ? w.alreadyLocked : outcome === 'unusable' ? w.lockUnusable : w.locked) : describe_(r, w));
}

/** "Mở chốt": the next runs score afresh. */
function unlockResults() {
  const ui = SpreadsheetApp.getUi();
  const w = words_();
  const ok = ui.alert(w.unlock, w.unlockAsk, ui.ButtonSet.OK_CANCEL);
  if (ok !== ui.Button.OK) return;
  const r = postAsPerson_('unlock', { spreadsheetId: SpreadsheetApp.getActiveSpreadsheet().getId(), ts: Date.now() });
  const outcome = r.body && r.body.outcome;
  ui.alert(r.status < 300 ? (outcome === 'not-locked' ? w.notLocked : w.unlocked) : describe_(r, w));
}

/**
 * "Tạo văn bản": Bảng tổng hợp, Biên bản họp, Tờ trình and Giao ước (.docx and .pdf) into this
 * sheet's Drive folder, each linked in Nhật ký; an admin's act, sent with the person's identity.
 */
function makeDocuments() {
  const ui = SpreadsheetApp.getUi();
  const w = words_();
  const r = postAsPerson_('makeDocuments', { spreadsheetId: SpreadsheetApp.getActiveSpreadsheet().getId(), ts: Date.now() });
  if (r.status >= 300) return ui.alert(describe_(r, w));
  const files = (r.body && r.body.files) || [];
  ui.alert(w.made(files.length) + (r.body.draft ? w.draft : ''));
}

/** A trigger must not bother the editor: a failure is logged; `reconcile` catches up. */
function ping_(e, sheet, range) {
  try {
    const r = post_('sheetEdited', { spreadsheetId: e.source.getId(), sheet: sheet, range: range, user: userEmail_(e), ts: Date.now() });
    if (r.status >= 300) console.error('Thi đua: ' + describe_(r));
  } catch (err) {
    console.error('Thi đua: ' + err);
  }
}

function userEmail_(e) {
  try {
    return (e.user && e.user.getEmail()) || '';
  } catch (err) {
    return '';
  }
}

/** Config.gs (written by `thidua google setup`) first, then the Script Properties. */
function setting_(name) {
  const fromSetup = typeof THIDUA_CONFIG === 'object' && THIDUA_CONFIG ? THIDUA_CONFIG[name] : null;
  return fromSetup || PropertiesService.getScriptProperties().getProperty(name) || '';
}

function url_(endpoint) {
  const url = setting_(URL_PROPERTY[endpoint]);
  if (!url) throw new Error('Chưa đặt ' + URL_PROPERTY[endpoint] + ' (Config.gs hoặc Thuộc tính tập lệnh).');
  return url;
}

/** POSTs `payload` to `endpoint` as JSON, signed with each key in THIDUA_SHEET_KEY. */
function post_(endpoint, payload) {
  const url = url_(endpoint);
  const keys = String(setting_('THIDUA_SHEET_KEY')).split(/\s+/).filter(String);
  if (keys.length === 0) throw new Error('Chưa đặt THIDUA_SHEET_KEY (Config.gs hoặc Thuộc tính tập lệnh).');
  const body = asciiJson_(payload);
  const t = Math.floor(Date.now() / 1000);
  const signature = ['t=' + t]
    .concat(keys.map((k) => 'v1=' + hex_(Utilities.computeHmacSha256Signature(t + '.' + endpoint + '.' + body, k, Utilities.Charset.UTF_8))))
    .join(',');
  return fetch_(url, body, { 'X-Thidua-Signature': signature });
}

/** POSTs `payload` with the person's Google identity token (scopes openid + userinfo.email). */
function postAsPerson_(endpoint, payload) {
  return fetch_(url_(endpoint), asciiJson_(payload), { Authorization: 'Bearer ' + ScriptApp.getIdentityToken() });
}

function fetch_(url, body, headers) {
  const res = UrlFetchApp.fetch(url, {
    method: 'post',
    contentType: 'application/json',
    payload: body,
    headers: headers,
    muteHttpExceptions: true,
  });
  let parsed = null;
  try {
    parsed = JSON.parse(res.getContentText());
  } catch (err) {
    // not JSON: described by its status
  }
  return { status: res.getResponseCode(), body: parsed };
}

/** JSON with every non-ASCII character escaped: the bytes sent are the bytes signed, whatever the charset. */
function asciiJson_(value) {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => '\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4));
}

/** Apps Script gives signed bytes (-128…127). */
function hex_(bytes) {
  return bytes.map((b) => ('0' + (b & 0xff).toString(16)).slice(-2)).join('');
}

/** `w`: the words of the sheet's language (the console of a trigger: Vietnamese, no sheet read). */
function describe_(r, w) {
  return (w || WORDS.vi).error + r.status + (r.body && r.body.error ? ': ' + r.body.error : '');
}
