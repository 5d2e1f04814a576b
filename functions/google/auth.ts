/**
 * Credentials the standard ways: Application Default Credentials (the function's service
 * account on Cloud Functions, `gcloud auth application-default login` on a laptop) or a
 * key file named by GOOGLE_APPLICATION_CREDENTIALS. `GoogleAuth` reads both by itself; we
 * only choose the scopes, each the least that does the job.
 */
import { auth } from '@googleapis/sheets';

export const SCOPES = {
  /** Read the workbook and write the system-owned places; create a cluster spreadsheet. */
  sheets: 'https://www.googleapis.com/auth/spreadsheets',
  /** The Drive `version` of a spreadsheet, for the cheap "did it change" look. */
  driveMetadata: 'https://www.googleapis.com/auth/drive.metadata.readonly',
  /**
   * Create files and change only the files this app created (the meeting's documents, put
   * beside the spreadsheet): nothing else in anyone's Drive is visible with it.
   */
  driveFile: 'https://www.googleapis.com/auth/drive.file',
  /** Send mail, nothing else (no reading of anyone's mailbox). */
  gmailSend: 'https://www.googleapis.com/auth/gmail.send',
} as const;

export type GoogleAuthClient = InstanceType<typeof auth.GoogleAuth>;

export interface AuthOptions {
  /** A service-account key file; default: ADC, which honours GOOGLE_APPLICATION_CREDENTIALS. */
  keyFilename?: string;
}

/** For the workbook: Sheets read/write and Drive metadata. */
export function workbookAuth(options: AuthOptions = {}): GoogleAuthClient {
  return new auth.GoogleAuth({
    scopes: [SCOPES.sheets, SCOPES.driveMetadata],
    ...(options.keyFilename ? { keyFilename: options.keyFilename } : {}),
  });
}

/** For "Tạo văn bản": upload the documents (drive.file), find the spreadsheet's folder (metadata). */
export function documentsAuth(options: AuthOptions = {}): GoogleAuthClient {
  return new auth.GoogleAuth({
    scopes: [SCOPES.driveFile, SCOPES.driveMetadata],
    ...(options.keyFilename ? { keyFilename: options.keyFilename } : {}),
  });
}

/**
 * For Gmail: a service account with domain-wide delegation acting as the sender
 * (THIDUA_MAIL_FROM). Delegation signs a JWT with the account's key, so this needs a key
 * file (GOOGLE_APPLICATION_CREDENTIALS or `keyFilename`), not bare metadata-server ADC.
 */
export function gmailAuth(env: NodeJS.ProcessEnv = process.env, options: AuthOptions = {}): GoogleAuthClient {
  const sender = env.THIDUA_MAIL_FROM?.trim();
  if (!sender) {
    throw new Error('Thiếu THIDUA_MAIL_FROM: địa chỉ người gửi mà tài khoản dịch vụ được ủy quyền gửi thay.');
  }
  return new auth.GoogleAuth({
    scopes: [SCOPES.gmailSend],
    clientOptions: { subject: senderAddress(sender) },
    ...(options.keyFilename ? { keyFilename: options.keyFilename } : {}),
  });
}

/** `"Ban thi đua" <tdkt@example.gov.vn>` → `tdkt@example.gov.vn`: delegation wants the bare address. */
export function senderAddress(from: string): string {
  const m = /<([^<>]+)>\s*$/.exec(from);
  return (m ? m[1]! : from).trim();
}
