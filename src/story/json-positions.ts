import type { StoryProblem } from './messages.js';
import { formatPath } from './paths.js';

export interface Position {
  line: number;
  column: number;
  /** Character offsets of the value (for editors that select it). */
  from: number;
  to: number;
}

/**
 * Where each value of a JSON text is, by path (`chapters[2].camera.zoom` → line and column).
 * For valid JSON only: call it after `JSON.parse` succeeded. Keys map to their value's position.
 */
export function jsonPositions(text: string): Map<string, Position> {
  const positions = new Map<string, Position>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line++;
        lineStart = ++i;
      } else if (c === 32 || c === 9 || c === 13) i++;
      else return;
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: (string | number)[]): void => {
    ws();
    const here = { line, column: i - lineStart + 1, from: i };
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          const key = string();
          ws();
          i++; // :
          value([...path, key]);
          ws();
          if (text[i++] === '}') break;
        }
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') i++;
      else {
        for (let n = 0; ; n++) {
          value([...path, n]);
          ws();
          if (text[i++] === ']') break;
        }
      }
    } else if (c === '"') string();
    else while (i < text.length && !',]} \t\r\n'.includes(text[i]!)) i++;
    positions.set(formatPath(path), { ...here, to: i });
  };
  value([]);
  return positions;
}

/** The position of a problem's path, or of its nearest enclosing value that exists. */
export function locate(positions: Map<string, Position>, path: string): Position | undefined {
  let p = path;
  for (;;) {
    const found = positions.get(p);
    if (found || p === '') return found;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
}

/** The problems of a JSON text, each with the line and column of its path where it has one. */
export function withPositions(text: string, problems: readonly StoryProblem[]): StoryProblem[] {
  const positions = jsonPositions(text);
  return problems.map((p) => {
    const at = locate(positions, p.path);
    return at ? { ...p, line: at.line, column: at.column } : p;
  });
}
