/** The `thidua` command: parses arguments and hands each subcommand to its own module. */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse, UsageError, USAGE, type Options } from './cli/args.js';

// Subcommands are imported when used: `run` must not pay for exceljs (init) at start-up.
const initModule = () => import('./cli/init.js');

/** Raised by `init` when the file exists and --force was not given. */
function isFileExists(e: unknown): e is Error {
  return e instanceof Error && e.name === 'FileExistsError';
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { positionals, options } = parse(argv);
    const [command, ...rest] = positionals;
    switch (command) {
      case 'init': {
        const file = need(rest[0], 'FILE.xlsx');
        await (await initModule()).initWorkbook(file, options);
        process.stderr.write(`Đã tạo ${file}${options.sample ? ' (bảng tính mẫu của Khối thi đua các tổ chức chính trị - xã hội tỉnh, năm 2023)' : ''}\n`);
        return 0;
      }
      case 'run':
        return await (await import('./cli/run.js')).runCommand(need(rest[0], 'FILE.xlsx'), options);
      case 'watch':
        return await watchUntilInterrupted(need(rest[0], 'FILE.xlsx'), options);
      case 'start': {
        const file = rest[0] ?? 'sample.xlsx';
        if (!(await exists(file))) {
          await (await initModule()).initWorkbook(file, { sample: true, force: false });
          process.stderr.write(`Đã tạo bảng tính mẫu ${resolve(file)} — mở bằng Excel hoặc LibreOffice, sửa số liệu và lưu: kết quả được chấm lại.\n`);
        }
        return await watchUntilInterrupted(file, options);
      }
      case 'remind':
        return await (await import('./cli/remind.js')).remindCommand(need(rest[0], 'FILE.xlsx'), options);
      case 'lock':
        return await (await import('./cli/lock.js')).lockCommand(need(rest[0], 'FILE.xlsx'), options);
      case 'unlock':
        return await (await import('./cli/lock.js')).unlockCommand(need(rest[0], 'FILE.xlsx'), options);
      case 'serve':
        return await (await import('./cli/serve.js')).serveCommand(options);
      case 'google':
        if (rest[0] !== 'setup') throw new UsageError('thidua google setup --from FILE.xlsx');
        return await (await import('./cli/google-setup.js')).googleSetupCommand(options);
      case undefined:
      case 'help':
        process.stdout.write(USAGE + '\n');
        return command ? 0 : 1;
      default:
        throw new UsageError(`Không có lệnh "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${USAGE}\n`);
      return 1;
    }
    if (isFileExists(e)) {
      process.stderr.write(`Tệp ${e.message} đã có; không ghi đè. Dùng --force nếu thật sự muốn tạo lại.\n`);
      return 1;
    }
    // Anything else (a locked file, a full disk, a broken ledger): one line, not a stack trace.
    process.stderr.write(`Không chạy được: ${(await import('./cli/failure.js')).describeFailure(e)}.\n`);
    if (process.env.THIDUA_DEBUG) console.error(e);
    return 1;
  }
}

function need(v: string | undefined, what: string): string {
  if (!v) throw new UsageError(`Thiếu ${what}`);
  return v;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

/** Runs now, then on every save, until Ctrl-C (SIGINT) or SIGTERM. */
async function watchUntilInterrupted(file: string, options: Options): Promise<number> {
  const log = (s: string) => process.stdout.write(s + '\n');
  const { startWatching } = await import('./cli/watch.js');
  const w = startWatching(file, options, log);
  await w.trigger();
  log(`\nĐang theo dõi ${resolve(file)} — lưu tệp để chấm lại; Ctrl-C để dừng.`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await w.stop();
  log('Đã dừng.');
  return 0;
}
