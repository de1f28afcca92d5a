import { messages, type StoryProblem } from './messages.js';

/** The result of reading story text: the value, or the syntax problem with line and column. */
export type ParseResult = { ok: true; value: unknown } | { ok: false; problem: StoryProblem };

/** Turns a character offset into a 1-based line and column. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Parses story JSON. On a syntax error, reports where: V8 messages name the position (and, in
 * newer versions, line and column); other engines may not, and then the message is kept as is.
 */
export function parseStoryJson(text: string, file: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    let line: number | undefined;
    let column: number | undefined;
    const lc = /line (\d+) column (\d+)/.exec(raw);
    const pos = /position (\d+)/.exec(raw);
    if (lc) {
      line = Number(lc[1]);
      column = Number(lc[2]);
    } else if (pos) {
      ({ line, column } = lineColumn(text, Number(pos[1])));
    } else if (/end of (JSON|data) input/i.test(raw)) {
      ({ line, column } = lineColumn(text, text.length));
    }
    const detail = raw.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    return {
      ok: false,
      problem: {
        code: 'json-syntax',
        message: messages.jsonSyntax(detail, line, column),
        path: '',
        file,
        line,
        column,
      },
    };
  }
}
