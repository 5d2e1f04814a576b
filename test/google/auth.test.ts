import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auth } from '@googleapis/sheets';
import { SCOPES, documentsAuth, gmailAuth, senderAddress, workbookAuth } from '../../functions/google/auth.js';
import { sheetsClient } from '../../functions/google/clients.js';
import { readSpreadsheet } from '../../functions/sheets/google/read.js';
import { GoogleCallError } from '../../functions/google/retry.js';
import { FakeGoogle } from '../support/fake-google/index.js';

let dir: string;
let keyFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'thidua-auth-'));
  keyFile = join(dir, 'sa.json');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(
    keyFile,
    JSON.stringify({
      type: 'service_account',
      project_id: 'thidua-test',
      private_key_id: 'k1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: 'thidua@thidua-test.iam.gserviceaccount.com',
      client_id: '1',
      token_uri: 'https://oauth2.googleapis.com/token',
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('credentials', () => {
  it('least-privilege scopes', () => {
    expect(SCOPES).toEqual({
      sheets: 'https://www.googleapis.com/auth/spreadsheets',
      driveMetadata: 'https://www.googleapis.com/auth/drive.metadata.readonly',
      driveFile: 'https://www.googleapis.com/auth/drive.file',
      gmailSend: 'https://www.googleapis.com/auth/gmail.send',
    });
  });

  it('the workbook uses a service-account key named by GOOGLE_APPLICATION_CREDENTIALS, with Sheets and Drive metadata scopes', async () => {
    const saved = process.env.GOOGLE_APPLICATION_CREDENTIALS;
    process.env.GOOGLE_APPLICATION_CREDENTIALS = keyFile;
    try {
      const client = (await workbookAuth().getClient()) as InstanceType<typeof auth.JWT>;
      expect(client).toBeInstanceOf(auth.JWT);
      expect(client.email).toBe('thidua@thidua-test.iam.gserviceaccount.com');
      expect(client.scopes).toEqual([SCOPES.sheets, SCOPES.driveMetadata]);
      expect(client.subject).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
      else process.env.GOOGLE_APPLICATION_CREDENTIALS = saved;
    }
  });

  it('"Tạo văn bản" uploads with drive.file (only files this app made) and Drive metadata', async () => {
    const client = (await documentsAuth({ keyFilename: keyFile }).getClient()) as InstanceType<typeof auth.JWT>;
    expect(client.scopes).toEqual([SCOPES.driveFile, SCOPES.driveMetadata]);
  });

  it('Gmail acts as the sender named by THIDUA_MAIL_FROM (domain-wide delegation), with the send scope only', async () => {
    const a = gmailAuth({ THIDUA_MAIL_FROM: '"Ban Thi đua" <tdkt@example.gov.vn>' }, { keyFilename: keyFile });
    const client = (await a.getClient()) as InstanceType<typeof auth.JWT>;
    expect(client.subject).toBe('tdkt@example.gov.vn');
    expect(client.scopes).toEqual([SCOPES.gmailSend]);
  });

  it('Gmail without a sender is a configuration error, said in Vietnamese', () => {
    expect(() => gmailAuth({})).toThrow(/THIDUA_MAIL_FROM/);
  });

  it('reads the bare address from a display-name form', () => {
    expect(senderAddress('tdkt@example.gov.vn')).toBe('tdkt@example.gov.vn');
    expect(senderAddress('Ban TĐKT <tdkt@example.gov.vn>')).toBe('tdkt@example.gov.vn');
  });
});

describe('the auth option reaches the wire', () => {
  let fake: FakeGoogle;
  beforeAll(async () => void (fake = await FakeGoogle.start({ token: 'ya29.test-token' })));
  afterAll(async () => fake.close());

  it('requests carry the bearer token of the client given as `auth`', async () => {
    const id = fake.addSpreadsheet('Có xác thực', [{ name: 'A' }]);
    const oauth = new auth.OAuth2();
    oauth.setCredentials({ access_token: 'ya29.test-token', expiry_date: Date.now() + 3_600_000 });
    const { snapshot } = await readSpreadsheet(sheetsClient({ rootUrl: fake.rootUrl, auth: oauth }), id);
    expect(snapshot.title).toBe('Có xác thực');
  });

  it('without credentials the server says 401, which is not retried', async () => {
    const id = fake.addSpreadsheet('Có xác thực', [{ name: 'A' }]);
    fake.resetCounts();
    const err = await readSpreadsheet(sheetsClient({ rootUrl: fake.rootUrl }), id, { sleep: async () => {} }).catch((e) => e);
    expect(err).toBeInstanceOf(GoogleCallError);
    expect(err.status).toBe(401);
    expect(fake.count('sheets.get')).toBe(1);
  });
});
