/**
 * In src/story/schema.ts the descriptions of optional fields are documentation: the CLI build
 * generates the JSON Schema and the README's tables from them; at run time only a missing
 * required field's description is shown (in its error). The browser builds leave them out
 * (~1.5 KB gzip).
 *
 * It rewrites source text by pattern: a string literal that is the argument of a
 * `v.description(…)` or `text(…)` call inside a `v.optional(…)` call becomes ''. It reads
 * schema.ts character by character (skipping comments, tracking the callee of each open
 * parenthesis). When the parentheses do not balance or no description is dropped, the build
 * stops: a renamed helper would otherwise ship the descriptions silently.
 */
const SCHEMA = /[\\/]src[\\/]story[\\/]schema\.ts$/;
const DOC_CALLS = ['v.description', 'text'];
const OPTIONAL = 'v.optional';

export const optionalDocsOut = () => ({
  name: 'optional-docs-out',
  transform(code, id) {
    if (!SCHEMA.test(id)) return;
    const calls = []; // the callee of each open parenthesis
    let out = '';
    let dropped = 0;
    for (let i = 0; i < code.length; ) {
      const c = code[i];
      const comment = c === '/' && (code[i + 1] === '/' || code[i + 1] === '*');
      if (comment) {
        const end = code[i + 1] === '/' ? code.indexOf('\n', i) : code.indexOf('*/', i) + 2;
        const to = end < 0 ? code.length : end; // a line comment on the last line
        out += code.slice(i, to);
        i = to;
        continue;
      }
      if (c === "'" || c === '"' || c === '`') {
        let j = i + 1;
        while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1;
        const doc = DOC_CALLS.includes(calls.at(-1)) && calls.includes(OPTIONAL);
        out += doc ? c + c : code.slice(i, j + 1);
        if (doc) dropped++;
        i = j + 1;
        continue;
      }
      if (c === '(') calls.push(/([\w$.]+)\s*$/.exec(out)?.[1] ?? '');
      if (c === ')') calls.pop();
      out += c;
      i++;
    }
    if (calls.length || !dropped) this.error(`schema.ts: optional descriptions not found (${calls.length} open calls, ${dropped} dropped); update scripts/rollup/optional-docs-out.mjs`);
    return { code: out, map: null };
  },
});
