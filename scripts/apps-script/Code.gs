/**
 * Thi đua — nút bấm và tín hiệu "bảng tính vừa được sửa" cho các hàm chấm điểm.
 *
 * Cài đặt (chi tiết trong docs/cloud.md):
 *  1. Mở bảng tính → Tiện ích mở rộng → Apps Script; dán tệp này (Code.gs) và appsscript.json
 *     (Cài đặt dự án → "Hiện tệp kê khai appsscript.json").
 *  2. Cài đặt dự án → Thuộc tính tập lệnh:
 *       THIDUA_WEBHOOK_SECRET     khóa bí mật chung với các hàm. Khi đổi khóa: ghi khóa mới và
 *                                 khóa cũ cách nhau một dấu cách, đổi khóa ở các hàm, rồi xóa khóa cũ.
 *       THIDUA_URL_SHEET_EDITED   địa chỉ hàm sheetEdited
 *       THIDUA_URL_RECONCILE      địa chỉ hàm reconcile
 *       THIDUA_URL_SEND_REPORTS   địa chỉ hàm sendReports
 *  3. Tải lại bảng tính; trình đơn "Thi đua" → "Bật tự động chấm điểm".
 *
 * How it works (ARCHITECTURE.md "Triggers: edge for speed, level for truth"): installable
 * onEdit/onChange triggers post {spreadsheetId, sheet, range, user, ts}, signed with
 * HMAC-SHA256 (header X-Thidua-Signature: t=<unix s>,v1=<hex>). The ping is only a reason
 * to look — the function re-reads the sheet. Writes made by the system through the Sheets
 * API do not fire Apps Script triggers, so there is no loop. A lost ping is caught by the
 * periodic `reconcile`.
 */

const TRIGGER_HANDLERS = ['onSheetEdit', 'onSheetChange'];

function onOpen() {
  SpreadsheetApp.getUi()
    .createMenu('Thi đua')
    .addItem('Bật tự động chấm điểm', 'enableAutoScoring')
    .addItem('Chấm điểm ngay', 'scoreNow')
    .addItem('Gửi báo cáo', 'sendReportsNow')
    .addToUi();
}

/** Installs the two triggers for this spreadsheet (again: old ones are removed first). */
function enableAutoScoring() {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  ScriptApp.getProjectTriggers()
    .filter((t) => TRIGGER_HANDLERS.indexOf(t.getHandlerFunction()) >= 0)
    .forEach((t) => ScriptApp.deleteTrigger(t));
  ScriptApp.newTrigger('onSheetEdit').forSpreadsheet(ss).onEdit().create();
  ScriptApp.newTrigger('onSheetChange').forSpreadsheet(ss).onChange().create();
  const r = post_('THIDUA_URL_RECONCILE', { spreadsheetId: ss.getId(), force: true });
  SpreadsheetApp.getUi().alert(
    r.status < 300
      ? 'Đã bật tự động chấm điểm: sau mỗi lần sửa, bảng "Xếp hạng" được chấm lại sau ít giây.'
      : 'Đã cài trình kích hoạt, nhưng chưa gọi được hàm chấm điểm: ' + describe_(r),
  );
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
  const r = post_('THIDUA_URL_RECONCILE', { spreadsheetId: SpreadsheetApp.getActiveSpreadsheet().getId(), force: true });
  SpreadsheetApp.getActiveSpreadsheet().toast(r.status < 300 ? 'Đã chấm điểm lại.' : describe_(r), 'Thi đua');
}

function sendReportsNow() {
  const ui = SpreadsheetApp.getUi();
  const ok = ui.alert('Gửi báo cáo', 'Gửi báo cáo tổng hợp và phiếu điểm của từng đơn vị qua thư điện tử? ' +
    'Thư có nội dung không đổi đã gửi trước đó sẽ không gửi lại.', ui.ButtonSet.OK_CANCEL);
  if (ok !== ui.Button.OK) return;
  const r = post_('THIDUA_URL_SEND_REPORTS', { spreadsheetId: SpreadsheetApp.getActiveSpreadsheet().getId() });
  const res = (r.body && r.body.results && r.body.results[0]) || {};
  ui.alert(r.status < 300 ? 'Đã gửi ' + (res.sent || 0) + ' thư (' + (res.duplicates || 0) + ' thư không đổi, không gửi lại).' : describe_(r));
}

/** A trigger must not bother the editor: a failure is logged; `reconcile` catches up. */
function ping_(e, sheet, range) {
  try {
    const r = post_('THIDUA_URL_SHEET_EDITED', { spreadsheetId: e.source.getId(), sheet: sheet, range: range, user: userEmail_(e), ts: Date.now() });
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

/** POSTs `payload` as JSON, signed with each secret in THIDUA_WEBHOOK_SECRET. */
function post_(urlProperty, payload) {
  const props = PropertiesService.getScriptProperties();
  const url = props.getProperty(urlProperty);
  const secrets = String(props.getProperty('THIDUA_WEBHOOK_SECRET') || '').split(/\s+/).filter(String);
  if (!url) throw new Error('Chưa đặt ' + urlProperty + ' trong Thuộc tính tập lệnh.');
  if (secrets.length === 0) throw new Error('Chưa đặt THIDUA_WEBHOOK_SECRET trong Thuộc tính tập lệnh.');
  const body = asciiJson_(payload);
  const t = Math.floor(Date.now() / 1000);
  const signature = ['t=' + t]
    .concat(secrets.map((s) => 'v1=' + hex_(Utilities.computeHmacSha256Signature(t + '.' + body, s, Utilities.Charset.UTF_8))))
    .join(',');
  const res = UrlFetchApp.fetch(url, {
    method: 'post',
    contentType: 'application/json',
    payload: body,
    headers: { 'X-Thidua-Signature': signature },
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

function describe_(r) {
  return 'lỗi ' + r.status + (r.body && r.body.error ? ': ' + r.body.error : '');
}
