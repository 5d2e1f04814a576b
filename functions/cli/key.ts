/** Prints the key of one spreadsheet, derived from THIDUA_WEBHOOK_SECRET (never stored). */
import { MISSING_SECRET_MESSAGE, sheetKey, webhookSecret } from '../triggers/signature.js';
import { cliLanguage } from './lang.js';

export function printKey(given: string, env: NodeJS.ProcessEnv = process.env, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): number {
  const secret = webhookSecret(env);
  if (!secret) {
    err.write(MISSING_SECRET_MESSAGE + '\n');
    return 1;
  }
  // A whole URL is accepted too: the id is the part after /d/.
  const id = given.match(/\/d\/([A-Za-z0-9_-]+)/)?.[1] ?? given.trim();
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) {
    err.write(cliLanguage() === 'en' ? `Not a spreadsheet id: ${given}\n` : `Mã bảng tính không hợp lệ: ${given}\n`);
    return 1;
  }
  out.write(sheetKey(secret, id) + '\n');
  return 0;
}
