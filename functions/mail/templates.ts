/**
 * The email templates (templates/<lang>/<kind>.{subject,html,text}.hbs, partials from
 * templates/partials, CSS from templates/styles), read and compiled once per process.
 * HTML templates escape every value; subject and text templates are compiled with
 * `noEscape`, since neither is HTML. The HTML templates are compiled with their CSS
 * already inlined (inline.ts). What is cached on disk is the end of that: every template
 * precompiled by Handlebars to JavaScript, keyed by the hash of every template, the CSS
 * and the versions: one script, run with V8's code cache beside it (as bin/thidua.js runs
 * the command), so a run neither parses nor compiles the templates' code again. Loading
 * them needs only Handlebars' small runtime; juice and the Handlebars compiler load only
 * when a template or the CSS changed since the cache was written.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';

import type { Lang } from '../core/model.js';
import type { EmailKind } from './draft.js';
import { helpers } from './helpers.js';
import { handlebarsRuntime } from './packages.js';
import { expandLocalPartials, INLINER_VERSION, inlineTemplate } from './inline.js';

const require = createRequire(import.meta.url);

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

/** Every template file's text, by path relative to the templates folder, and the CSS. */
interface Sources {
  files: Record<string, string>;
  css: string;
}

function readSources(dir: string): Sources {
  const files: Record<string, string> = {};
  for (const sub of ['partials', ...LANGS]) {
    for (const file of readdirSync(join(dir, sub)).sort()) {
      if (file.endsWith('.hbs')) files[`${sub}/${file}`] = readFileSync(join(dir, sub, file), 'utf8');
    }
  }
  return { files, css: readFileSync(join(dir, 'styles', 'email.css'), 'utf8') };
}

/** Every template precompiled (Handlebars' JavaScript for it), by the same relative paths. */
type Precompiled = Record<string, string>;

function isHtml(path: string): boolean {
  return path.endsWith('.html.hbs');
}

/** HTML escapes every value; subjects and plain text are not HTML. */
function compileOptions(path: string) {
  return isHtml(path) ? { strict: true } : { strict: true, noEscape: true };
}

/** The HTML templates with the CSS inlined (or, for the comparison test, only their local partials expanded); then precompiled. */
function precompile(src: Sources, inline: boolean): Precompiled {
  const compiler = require('handlebars') as typeof import('handlebars');
  const out: Precompiled = {};
  for (const [path, text] of Object.entries(src.files)) {
    const html = !isHtml(path) ? text : inline ? inlineTemplate(text, src.css, path === 'partials/layout.html.hbs') : expandLocalPartials(text);
    // strict: a misspelt field in a template fails loudly instead of rendering nothing.
    out[path] = compiler.precompile(html, compileOptions(path)) as string;
  }
  return out;
}

/** dist/.email-cache beside the code (written by the build and the first render), else the system's temp folder. */
function cacheDirs(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const dirs: string[] = [];
  for (const up of ['../..', '../../..']) {
    const root = join(here, up);
    if (existsSync(join(root, 'package.json'))) {
      dirs.push(join(root, 'dist', '.email-cache'));
      break;
    }
  }
  dirs.push(join(tmpdir(), 'thidua-email-cache'));
  return dirs;
}

/**
 * The precompiled templates as one script: an object literal of Handlebars' template
 * specs (its JavaScript), by path. Bumped with the format, so a cache of an older one is
 * never read.
 */
const CACHE_FORMAT = 3;
const asScript = (out: Precompiled) => `({${Object.entries(out).map(([path, js]) => `${JSON.stringify(path)}:${js}`).join(',\n')}})`;

/** The template specs for these sources: from the cache, or made now and cached (best effort). */
function cached(src: Sources): Record<string, Spec> {
  const hash = createHash('sha256').update(JSON.stringify([CACHE_FORMAT, INLINER_VERSION, handlebarsVersion(), src])).digest('hex').slice(0, 32);
  const dirs = cacheDirs();
  for (const d of dirs) {
    let source: string;
    try {
      source = readFileSync(join(d, `${hash}.js`), 'utf8');
    } catch {
      continue; // not cached there
    }
    return runCached(source, join(d, `${hash}.js`));
  }
  const source = asScript(precompile(src, true));
  for (const d of dirs) {
    try {
      mkdirSync(d, { recursive: true });
      const tmp = join(d, `${hash}.${process.pid}.tmp`);
      writeFileSync(tmp, source);
      renameSync(tmp, join(d, `${hash}.js`)); // atomic: a parallel reader sees all or nothing
      return runCached(source, join(d, `${hash}.js`));
    } catch {
      // read-only (a deployed function): the next instance inlines again
    }
  }
  return runCached(source, null);
}

/**
 * Runs the templates' script with V8's code cache (`<file>.<v8>.cache`, which V8 checks
 * against the source and its own version: a mismatch is rejected and the script compiled
 * afresh). The cache is written once, when a process that rendered emails ends, so that
 * it also holds the template functions it rendered with (V8 compiles them on first call):
 * one written by a process that only loaded the templates (`prepare`) would lack them.
 */
function runCached(source: string, file: string | null): Record<string, Spec> {
  const cacheFile = file && `${file}.${process.versions.v8}.cache`;
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // the first run with these templates on this Node version
  }
  // Code Handlebars generated from our templates, never sheet data.
  const script = new Script(source, { filename: file ?? 'thidua-email-templates.js', ...(cachedData ? { cachedData } : {}) });
  const specs = script.runInThisContext() as Record<string, Spec>;
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
    process.once('beforeExit', () => {
      if (!rendered) return;
      const tmp = `${cacheFile}.${process.pid}`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // a folder we may not write to just goes without; never an error at exit
        try {
          rmSync(tmp, { force: true });
        } catch {}
      }
    });
  }
  return specs;
}

type Spec = Parameters<typeof import('handlebars').template>[0];

function handlebarsVersion(): string {
  return (require('handlebars/package.json') as { version: string }).version;
}

/** Handlebars' own output, turned back into its template spec object (the uncached comparison path). */
function revive(js: string): Spec {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- code Handlebars generated from our templates, never sheet data
  return new Function(`return ${js};`)() as Spec;
}

let cache: Templates | null = null;
/** Set when a kind's templates are first used: the code cache is then worth writing. */
let rendered = false;

/**
 * Compiles the templates; `inline: false` gives the HTML without the CSS (the same
 * markup juice is run over), for the test that compares with juice on the rendered email.
 */
export function compileTemplates(dir: string, opts: { inline: boolean } = { inline: true }): Templates {
  // The runtime only (a fifth of the full build): templates arrive precompiled. Loaded with the first email rendered.
  const Handlebars = handlebarsRuntime();
  const src = readSources(dir);
  const specs = opts.inline ? cached(src) : Object.fromEntries(Object.entries(precompile(src, false)).map(([p, js]) => [p, revive(js)]));
  const env = (kind: 'html' | 'text') => {
    const e = Handlebars.create();
    for (const [name, fn] of Object.entries(helpers)) e.registerHelper(name, fn);
    for (const path of Object.keys(specs)) {
      const m = /^partials\/(.+)\.(html|text)\.hbs$/.exec(path);
      if (m && m[2] === kind) e.registerPartial(m[1]!, e.template(specs[path]!));
    }
    return e;
  };
  const htmlEnv = env('html');
  const plain = env('text');
  const kinds = {} as Templates['kinds'];
  for (const lang of LANGS) {
    kinds[lang] = {} as Record<EmailKind, KindTemplates>;
    for (const kind of KINDS) {
      const spec = (part: string) => specs[`${lang}/${kind}.${part}.hbs`]!;
      // Made on first use: a run renders one language and two kinds of the eighteen templates.
      let made: KindTemplates | undefined;
      Object.defineProperty(kinds[lang], kind, {
        enumerable: true,
        get: () => {
          rendered = true;
          return (made ??= { subject: plain.template(spec('subject')), html: htmlEnv.template(spec('html')), text: plain.template(spec('text')) });
        },
      });
    }
  }
  return { kinds, css: src.css, dir };
}

export function loadTemplates(): Templates {
  cache ??= compileTemplates(templatesDir());
  return cache;
}
