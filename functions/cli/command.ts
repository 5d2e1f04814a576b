/**
 * What a subcommand is: its name, what it does, its arguments and options, examples and
 * the function that runs it. cli/program.ts turns each into a commander command with
 * its help in Vietnamese, or English (THIDUA_LANG=en, cli/lang.ts); every text people read
 * is given in both (`Words`). cli/commands/index.ts lists them. Adding a command: one module in
 * cli/commands/ exporting a Subcommand, and one line in that list.
 */
import type { Options } from './args.js';
import type { Words } from './lang.js';
import type { OptionName } from './options.js';

export interface Argument {
  /** As shown in help: `FILE.xlsx`. */
  name: string;
  description: Words;
  required: boolean;
}

export interface Subcommand {
  /** `run`, or `google setup` for a command under another. */
  name: string;
  /** One line, shown in `thidua --help`. */
  summary: Words;
  /** What it does, a few lines, shown in `thidua NAME --help`. */
  description: Words;
  args: Argument[];
  /** Options it takes (cli/options.ts). */
  options: OptionName[];
  /** An option's help where this command's differs from cli/options.ts (`--ledger` of the Google commands). */
  optionHelp?: Partial<Record<OptionName, Words>>;
  /** Complete command lines, each with what it does: [line, explanation]. */
  examples: [string, Words][];
  /** Runs it; the exit status. `args` are the arguments in order (absent optional ones undefined). */
  run(args: (string | undefined)[], o: Options): Promise<number>;
}
