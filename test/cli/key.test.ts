import { describe, expect, it } from 'vitest';
import { sheetKey } from '../../functions/triggers/signature.js';
import { thidua } from '../support/cli.js';

const SECRET = 'secret-0123456789abcdef';

describe('thidua key', () => {
  it("prints the spreadsheet's key (from an id or the sheet's whole address), the one its Apps Script signs with", () => {
    const r = thidua(['key', 'abc'], { THIDUA_WEBHOOK_SECRET: SECRET });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('f801a1627a73afe3f3397a208207d40230176dab4f617b199aac9485ae6ce689\n');
    expect(r.stdout.trim()).toBe(sheetKey(SECRET, 'abc'));
    const url = thidua(['key', 'https://docs.google.com/spreadsheets/d/abc/edit#gid=0'], { THIDUA_WEBHOOK_SECRET: SECRET });
    expect(url.stdout).toBe(r.stdout);
  });

  it('refuses without the secret, or with an impossible id, in Vietnamese', () => {
    const none = thidua(['key', 'abc'], { THIDUA_WEBHOOK_SECRET: '' });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Chưa đặt biến môi trường THIDUA_WEBHOOK_SECRET');
    const bad = thidua(['key', 'a/b c'], { THIDUA_WEBHOOK_SECRET: SECRET });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Mã bảng tính không hợp lệ');
  });
});
