/**
 * The packages the mail path loads on first use — nodemailer's composer (MIME) and
 * Handlebars' runtime — in one place. Required, not imported: a run whose emails are all
 * unchanged never loads them. The command's bundle (bin/build.js) takes this file with its
 * `createRequire` line removed, so that esbuild sees plain require() calls and bundles both
 * packages into the command's script, which runs with V8's code cache (docs/performance.md,
 * "First run"); everywhere else (dist/functions, the sources) they come from node_modules.
 */
import { createRequire } from 'node:module';
import type MailComposerType from 'nodemailer/lib/mail-composer';

const require = createRequire(import.meta.url);

export const mailComposer = (): typeof MailComposerType => require('nodemailer/lib/mail-composer') as typeof MailComposerType;
export const handlebarsRuntime = (): typeof import('handlebars') => require('handlebars/runtime') as typeof import('handlebars');
