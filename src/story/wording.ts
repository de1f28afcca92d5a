import * as v from 'valibot';
import type { Found } from './found.js';
import { messages, type StoryProblem } from './messages.js';
import { formatPath, type PathKey } from './paths.js';
import { Story } from './schema.js';

/**
 * Puts found problems in words (see found.ts): this module, with the messages, loads only when
 * a story has a problem (and with `validateStory`, which words them at once).
 */

type AnySchema = v.GenericSchema & {
  entries?: Record<string, AnySchema>;
  item?: AnySchema;
  items?: AnySchema[];
  wrapped?: AnySchema;
  value?: AnySchema;
  options?: AnySchema[];
};

/** The schema that describes the value at `path`, walking objects, arrays, tuples and records. */
function schemaAt(path: readonly PathKey[]): AnySchema | undefined {
  let schema: AnySchema | undefined = Story as unknown as AnySchema;
  for (const key of path) {
    while (schema?.wrapped) schema = schema.wrapped;
    if (!schema) return undefined;
    // Own entries only: a story key such as "constructor" names no inherited member here.
    if (schema.entries && typeof key === 'string') schema = Object.hasOwn(schema.entries, key) ? schema.entries[key] : undefined;
    else if (schema.item && typeof key === 'number') schema = schema.item;
    else if (schema.items && typeof key === 'number') schema = schema.items[key];
    else if (schema.value) schema = schema.value;
    else return undefined;
  }
  while (schema?.wrapped) schema = schema.wrapped;
  return schema;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function describeExpected(issue: v.BaseIssue<unknown>): string {
  switch (issue.type) {
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list ([...])';
    case 'tuple':
      return 'a pair such as [35.87, 34.91]';
    case 'record':
    case 'object':
    case 'strict_object':
    case 'loose_object':
      return 'an object ({...})';
    case 'literal':
      return `the value ${issue.expected}`;
    case 'picklist':
      return `one of ${(issue.expected ?? '').replace(/^\(|\)$/g, '').split(' | ').join(', ')}`;
    case 'union':
      return 'a string or an object';
    default:
      return issue.expected ?? 'another value';
  }
}

function describeRange(issue: v.BaseIssue<unknown>): string {
  const req = String((issue as { requirement?: unknown }).requirement);
  switch (issue.type) {
    case 'min_value':
      return `at least ${req}`;
    case 'max_value':
      return `at most ${req}`;
    case 'min_length':
      return `at least ${req} long`;
    case 'max_length':
      return `at most ${req} long`;
    default:
      return issue.expected ?? 'in range';
  }
}

/** A schema issue as a problem; `base`: where it is (path, chapter id, file). */
function problemFromIssue(issue: v.BaseIssue<unknown>, base: Omit<StoryProblem, 'message' | 'code'>): StoryProblem {
  const path: PathKey[] = (issue.path ?? []).map((item) => item.key as PathKey);
  const isObjectType = issue.type === 'strict_object' || issue.type === 'object' || issue.type === 'loose_object';
  if (isObjectType && issue.expected === 'never') {
    const field = String(path[path.length - 1]);
    const allowed = Object.keys(schemaAt(path.slice(0, -1))?.entries ?? {});
    const close = allowed.filter((k) => editDistance(k.toLowerCase(), field.toLowerCase()) <= 2);
    return {
      ...base,
      code: 'unknown-field',
      message: close.length ? messages.misspelledField(field, close) : messages.unknownField(field, allowed.map((k) => `"${k}"`).join(', ')),
    };
  }
  if (issue.kind === 'schema' && issue.input === undefined && path.length > 0) {
    const last = path[path.length - 1]!;
    const field = typeof last === 'number' ? `${formatPath(path.slice(-2, -1))}[${last}]` : last;
    const schema = schemaAt(path);
    const description = schema ? v.getDescription(schema as v.GenericSchema) : undefined;
    return { ...base, code: 'missing-field', message: messages.missingField(field, description ?? 'see the schema') };
  }
  if (issue.kind === 'schema') {
    return { ...base, code: 'wrong-type', message: messages.wrongType(issue.input, describeExpected(issue)) };
  }
  if (issue.type === 'min_value' || issue.type === 'max_value') {
    return { ...base, code: 'out-of-range', message: messages.outOfRange(issue.input, describeRange(issue)) };
  }
  if (issue.type === 'min_length' && Array.isArray(issue.input) && issue.input.length === 0) {
    return { ...base, code: 'invalid-value', message: messages.invalidValue(issue.input, issue.message) };
  }
  const requirement = /^Invalid /.test(issue.message) ? describeRange(issue) : issue.message;
  return { ...base, code: 'invalid-value', message: messages.invalidValue(issue.input, requirement) };
}

/** Found problems in words, in the same order. */
export function word(found: readonly Found[]): StoryProblem[] {
  return found.map((p) => {
    if ('issue' in p) {
      const { issue, ...base } = p;
      return problemFromIssue(issue, base);
    }
    if (!('say' in p)) return p;
    const [name, ...args] = p.say;
    const message = (messages[name] as (...a: unknown[]) => string)(...args);
    // The message takes the place of `say`: the problem's fields stay in the order written.
    return Object.fromEntries(Object.entries(p).map(([key, value]) => (key === 'say' ? ['message', message] : [key, value]))) as unknown as StoryProblem;
  });
}
