/**
 * Reading HTML source text without a DOM (the CLI, and lines for the element's messages): just
 * what finding an element's start tag, its attributes and their lines needs. Not an HTML parser.
 */

/** An attribute as written, with the line it starts on. */
export interface MarkupAttribute {
  name: string;
  value: string;
  line?: number | undefined;
}

const LINE_BREAK = /\r\n?|\n/g;
/** The 1-based line of `offset` in `text`. */
export const lineAt = (text: string, offset: number) => (text.slice(0, offset).match(LINE_BREAK)?.length ?? 0) + 1;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
/** Text with HTML character references decoded (the named ones attribute values use, and numeric ones). */
export function decode(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (all, dec: string, hex: string, name: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (ENTITIES[name.toLowerCase()] ?? all),
  );
}

/** The attributes of a start tag's text (after its name), with the line each starts on. */
export function attributesOf(html: string, from: number, to: number): MarkupAttribute[] {
  const attributes: MarkupAttribute[] = [];
  const pattern = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  pattern.lastIndex = from;
  for (let m = pattern.exec(html); m && m.index < to; m = pattern.exec(html)) {
    attributes.push({ name: m[1]!.toLowerCase(), value: decode(m[2] ?? m[3] ?? m[4] ?? ''), line: lineAt(html, m.index) });
  }
  return attributes;
}

/** The offset of the `>` that ends the start tag at `from` (quotes respected). */
export function endOfTag(html: string, from: number): number {
  let quote = '';
  for (let i = from; i < html.length; i++) {
    const c = html[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return html.length;
}
