/**
 * Every `thidua` subcommand, in the order `thidua --help` lists them. A new command is
 * a module beside this one exporting a Subcommand (cli/command.ts), added here.
 */
import type { Subcommand } from '../command.js';
import { documents } from './documents.js';
import { googleNewYear } from './google-new-year.js';
import { googleSetup } from './google-setup.js';
import { init } from './init.js';
import { key } from './key.js';
import { lock, unlock } from './lock.js';
import { newYear } from './new-year.js';
import { remind } from './remind.js';
import { run } from './run.js';
import { serve } from './serve.js';
import { start, watch } from './watch.js';

export const COMMANDS: Subcommand[] = [init, run, watch, remind, lock, unlock, documents, newYear, start, serve, key, googleSetup, googleNewYear];
