/**
 * The `thidua` command: cli/program.ts parses (commander, help in Vietnamese or, with
 * THIDUA_LANG=en, English); failures become one line of that language here.
 */
import { UsageError } from './cli/args.js';
import { cliLanguage } from './cli/lang.js';

/** Raised by `init` when the file exists and --force was not given. */
function isFileExists(e: unknown): e is Error {
  return e instanceof Error && e.name === 'FileExistsError';
}

export async function main(argv: string[]): Promise<number> {
  try {
    // Subcommands import what they need when they run: `run` does not pay for exceljs (init).
    return await (await import('./cli/program.js')).runProgram(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    const en = cliLanguage() === 'en';
    if (isFileExists(e)) {
      process.stderr.write(en
        ? `${e.message} already exists; not overwritten. Use --force if you really mean to make it again.\n`
        : `Tệp ${e.message} đã có; không ghi đè. Dùng --force nếu thật sự muốn tạo lại.\n`);
      return 1;
    }
    // Anything else (a locked file, a full disk, a broken ledger): one line, not a stack trace.
    const { describeFailure } = await import('./cli/failure.js');
    process.stderr.write(`${en ? 'Could not run' : 'Không chạy được'}: ${describeFailure(e, en ? 'en' : 'vi')}.\n`);
    if (process.env.THIDUA_DEBUG) console.error(e);
    return 1;
  }
}
