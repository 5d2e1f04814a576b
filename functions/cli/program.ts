/**
 * The `thidua` command line on commander: help for the program and every subcommand (what
 * it does, arguments, options, examples) in Vietnamese — or English with THIDUA_LANG=en
 * (cli/lang.ts) — and commander's own English errors turned into lines of that language
 * ("--jsn: ý bạn là --json?").
 */
import { Command, CommanderError } from 'commander';
import { Options, UsageError } from './args.js';
import type { Subcommand } from './command.js';
import { COMMANDS } from './commands/index.js';
import { cliLanguage, type Words } from './lang.js';
import type { Lang } from '../core/model.js';
import { OPTIONS, type OptionSpec } from './options.js';

/** Commander's section titles; in English its own. */
const TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Options:': 'Tuỳ chọn:',
  'Commands:': 'Các lệnh:',
  'Arguments:': 'Tham số:',
  'Global Options:': 'Tuỳ chọn chung:',
};

/** The help's own words (commander's, in English). */
const HELP: Record<Lang, {
  flag: string; helpCommand: [string, string]; usage: string; groupUsage: string; options: string; examples: string; see: string;
  program: string; after: string; group: (word: string) => string;
}> = {
  vi: {
    flag: 'xem hướng dẫn này',
    helpCommand: ['help [lệnh]', 'xem hướng dẫn của một lệnh'],
    usage: '<lệnh> [tham số] [tuỳ chọn]',
    groupUsage: '<lệnh> [tuỳ chọn]',
    options: '[tuỳ chọn]',
    examples: 'Ví dụ:',
    see: 'Xem hướng dẫn',
    program: 'Chấm điểm, xếp hạng thi đua của cụm (khối) thi đua từ một bảng tính; gửi báo cáo, phiếu điểm và thư nhắc.',
    after: '\nVí dụ:\n  thidua init khoi.xlsx --sample   # tạo bảng tính mẫu\n  thidua run khoi.xlsx             # chấm và in bảng xếp hạng\n  thidua run --help                # hướng dẫn của lệnh run\n' +
      '\nHướng dẫn bằng tiếng Anh: đặt biến môi trường THIDUA_LANG=en (ví dụ THIDUA_LANG=en thidua --help).\n',
    group: (word) => `các lệnh ${word}`,
  },
  en: {
    flag: 'display help for command',
    helpCommand: ['help [command]', 'display help for a command'],
    usage: '<command> [arguments] [options]',
    groupUsage: '<command> [options]',
    options: '[options]',
    examples: 'Examples:',
    see: 'See the help',
    program: 'Scores and ranks an emulation cluster (Cụm/Khối thi đua) from a workbook; sends the report, scorecards and reminders.',
    after: '\nExamples:\n  thidua init khoi.xlsx --sample   # make a sample workbook\n  thidua run khoi.xlsx             # score and print the ranking\n  thidua run --help                # help for the run command\n' +
      '\nThis help is in English because THIDUA_LANG=en; without it, thidua speaks Vietnamese.\n' +
      'A workbook\'s messages and emails follow Ngôn ngữ in its Cấu hình tab.\n',
    group: (word) => `the ${word} commands`,
  },
};

/** Commands that hold others (`google setup`). */
const GROUPS: Record<string, Words> = {
  google: { vi: 'làm việc với Google Sheet của cụm (tạo, cài đặt)', en: 'work with the cluster\'s Google Sheet (make, set up)' },
};

/** An option's value placeholder in English help (`--outbox <folder>`); parsing does not depend on it. */
const PLACEHOLDER_EN: Record<string, string> = {
  'thư-mục': 'folder', 'ngày': 'day', 'số': 'number', 'tệp.xlsx': 'file.xlsx', 'tệp-mới.xlsx': 'new-file.xlsx', 'tệp.sqlite': 'file.sqlite', 'tệp.json': 'file.json',
};
function flagsIn(flags: string, lang: Lang): string {
  return lang === 'vi' ? flags : flags.replace(/<([^>]+)>/g, (all, name: string) => (PLACEHOLDER_EN[name] ? `<${PLACEHOLDER_EN[name]}>` : all));
}

/**
 * Commander's messages (`error: unknown option '--jsn'\n(Did you mean --json?)`) as one line
 * of the CLI's language and where to read the help.
 */
export function usageErrorText(message: string, command: string, lang: Lang = 'vi'): string {
  const m = message.trim();
  const see = `${HELP[lang].see}: thidua${command ? ` ${command}` : ''} --help`;
  const en = lang === 'en';
  let r: RegExpExecArray | null;
  if ((r = /^error: unknown option '([^']+)'(?:\s*\(Did you mean (\S+?)\?\))?/s.exec(m))) {
    if (en) return r[2] ? `${r[1]}: did you mean ${r[2]}?\n${see}` : `No option ${r[1]}.\n${see}`;
    return r[2] ? `${r[1]}: ý bạn là ${r[2]}?\n${see}` : `Không có tuỳ chọn ${r[1]}.\n${see}`;
  }
  if ((r = /^error: unknown command '([^']+)'(?:\s*\(Did you mean (\S+?)\?\))?/s.exec(m))) {
    if (en) return r[2] ? `No command "${r[1]}": did you mean ${r[2]}?\n${see}` : `No command "${r[1]}".\n${see}`;
    return r[2] ? `Không có lệnh "${r[1]}": ý bạn là ${r[2]}?\n${see}` : `Không có lệnh "${r[1]}".\n${see}`;
  }
  if ((r = /^error: missing required argument '([^']+)'/.exec(m))) return `${en ? 'Missing' : 'Thiếu'} ${r[1]}.\n${see}`;
  if ((r = /^error: option '([^']+)' argument missing/.exec(m))) {
    const flag = r[1]!.split(/\s+/)[0];
    return en ? `Option ${flag} needs a value.\n${see}` : `Tuỳ chọn ${flag} cần một giá trị.\n${see}`;
  }
  if ((r = /^error: too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)/.exec(m))) {
    return en ? `Too many arguments: the command takes ${r[2]} but got ${r[3]}.\n${see}` : `Thừa tham số: lệnh nhận ${r[2]} tham số nhưng được ${r[3]}.\n${see}`;
  }
  return `${m.replace(/^error: /, '')}\n${see}`;
}

function configure(cmd: Command, path: string, lang: Lang): Command {
  return cmd
    .exitOverride()
    .configureHelp({
      styleTitle: (str: string) => (lang === 'vi' ? TITLES[str] ?? str : str),
      // `run <FILE.xlsx>` in the list of commands, without commander's "[options]".
      subcommandTerm: (c: Command) => [c.name(), ...c.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`))].join(' '),
    })
    .helpOption('-h, --help', HELP[lang].flag)
    .configureOutput({ outputError: (str, write) => write(`${usageErrorText(str, path, lang)}\n`) })
    .showSuggestionAfterError(true);
}

function examplesText(s: Subcommand, lang: Lang): string {
  if (!s.examples.length) return '';
  const width = Math.max(...s.examples.map(([line]) => line.length));
  const lines = s.examples.map(([line, words]) => {
    const what = words[lang];
    return line.length + 4 + what.length <= 100 ? `  ${line.padEnd(width)}  # ${what}` : `  ${line}\n      # ${what}`;
  });
  return `\n${HELP[lang].examples}\n${lines.join('\n')}\n`;
}

/** The program, with `state.exit` set by the subcommand that ran. */
export function buildProgram(state: { exit: number }, lang: Lang = cliLanguage()): Command {
  const h = HELP[lang];
  const program = new Command('thidua');
  configure(program, '', lang);
  program
    .description(h.program)
    .usage(h.usage)
    .helpCommand(...h.helpCommand)
    .addHelpText('after', h.after);
  const parents = new Map<string, Command>();
  for (const s of COMMANDS) {
    const words = s.name.split(' ');
    let parent = program;
    for (const word of words.slice(0, -1)) {
      let p = parents.get(word);
      if (!p) {
        p = configure(parent.command(word), word, lang).description(GROUPS[word]?.[lang] ?? h.group(word)).usage(h.groupUsage).helpCommand(false);
        parents.set(word, p);
      }
      parent = p;
    }
    const cmd = configure(parent.command(words[words.length - 1]!), s.name, lang)
      .summary(s.summary[lang])
      // One paragraph: commander wraps it to the terminal.
      .description(s.description[lang].replace(/\s*\n\s*/g, ' '))
      .usage([s.options.length ? h.options : '', ...s.args.map((a) => (a.required ? `<${a.name}>` : `[${a.name}]`))].filter(Boolean).join(' ') || '')
      .helpCommand(false)
      .addHelpText('after', examplesText(s, lang));
    for (const a of s.args) cmd.argument(a.required ? `<${a.name}>` : `[${a.name}]`, a.description[lang]);
    for (const name of s.options) {
      const spec: OptionSpec = OPTIONS[name];
      const help = (s.optionHelp?.[name] ?? spec.description)[lang];
      const flags = flagsIn(spec.flags, lang);
      if (spec.repeat) cmd.option(flags, help, (v: string, prev: string[] = []) => [...prev, v]);
      else cmd.option(flags, help);
    }
    cmd.action(async () => {
      const parsed = Options.safeParse(cmd.opts());
      if (!parsed.success) {
        // Named by the flag people typed (`--client-id-file`, not the field; `--admin`, not `admin.0`).
        const flag = (key: PropertyKey | undefined) => (OPTIONS[key as keyof typeof OPTIONS]?.flags ?? `--${String(key)}`).split(' ')[0];
        const line = parsed.error.issues.map((i) => `${flag(i.path[0])}: ${i.message}`).join('; ');
        throw new UsageError(`${line}\n${h.see}: thidua ${s.name} --help`);
      }
      state.exit = await s.run(cmd.processedArgs as (string | undefined)[], parsed.data);
    });
  }
  return program;
}

/**
 * Parses and runs. Help printed (`--help`, `help`): 0; a usage error: its one line
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
      // Help and version end with code 0; errors were already written, in the CLI's language.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version' ? 0 : 1;
    }
    throw e;
  }
}
