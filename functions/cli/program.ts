/**
 * The `thidua` command line on commander, in Vietnamese: help for the program and every
 * subcommand (what it does, arguments, options, examples), and commander's own English
 * errors turned into Vietnamese lines ("--jsn: ý bạn là --json?").
 */
import { Command, CommanderError } from 'commander';
import { Options, UsageError } from './args.js';
import type { Subcommand } from './command.js';
import { COMMANDS } from './commands/index.js';
import { OPTIONS } from './options.js';

const TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Options:': 'Tuỳ chọn:',
  'Commands:': 'Các lệnh:',
  'Arguments:': 'Tham số:',
  'Global Options:': 'Tuỳ chọn chung:',
};

const HELP_FLAG = 'xem hướng dẫn này';

/** Commands that hold others (`google setup`). */
const GROUPS: Record<string, string> = { google: 'làm việc với Google Sheet của cụm (tạo, cài đặt)' };

/** Commander's messages (`error: unknown option '--jsn'\n(Did you mean --json?)`) in Vietnamese. */
export function vietnameseError(message: string, command: string): string {
  const m = message.trim();
  const see = `Xem hướng dẫn: thidua${command ? ` ${command}` : ''} --help`;
  let r: RegExpExecArray | null;
  if ((r = /^error: unknown option '([^']+)'(?:\s*\(Did you mean (\S+?)\?\))?/s.exec(m))) {
    return r[2] ? `${r[1]}: ý bạn là ${r[2]}?\n${see}` : `Không có tuỳ chọn ${r[1]}.\n${see}`;
  }
  if ((r = /^error: unknown command '([^']+)'(?:\s*\(Did you mean (\S+?)\?\))?/s.exec(m))) {
    return r[2] ? `Không có lệnh "${r[1]}": ý bạn là ${r[2]}?\n${see}` : `Không có lệnh "${r[1]}".\n${see}`;
  }
  if ((r = /^error: missing required argument '([^']+)'/.exec(m))) return `Thiếu ${r[1]}.\n${see}`;
  if ((r = /^error: option '([^']+)' argument missing/.exec(m))) return `Tuỳ chọn ${r[1]!.split(/\s+/)[0]} cần một giá trị.\n${see}`;
  if ((r = /^error: too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)/.exec(m))) {
    return `Thừa tham số: lệnh nhận ${r[2]} tham số nhưng được ${r[3]}.\n${see}`;
  }
  return `${m.replace(/^error: /, '')}\n${see}`;
}

function configure(cmd: Command, path: string): Command {
  return cmd
    .exitOverride()
    .configureHelp({
      styleTitle: (str: string) => TITLES[str] ?? str,
      // `run <FILE.xlsx>` in the list of commands, without commander's English "[options]".
      subcommandTerm: (c: Command) => [c.name(), ...c.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`))].join(' '),
    })
    .helpOption('-h, --help', HELP_FLAG)
    .configureOutput({ outputError: (str, write) => write(`${vietnameseError(str, path)}\n`) })
    .showSuggestionAfterError(true);
}

function examplesText(s: Subcommand): string {
  if (!s.examples.length) return '';
  const width = Math.max(...s.examples.map(([line]) => line.length));
  const lines = s.examples.map(([line, what]) => (line.length + 4 + what.length <= 100 ? `  ${line.padEnd(width)}  # ${what}` : `  ${line}\n      # ${what}`));
  return `\nVí dụ:\n${lines.join('\n')}\n`;
}

/** The program, with `state.exit` set by the subcommand that ran. */
export function buildProgram(state: { exit: number }): Command {
  const program = new Command('thidua');
  configure(program, '');
  program
    .description('Chấm điểm, xếp hạng thi đua của cụm (khối) thi đua từ một bảng tính; gửi báo cáo, phiếu điểm và thư nhắc.')
    .usage('<lệnh> [tham số] [tuỳ chọn]')
    .helpCommand('help [lệnh]', 'xem hướng dẫn của một lệnh')
    .addHelpText('after', '\nVí dụ:\n  thidua init khoi.xlsx --sample   # tạo bảng tính mẫu\n  thidua run khoi.xlsx             # chấm và in bảng xếp hạng\n  thidua run --help                # hướng dẫn của lệnh run\n');
  const parents = new Map<string, Command>();
  for (const s of COMMANDS) {
    const words = s.name.split(' ');
    let parent = program;
    for (const word of words.slice(0, -1)) {
      let p = parents.get(word);
      if (!p) {
        p = configure(parent.command(word), word).description(GROUPS[word] ?? `các lệnh ${word}`).usage('<lệnh> [tuỳ chọn]').helpCommand(false);
        parents.set(word, p);
      }
      parent = p;
    }
    const cmd = configure(parent.command(words[words.length - 1]!), s.name)
      .summary(s.summary)
      // One paragraph: commander wraps it to the terminal.
      .description(s.description.replace(/\s*\n\s*/g, ' '))
      .usage([s.options.length ? '[tuỳ chọn]' : '', ...s.args.map((a) => (a.required ? `<${a.name}>` : `[${a.name}]`))].filter(Boolean).join(' ') || '')
      .helpCommand(false)
      .addHelpText('after', examplesText(s));
    for (const a of s.args) cmd.argument(a.required ? `<${a.name}>` : `[${a.name}]`, a.description);
    for (const name of s.options) {
      const spec = OPTIONS[name] as { flags: string; description: string; repeat?: boolean };
      const help = s.optionHelp?.[name] ?? spec.description;
      if (spec.repeat) cmd.option(spec.flags, help, (v: string, prev: string[] = []) => [...prev, v]);
      else cmd.option(spec.flags, help);
    }
    cmd.action(async () => {
      const parsed = Options.safeParse(cmd.opts());
      if (!parsed.success) {
        const line = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
        throw new UsageError(`${line}\nXem hướng dẫn: thidua ${s.name} --help`);
      }
      state.exit = await s.run(cmd.processedArgs as (string | undefined)[], parsed.data);
    });
  }
  return program;
}

/**
 * Parses and runs. Help printed (`--help`, `help`): 0; a usage error: its Vietnamese line
 * on stderr and 1; no command at all: the help on stderr and 1.
 */
export async function runProgram(argv: string[]): Promise<number> {
  const state = { exit: 0 };
  const program = buildProgram(state);
  // `thidua --help | head`: a closed pipe ends the output, not the program with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(state.exit);
  });
  if (argv.length === 0) {
    process.stderr.write(program.helpInformation());
    return 1;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exit;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end with code 0; errors were already written, in Vietnamese.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version' ? 0 : 1;
    }
    throw e;
  }
}
