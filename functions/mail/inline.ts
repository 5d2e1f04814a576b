/**
 * CSS inlined into the HTML templates once, not into every email: juice runs over each
 * template's source (it keeps `{{…}}` intact), and rendering only fills the result in.
 * The output is byte for byte what juice gives on the rendered email (test/mail/inline.test.ts)
 * because every selector in templates/styles matches on static markup: classes are fixed
 * in the templates (the ranking's rows use one class per award, `row-flag`…), and a
 * descendant selector never crosses a partial. `@media` rules stay in a `<style>` block in
 * the layout's <head> (phones); everything else is inline.
 *
 * juice (with cheerio) takes ~0,4 s to load, so the result is cached on disk
 * (templates.ts); this module runs when the templates or the CSS change.
 */
import { createRequire } from 'node:module';

/** Bumped when the transformation changes: old caches are ignored. */
export const INLINER_VERSION = 1;

/** What juice is told, for templates and for the rendered emails the test compares with. */
export function juiceOptions(css: string, document: boolean): import('juice').Options {
  return {
    extraCss: css,
    removeStyleTags: true,
    preserveMediaQueries: true,
    preserveFontFaces: false,
    // bgcolor / align / valign / width attributes from the CSS, for Outlook's Word engine.
    applyAttributesTableElements: true,
    applyWidthAttributes: true,
    applyHeightAttributes: false,
    // The @media rules go into the <head> of the one template that has it: the layout.
    insertPreservedExtraCss: document,
  };
}

let juiceFn: typeof import('juice') | null = null;
export function juice(html: string, options: import('juice').Options): string {
  juiceFn ??= createRequire(import.meta.url)('juice') as typeof import('juice');
  return juiceFn(html, options);
}

/**
 * A template's own inline partials (`{{#*inline "x"}}…{{/inline}}` used as `{{> x}}` in the
 * same file) written out where they are used, so that juice sees each use in its place
 * (`<tr class="row-flag">` around the ranking's cells). Partials used elsewhere (the
 * layout's `preheader`) stay.
 */
export function expandLocalPartials(src: string): string {
  const defs = new Map<string, string>();
  const re = /\{\{#\*inline "([^"]+)"\}\}([\s\S]*?)\{\{\/inline\}\}\n?/g;
  for (const m of src.matchAll(re)) {
    if (src.includes(`{{> ${m[1]}}}`)) defs.set(m[1]!, m[2]!);
  }
  if (defs.size === 0) return src;
  let out = src.replace(re, (all, name: string) => (defs.has(name) ? '' : all));
  for (const [name, body] of defs) out = out.split(`{{> ${name}}}`).join(body);
  return out;
}

/** One HTML template's source with the CSS inlined; `document` for the layout (it has <head>). */
export function inlineTemplate(src: string, css: string, document: boolean): string {
  const expanded = expandLocalPartials(src);
  return juice(expanded, juiceOptions(css, document));
}
