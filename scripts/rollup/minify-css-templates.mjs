/**
 * The element's stylesheet (Lit `css` templates in src/) minified by esbuild's CSS minifier:
 * JS minifiers leave template text as it is, indentation included.
 *
 * It rewrites source text by pattern: a tagged template `css`…`` in a module under src/, whose
 * text has no `${…}` interpolation, backtick or backslash (such a template is left as it is,
 * with a warning). A build in which no template matches stops: a renamed tag or a moved
 * stylesheet would otherwise ship unminified silently.
 */
import { transform as esbuildTransform } from 'esbuild';

const TEMPLATE = /\bcss`([^`$\\]*)`/g;
const ANY_TEMPLATE = /\bcss`/g;
const IN_SRC = /[\\/]src[\\/]/;

export const minifyCssTemplates = () => {
  let minified = 0;
  return {
    name: 'minify-css-templates',
    buildStart() {
      minified = 0;
    },
    async transform(code, id) {
      if (!IN_SRC.test(id) || !code.includes('css`')) return;
      let out = '';
      let last = 0;
      let found = 0;
      for (const m of code.matchAll(TEMPLATE)) {
        const { code: min } = await esbuildTransform(m[1], { loader: 'css', minify: true });
        out += `${code.slice(last, m.index)}css\`${min.trim()}\``;
        last = m.index + m[0].length;
        found++;
      }
      const skipped = [...code.matchAll(ANY_TEMPLATE)].length - found;
      if (skipped) this.warn(`${id}: ${skipped} css\`…\` template(s) with interpolations, backticks or backslashes left unminified`);
      minified += found;
      return last ? { code: out + code.slice(last), map: null } : undefined;
    },
    buildEnd(error) {
      if (!error && !minified) this.error(`no css\`…\` template in src/ matched ${TEMPLATE}; update scripts/rollup/minify-css-templates.mjs`);
    },
  };
};
