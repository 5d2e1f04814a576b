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

/** `thidua serve` through the real bin until its banner is out, then Ctrl-C (SIGINT) to it alone. */
async function serveBanner(env: Record<string, string>): Promise<{ out: string; code: number | null }> {
  const { spawn } = await import('node:child_process');
  const file = join(dir, 'khoi.xlsx');
  const child = spawn(process.execPath, ['bin/thidua.js', 'serve', '--workbook', file, '--port', '0', '--ledger', join(dir, 'banner.sqlite'), '--outbox', join(dir, 'outbox')], {
    env: { ...process.env, THIDUA_LANG: '', THIDUA_WEBHOOK_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let sent = false;
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    out += s;
    if (!sent && /Ctrl-C/.test(out)) sent = child.kill('SIGINT');
  });
  const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
  return { out, code };
}

describe('the serve banner', () => {
  it('names the spreadsheet id and the key command, and says it stopped', async () => {
    const { out, code } = await serveBanner({});
    expect(code).toBe(0);
    expect(out).toContain('Mọi yêu cầu POST phải có chữ ký X-Thidua-Signature bằng khóa của bảng tính "local" (thidua key local). Ctrl-C để dừng.');
    expect(out).not.toContain('${');
    expect(out.trimEnd().endsWith('Đã dừng.')).toBe(true);
  }, 60_000);

  it('in English with THIDUA_LANG=en', async () => {
    const { out } = await serveBanner({ THIDUA_LANG: 'en' });
    expect(out).toMatch(/^Serving .*khoi\.xlsx \(spreadsheet id "local"\) at http:\/\/127\.0\.0\.1:\d+\n/);
    expect(out).toContain('(thidua key local). Ctrl-C to stop.');
    expect(out.trimEnd().endsWith('Stopped.')).toBe(true);
  }, 60_000);
});
