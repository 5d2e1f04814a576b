/**
 * Gmail without a key file: the delegation JWT is signed by IAM Credentials signJwt as the
 * runtime account, exchanged at the token endpoint, and Gmail sends as the Workspace user —
 * all against the fake, through the real clients. And Gmail's own limits.
 */
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GMAIL_API_MAX_RECIPIENTS, gmailTransport } from '../../functions/cloud/gmail-transport.js';
import { delegatedClient } from '../../functions/google/delegation.js';
import { gmailClient } from '../../functions/google/clients.js';
import { SCOPES } from '../../functions/google/auth.js';
import { FakeGoogle } from '../support/fake-google/index.js';
import { tempLedger } from '../cloud/support.js';

const RUNTIME = 'thidua-runtime@du-an.iam.gserviceaccount.com';
const SENDER = 'thidua@so-noi-vu.gov.vn';
let fake: FakeGoogle;
beforeAll(async () => void (fake = await FakeGoogle.start({ users: { 'runtime-adc': RUNTIME, 'someone-else': 'x@y.z' } })));
afterAll(async () => fake.close());

function as(token: string): OAuth2Client {
  const c = new OAuth2Client();
  c.setCredentials({ access_token: token, expiry_date: Date.now() + 3_600_000 });
  return c;
}
const raw = Buffer.from(`From: ${SENDER}\r\nTo: dv01@example.vn\r\nSubject: Thử\r\n\r\nNội dung`);
const delegated = (auth: OAuth2Client) =>
  gmailClient({ rootUrl: fake.rootUrl, auth: delegatedClient({ serviceAccount: RUNTIME, subject: SENDER, iamRootUrl: fake.rootUrl, tokenUrl: `${fake.rootUrl}token`, auth, retry: { attempts: 1 } }) });

describe('Gmail by delegation, keyless', () => {
  it('signs the delegation JWT through signJwt as the runtime account and sends as the Workspace user', async () => {
    fake.delegations.set(RUNTIME, [SCOPES.gmailSend]);
    await gmailTransport(delegated(as('runtime-adc'))).send(raw, { from: SENDER, to: ['dv01@example.vn'] }, 'k1');
    expect(fake.sent.at(-1)).toMatchObject({ userId: 'me', as: SENDER });
    const jwt = fake.requests('iam.signJwt')[0]!;
    expect(jwt.path).toBe(`/v1/projects/-/serviceAccounts/${RUNTIME}:signJwt`);
    expect(JSON.parse(jwt.body.payload)).toMatchObject({ iss: RUNTIME, sub: SENDER, scope: SCOPES.gmailSend, aud: `${fake.rootUrl}token` });
  });

  it('is refused when the Workspace admin did not allow the delegation, or another account signs', async () => {
    fake.delegations.clear();
    const why = (e: any): string => `${e.message} ${e.cause?.message ?? ''} ${e.cause?.cause?.message ?? ''}`;
    const before = fake.sent.length;
    const refused = await gmailTransport(delegated(as('runtime-adc'))).send(raw, { from: SENDER, to: ['a@b.c'] }, 'k2').catch(why);
    expect(refused).toMatch(/Ủy quyền Gmail bị từ chối: unauthorized_client/);
    fake.delegations.set(RUNTIME, [SCOPES.gmailSend]);
    const other = await gmailTransport(delegated(as('someone-else'))).send(raw, { from: SENDER, to: ['a@b.c'] }, 'k3').catch(why);
    expect(other).toMatch(/signJwt/);
    expect(fake.sent.length).toBe(before);
  });
});

describe("Gmail's limits", () => {
  const plain = () => gmailClient({ rootUrl: fake.rootUrl });

  it(`refuses a message to more than ${GMAIL_API_MAX_RECIPIENTS} recipients, saying why, before sending`, async () => {
    const before = fake.sent.length;
    const to = Array.from({ length: 101 }, (_, i) => `u${i}@example.vn`);
    await expect(gmailTransport(plain()).send(raw, { from: SENDER, to }, 'k4')).rejects.toThrow(/101 người nhận.*tối đa 100/);
    expect(fake.sent.length).toBe(before);
  });

  it('keeps to the daily messages and recipients per sender, counted in the ledger; the next day refills', async () => {
    const ledger = tempLedger();
    let t = Date.UTC(2026, 11, 1, 3, 0, 0);
    const limits = { ledger, sender: `"Ban thi đua" <${SENDER}>`, now: () => t, messagesPerDay: 2, recipientsPerDay: 3 };
    const send = (to: string[]) => gmailTransport(plain(), {}, limits).send(raw, { from: SENDER, to }, 'k');
    await send(['a@x.vn']);
    await send(['b@x.vn', 'c@x.vn']);
    await expect(send(['d@x.vn'])).rejects.toThrow(/giới hạn gửi thư trong ngày/);
    t += 86_400_000;
    await send(['d@x.vn']);
    await ledger.close();
  });
});
