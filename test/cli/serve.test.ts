/** `thidua serve` under a client that gives up: not a server error (functions/cli/serve.ts). */
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Options } from '../../functions/cli/args.js';
import { initWorkbook } from '../../functions/cli/init.js';
import { startServing, type Serving } from '../../functions/cli/serve.js';
import { tempDir } from '../support/cli.js';
import { SECRET } from '../cloud/support.js';

const dir = tempDir('thidua-serve-abort-');
const logged: { severity: string; message: string }[] = [];
let served: Serving;

beforeAll(async () => {
  const file = join(dir, 'khoi.xlsx');
  await initWorkbook(file, { sample: true, force: false });
  const options = Options.parse({ workbook: file, port: 0, outbox: join(dir, 'outbox'), ledger: join(dir, 'ledger.sqlite') });
  served = await startServing(options, { THIDUA_WEBHOOK_SECRET: SECRET }, (severity, message) => logged.push({ severity, message }));
});
afterAll(async () => served?.close());

describe('a client aborting a request', () => {
  it('is not logged as an error, and the server keeps answering', async () => {
    const { port } = new URL(served.url);
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((done) => {
        const s = connect(Number(port), '127.0.0.1', () => {
          // Half a body, then the client hangs up.
          s.write('POST /sheetEdited HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"spreadsheetId":');
          setTimeout(() => {
            s.destroy();
            done();
          }, 50);
        });
      });
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(logged.filter((l) => l.severity === 'ERROR')).toEqual([]);
    const health = await fetch(`${served.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
