/**
 * The `map-story` command line:
 *   map-story validate <story.json|page.html…> [--json]   exit 0 valid, 1 invalid, 2 usage error
 *   map-story import-mapbox <config.js>         story JSON on stdout, what was not carried over on stderr
 *   map-story schema                            the story JSON Schema on stdout
 */
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { toJsonSchema } from '@valibot/to-json-schema';
import { importMapboxConfig, ImportError } from '../import/mapbox.js';
import { isHtmlFile, validateHtml, type FileReport } from './html-page.js';
import { withPositions } from '../story/json-positions.js';
import { parseStoryJson } from '../story/parse-json.js';
import { Story } from '../story/schema.js';
import { storyAsStyle, styleProblems } from '../story/style-problems.js';
import { validateStory } from '../story/validate.js';

const USAGE = `Usage:
  map-story validate <file>... [--json]         check stories; exit 0 if all are valid, 1 if not.
                                                A file is a story JSON, or an HTML page: each of its
                                                <map-story> elements is checked, with its map part
                                                (the JSON file its src names, or its inline JSON)
                                                and its <map-chapter> elements (2: a usage error)
  map-story import-mapbox <config.js>           convert a Mapbox storytelling config.js to a story (stdout)
  map-story schema [--markdown [FILE]]          print the story JSON Schema, or its Markdown reference
                                                (into FILE's <!-- story-format:start/end --> section)
`;

class UsageError extends Error {}

export type { FileReport };

/** Validates one story text: syntax, schema, semantics and (for layers) the MapLibre style spec. */
export function validateText(text: string, file: string): FileReport {
  const parsed = parseStoryJson(text, file);
  if (!parsed.ok) return { file, valid: false, problems: parsed.problems };
  // `validate stories/*.json` also matches the story JSON Schema: recognise it, don't fail it.
  const $schema = (parsed.value as { $schema?: unknown } | null)?.$schema;
  if (typeof $schema === 'string' && $schema.startsWith('http://json-schema.org/')) return { file, valid: true, skipped: 'a JSON Schema, not a story', problems: [] };
  const result = validateStory(parsed.value, file);
  let problems = result.problems;
  if (result.ok && (result.story.layers?.length || Object.keys(result.story.sources ?? {}).length)) {
    problems = styleProblems(validateStyleMin(storyAsStyle(result.story) as never), file, result.story);
  }
  if (problems.length) problems = withPositions(text, problems);
  return {
    file,
    valid: problems.length === 0,
    ...(result.ok ? { chapters: result.story.chapters.length } : {}),
    problems,
  };
}

export function jsonSchema(): object {
  const schema = toJsonSchema(Story, { target: 'draft-07', errorMode: 'throw' }) as Record<string, unknown>;
  return { title: 'map-story story', ...schema };
}

type JsonSchema = { type?: string | string[]; enum?: unknown[]; const?: unknown; description?: string; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema | JsonSchema[]; anyOf?: JsonSchema[]; additionalProperties?: JsonSchema | boolean; minimum?: number; maximum?: number };

function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((e) => `\`${JSON.stringify(e)}\``).join(' \\| ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.type === 'array') return Array.isArray(s.items) ? `[${s.items.map(typeOf).join(', ')}]` : `${s.items ? typeOf(s.items) : 'any'}[]`;
  if (s.type === 'number' && (s.minimum !== undefined || s.maximum !== undefined)) return `number (${s.minimum ?? '…'} to ${s.maximum ?? '…'})`;
  if (s.type === 'object' && !s.properties) return 'object';
  return Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'any');
}

/** The story format as Markdown tables, generated from the JSON Schema (for the README). */
export function schemaMarkdown(): string {
  const out: string[] = [];
  const seen = new Set<string>();
  const table = (title: string, schema: JsonSchema) => {
    if (!schema.properties || seen.has(title)) return;
    seen.add(title);
    out.push(`#### \`${title}\``, '', '| Field | Type | Required | Description |', '| --- | --- | --- | --- |');
    const nested: [string, JsonSchema][] = [];
    for (const [name, prop] of Object.entries(schema.properties)) {
      const required = schema.required?.includes(name) ? 'yes' : '';
      out.push(`| \`${name}\` | ${typeOf(prop)} | ${required} | ${(prop.description ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
      const inner = prop.type === 'array' && !Array.isArray(prop.items) ? prop.items : prop;
      if (inner?.properties) nested.push([`${title === 'story' ? '' : `${title}.`}${name}${prop.type === 'array' ? '[]' : ''}`, inner]);
    }
    out.push('');
    for (const [path, inner] of nested) table(path, inner);
  };
  table('story', jsonSchema() as JsonSchema);
  return out.join('\n');
}

function formatReport(report: FileReport): string {
  const name = report.element ? `${report.file} (${report.element})` : report.file;
  if (report.skipped) return `${name}: skipped (${report.skipped})`;
  if (report.valid) return `${name}: valid (${report.chapters} chapter${report.chapters === 1 ? '' : 's'})`;
  const lines = [`${name}: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}`];
  for (const p of report.problems) {
    // Problems of a page can be in another file (the JSON its src names): then it is named.
    const file = p.file && p.file !== report.file && p.file !== 'inline' && isHtmlFile(report.file) ? `${p.file}:` : '';
    const where = p.line ? `${file}${p.line}${p.column ? `:${p.column}` : ''}` : file ? file.slice(0, -1) : '-';
    if (p.attribute) {
      // A chapter written in HTML: the element and its attribute, as the component shows them.
      lines.push(`  ${where} <map-chapter id="${p.chapterId ?? ''}"> ${p.attribute} (${p.path}) [${p.code}] ${p.message}`);
      continue;
    }
    const path = p.path ? ` ${p.path}` : '';
    const chapter = p.chapterId ? ` (chapter "${p.chapterId}")` : '';
    lines.push(`  ${where}${path}${chapter} [${p.code}] ${p.message}`);
  }
  return lines.join('\n');
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  read: (path: string) => string;
  write?: (path: string, text: string) => void;
}

/** Runs the CLI; resolves to the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    const flags = rest.filter((a) => a.startsWith('--'));
    const args = rest.filter((a) => !a.startsWith('--'));
    const unknown = flags.filter((f) => f !== '--json' && f !== '--markdown');
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (unknown.length) throw new UsageError(`unknown option ${unknown[0]}`);
    const readOrThrow = (path: string) => {
      try {
        return io.read(path);
      } catch (error) {
        throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    };
    switch (command) {
      case 'validate': {
        if (args.length === 0) throw new UsageError('validate needs at least one story file');
        const reports: FileReport[] = [];
        for (const file of args) {
          const text = readOrThrow(file);
          if (isHtmlFile(file)) reports.push(...(await validateHtml(text, file, io.read)));
          else reports.push(validateText(text, file));
        }
        if (flags.includes('--json')) io.out(JSON.stringify(reports, null, 2));
        else io.out(reports.map(formatReport).join('\n'));
        return reports.every((r) => r.valid) ? 0 : 1;
      }
      case 'import-mapbox': {
        if (args.length !== 1) throw new UsageError('import-mapbox needs exactly one config.js file');
        const { story, warnings } = importMapboxConfig(readOrThrow(args[0]!));
        io.out(JSON.stringify(story, null, 2));
        for (const w of warnings) io.err(`not carried over: ${w.path}: ${w.message}`);
        const check = validateStory(story, 'imported story');
        for (const p of check.problems) io.err(`problem: ${p.path}: ${p.message}`);
        return check.ok ? 0 : 1;
      }
      case 'schema': {
        if (!flags.includes('--markdown')) {
          io.out(JSON.stringify(jsonSchema(), null, 2));
          return 0;
        }
        if (args.length === 0) {
          io.out(schemaMarkdown());
          return 0;
        }
        // Write the reference into a Markdown file, between <!-- story-format:start/end --> markers.
        const file = args[0]!;
        const text = readOrThrow(file);
        const marked = /(<!-- story-format:start -->)[\s\S]*?(<!-- story-format:end -->)/;
        if (!marked.test(text)) throw new UsageError(`${file} has no <!-- story-format:start --> … <!-- story-format:end --> section`);
        io.write?.(file, text.replace(marked, (_, a: string, b: string) => `${a}\n${schemaMarkdown()}\n${b}`));
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`map-story: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ImportError) {
      io.err(`map-story: cannot import: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
