/**
 * The email templates (templates/<lang>/<kind>.{subject,html,text}.hbs, partials from
 * templates/partials, CSS from templates/styles), read and compiled once per process.
 * HTML templates escape every value; subject and text templates are compiled with
 * `noEscape`, since neither is HTML.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Lang } from '../core/model.js';
import type { EmailKind } from './draft.js';
import { helpers } from './helpers.js';

type Render = (view: object) => string;

export interface KindTemplates {
  subject: Render;
  html: Render;
  text: Render;
}

export interface Templates {
  kinds: Record<Lang, Record<EmailKind, KindTemplates>>;
  css: string;
  dir: string;
}

const KINDS: EmailKind[] = ['summary', 'scorecard', 'reminder'];
const LANGS: Lang[] = ['vi', 'en'];

/** templates/ beside the sources (functions/mail → ../../templates) or the build (dist/functions/mail → ../../../templates). */
export function templatesDir(): string {
  if (process.env.THIDUA_TEMPLATES) return process.env.THIDUA_TEMPLATES;
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../..', '../../..']) {
    const dir = join(here, up, 'templates');
    if (existsSync(join(dir, 'vi'))) return dir;
  }
  throw new Error(`Không tìm thấy thư mục templates/ / templates/ not found near ${here}`);
}

function makeEnv(dir: string, noEscape: boolean): typeof Handlebars {
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) env.registerHelper(name, fn);
  const partials = join(dir, 'partials');
  for (const file of readdirSync(partials)) {
    const m = /^(.+)\.(html|text)\.hbs$/.exec(file);
    if (!m || (m[2] === 'text') !== noEscape) continue;
    env.registerPartial(m[1]!, env.compile(readFileSync(join(partials, file), 'utf8'), { noEscape, strict: true }));
  }
  return env;
}

let cache: Templates | null = null;

export function loadTemplates(): Templates {
  if (cache) return cache;
  const dir = templatesDir();
  const html = makeEnv(dir, false);
  const plain = makeEnv(dir, true);
  const read = (lang: Lang, kind: EmailKind, part: string) => readFileSync(join(dir, lang, `${kind}.${part}.hbs`), 'utf8');
  const kinds = {} as Templates['kinds'];
  for (const lang of LANGS) {
    kinds[lang] = {} as Record<EmailKind, KindTemplates>;
    for (const kind of KINDS) {
      // strict: a misspelt field in a template fails loudly instead of rendering nothing.
      kinds[lang][kind] = {
        subject: plain.compile(read(lang, kind, 'subject'), { noEscape: true, strict: true }),
        html: html.compile(read(lang, kind, 'html'), { strict: true }),
        text: plain.compile(read(lang, kind, 'text'), { noEscape: true, strict: true }),
      };
    }
  }
  cache = { kinds, css: readFileSync(join(dir, 'styles', 'email.css'), 'utf8'), dir };
  return cache;
}
