/** The `thidua` command: cli/program.ts parses (commander, Vietnamese help); failures become one Vietnamese line here. */
import { UsageError } from './cli/args.js';

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
