// The studio: a JSON editor (CodeMirror 6) beside a live <map-story>. Edits apply without a
// reload, keeping the current chapter; problems are listed with their line and jump to it; the
// last valid story keeps showing while the JSON is broken. Camera capture writes the map's
// current view into the chapter's camera. Files can be opened, dropped (story JSON or Mapbox
// config.js, converted) and downloaded. "Export as HTML" writes the story as a <map-story>
// element with its chapters in HTML (<map-chapter>, see src/story/story-html.ts); opening or
// dropping such an HTML file reads it back into the story JSON.
import { EditorView, basicSetup } from 'codemirror';
import { json } from '@codemirror/lang-json';
import { loadStory } from '../src/story/load.ts';
import { jsonPositions } from '../src/story/json-positions.ts';
import { importMapboxConfig, ImportError } from '../src/import/mapbox.ts';
import { readChapters } from '../src/story/html-chapters.ts';
import { chapterParts } from '../src/source/chapter-parts.ts';
import { storyHtml } from '../src/story/story-html.ts';
import { isPlainText, loadSanitizer, sanitizeHtml } from '../src/story/sanitize.ts';
import { stories } from './stories.js';

const el = document.querySelector('map-story');
const preview = document.querySelector('#preview');
const problemsList = document.querySelector('#problems');
const chapterSelect = document.querySelector('#chapters');
const stateLine = document.querySelector('#state');
const DEBOUNCE_MS = 350;

let storyBase = new URL('../stories/', location.href).href;
let fileName = 'story.json';
let lastValid;
let timer;

const editor = new EditorView({
  parent: document.querySelector('#editor'),
  extensions: [
    basicSetup,
    json(),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) {
        clearTimeout(timer);
        timer = setTimeout(apply, DEBOUNCE_MS);
      }
    }),
    EditorView.contentAttributes.of({ 'aria-label': 'Story JSON' }),
  ],
});

function setText(text) {
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
}

function goToLine(line, column = 1) {
  const info = editor.state.doc.line(Math.min(Math.max(1, line), editor.state.doc.lines));
  const pos = Math.min(info.from + column - 1, info.to);
  editor.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  editor.focus();
}

function showProblems(problems, notes = []) {
  problemsList.replaceChildren();
  for (const note of notes) {
    const li = document.createElement('li');
    li.className = 'note';
    li.textContent = note;
    problemsList.append(li);
  }
  if (problems.length === 0) {
    const li = document.createElement('li');
    li.className = 'ok';
    li.textContent = 'No problems: the preview shows this version.';
    problemsList.append(li);
    return;
  }
  for (const p of problems) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    // A problem in an HTML file being read names its element and attribute (its lines are the file's, not the editor's).
    const where = p.attribute ? `<map-chapter id="${p.chapterId ?? ''}">, attribute ${p.attribute}: ` : p.line ? `Line ${p.line}: ` : '';
    button.textContent = `${where}${p.path ? `${p.path}${p.chapterId && !p.attribute ? ` (chapter ${p.chapterId})` : ''}: ` : ''}${p.message}`;
    if (p.line && !p.attribute) button.addEventListener('click', () => goToLine(p.line, p.column));
    li.append(button);
    problemsList.append(li);
  }
}

/** Validates the editor's text; a valid story replaces the preview's, keeping the chapter. */
async function apply(notes = []) {
  const text = editor.state.doc.toString();
  const result = await loadStory({ kind: 'inline', text, base: storyBase });
  if (!result.ok) {
    showProblems(result.problems, notes);
    stateLine.textContent = `${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}: showing the last valid version`;
    return;
  }
  showProblems([], notes);
  const story = JSON.parse(text);
  const chapter = el.chapterIndex;
  lastValid = story;
  el.base = storyBase;
  el.story = story;
  await el.updateComplete;
  fillChapters(story);
  if (chapter !== undefined) {
    el.goTo(Math.min(chapter, story.chapters.length - 1), { smooth: false });
    chapterSelect.value = String(Math.min(chapter, story.chapters.length - 1));
  }
  stateLine.textContent = `Preview updated (${story.chapters.length} chapters)`;
}

function fillChapters(story) {
  chapterSelect.replaceChildren(...story.chapters.map((c, i) => new Option(`${i + 1}. ${c.title ?? c.id}`, String(i))));
}

/** Opens a story JSON, a story in HTML (see readHtml) or a Mapbox config.js (converted by the importer). */
async function openText(text, name) {
  const notes = [];
  let storyText = text;
  if (/\.html?$/i.test(name) || (!/\.js$/i.test(name) && /^\s*</.test(text))) {
    const read = await readHtml(text, name);
    if (!read.ok) {
      showProblems(read.problems, read.notes);
      stateLine.textContent = `Cannot read ${name}: the editor is unchanged`;
      return;
    }
    storyText = `${JSON.stringify(read.story, null, 2)}\n`;
    notes.push(...read.notes);
    fileName = name.replace(/\.html?$/i, '') + '.json';
  } else if (/\.js$/i.test(name) || !/^\s*[{[]/.test(text)) {
    try {
      const { story, warnings } = importMapboxConfig(text);
      storyText = `${JSON.stringify(story, null, 2)}\n`;
      notes.push(`Converted from the Mapbox config ${name}.`, ...warnings.map((w) => `Not carried over: ${w.path}: ${w.message}`));
      fileName = name.replace(/\.js$/i, '') + '.json';
    } catch (error) {
      showProblems([{ path: '', message: error instanceof ImportError ? `Cannot import ${name}: ${error.message}` : String(error) }]);
      return;
    }
  } else {
    fileName = name;
  }
  setText(storyText);
  clearTimeout(timer);
  void apply(notes);
}

// ---- stories in HTML -------------------------------------------------------------------------

/** Limited story HTML: sanitised, without the link attributes the sanitiser adds for display. */
function limitedHtml(html) {
  const template = document.createElement('template');
  template.innerHTML = sanitizeHtml(html);
  for (const a of template.content.querySelectorAll('a')) {
    a.removeAttribute('rel');
    a.removeAttribute('target');
  }
  return template.innerHTML.trim();
}

/**
 * A chapter's content fields from its HTML: its date (a `p.date` paragraph), its media (a figure
 * with an image: alt, caption, `.credit`) and its body, the rest without its first heading (the
 * title, read by readChapters): plain paragraphs as plain text, anything else as limited HTML.
 */
function contentOf(element) {
  const content = element.cloneNode(true);
  const fields = {};
  content.querySelector('h1, h2, h3, h4, h5, h6')?.remove();
  for (const script of content.querySelectorAll(':scope > script[type="application/json"]')) script.remove();
  const date = content.querySelector(':scope > p.date');
  if (date) {
    fields.date = date.textContent.trim();
    date.remove();
  }
  const figure = [...content.querySelectorAll(':scope > figure')].find((f) => f.querySelector('img'));
  if (figure) {
    const img = figure.querySelector('img');
    const media = { src: img.getAttribute('src') ?? '' };
    if (img.hasAttribute('alt')) media.alt = img.getAttribute('alt');
    const caption = figure.querySelector('figcaption')?.cloneNode(true);
    if (caption) {
      const credit = caption.querySelector('.credit');
      if (credit) {
        if (credit.textContent.trim()) media.credit = credit.textContent.trim();
        credit.remove();
      }
      if (caption.textContent.trim()) media.caption = caption.textContent.replace(/\s+/g, ' ').trim();
    }
    fields.media = media;
    figure.remove();
  }
  const nodes = [...content.childNodes].filter((n) => n.nodeType === Node.ELEMENT_NODE || (n.nodeType === Node.TEXT_NODE && n.textContent.trim()));
  const plain = nodes.every((n) => n.nodeType === Node.ELEMENT_NODE && n.localName === 'p' && n.children.length === 0 && n.attributes.length === 0);
  const text = nodes.map((p) => p.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n\n');
  if (plain && isPlainText(text)) {
    if (text) fields.body = text;
  } else {
    const template = document.createElement('template');
    template.content.append(...content.childNodes);
    const html = limitedHtml(template.innerHTML);
    if (html) fields.body = html;
  }
  return fields;
}

/**
 * A story from an HTML file with a <map-story> element: its map part (inline JSON) and its
 * <map-chapter> elements, read as the element reads them (readChapters), their content as the
 * chapters' date, title, body and media. `{ ok: false, problems }` when it cannot be read.
 */
async function readHtml(text, name) {
  await loadSanitizer(); // chapter bodies in HTML are sanitised into the story
  const doc = new DOMParser().parseFromString(text, 'text/html');
  const hosts = doc.querySelectorAll('map-story');
  const notes = [];
  const failed = (message, more = []) => ({ ok: false, notes, problems: [{ path: '', message }, ...more] });
  if (!hosts.length) return failed(`${name} has no <map-story> element.`);
  if (hosts.length > 1) notes.push(`${name} has ${hosts.length} <map-story> elements: read the first.`);
  const host = hosts[0];
  let map = {};
  const script = host.querySelector(':scope > script[type="application/json"]');
  if (script) {
    try {
      map = JSON.parse(script.textContent);
    } catch (error) {
      return failed(`The <map-story>'s <script type="application/json"> is not JSON: ${error.message}`);
    }
    if (typeof map !== 'object' || map === null || Array.isArray(map)) return failed(`The <map-story>'s <script type="application/json"> is not a JSON object.`);
  } else if (host.hasAttribute('src')) {
    notes.push(`The map part is in ${host.getAttribute('src')} (the <map-story>'s src), which the studio cannot read from here: add its JSON (version, map, sources, layers…) to the story.`);
  }
  if (host.hasAttribute('base')) notes.push(`The <map-story>'s base (${host.getAttribute('base')}) is not used here: the preview resolves relative URLs against ${storyBase}.`);
  const elements = [...host.children].filter((e) => e.localName === 'map-chapter');
  if (!elements.length) return { ok: true, notes, story: map };
  if ('chapters' in map) return failed(`The chapters are given twice in ${name}: in the <map-story>'s JSON and as <map-chapter> elements. Keep one of the two.`);
  const read = readChapters(elements.map(chapterParts), name);
  if (read.problems.length) return { ok: false, notes, problems: read.problems };
  const chapters = read.chapters.map((chapter, i) => {
    const { id, title, ...fields } = chapter;
    const content = contentOf(elements[i]);
    // In the order story JSON is usually written: id, date, title, body, media, then the map's fields.
    return { id, ...(content.date !== undefined ? { date: content.date } : {}), ...(title !== undefined ? { title } : {}), ...content, ...fields };
  });
  notes.push(`Read ${chapters.length} chapter${chapters.length === 1 ? '' : 's'} written in HTML from ${name}.`);
  return { ok: true, notes, story: { ...map, chapters } };
}

/** The story in the editor as HTML (a <map-story> snippet), or undefined (with the reason shown) when it has problems. */
async function exportHtml() {
  const text = editor.state.doc.toString();
  const result = await loadStory({ kind: 'inline', text, base: storyBase });
  if (!result.ok) {
    stateLine.textContent = 'Fix the problems before exporting';
    return undefined;
  }
  await loadSanitizer();
  return `${storyHtml(JSON.parse(text), { html: sanitizeHtml })}\n`;
}

async function downloadHtml() {
  const html = await exportHtml();
  if (html === undefined) return;
  const name = fileName.replace(/\.json$/i, '') + '.html';
  save(new Blob([html], { type: 'text/html' }), name);
  stateLine.textContent = `Exported as HTML: ${name}`;
}

async function copyHtml() {
  const html = await exportHtml();
  if (html === undefined) return;
  try {
    await navigator.clipboard.writeText(html);
    stateLine.textContent = 'Copied the story as HTML';
  } catch {
    stateLine.textContent = 'Cannot copy here: use Export as HTML';
  }
}

// ---- tools --------------------------------------------------------------------------------

const round = (n, d) => Math.round(n * 10 ** d) / 10 ** d;

/** Writes the map's current view into the active chapter's camera (cameraMobile in phone preview). */
function captureCamera() {
  const map = el.map;
  const index = el.chapterIndex ?? Number(chapterSelect.value || 0);
  if (!map || !lastValid) return;
  const c = map.getCenter();
  const camera = { center: [round(c.lng, 4), round(c.lat, 4)], zoom: round(map.getZoom(), 2) };
  if (round(map.getPitch(), 1)) camera.pitch = round(map.getPitch(), 1);
  if (round(map.getBearing(), 1)) camera.bearing = round(map.getBearing(), 1);
  const key = document.querySelector('#phone').checked ? 'cameraMobile' : 'camera';
  const text = editor.state.doc.toString();
  let positions;
  try {
    positions = jsonPositions(text);
  } catch {
    stateLine.textContent = 'Fix the JSON before capturing a camera';
    return;
  }
  const value = JSON.stringify(camera).replace(/,"/g, ', "').replace(/:/g, ': ');
  const existing = positions.get(`chapters[${index}].${key}`);
  if (existing) {
    editor.dispatch({ changes: { from: existing.from, to: existing.to, insert: value } });
  } else {
    const camera0 = positions.get(`chapters[${index}].camera`);
    if (!camera0) return;
    const indent = ' '.repeat(Math.max(0, camera0.column - 1 - '"camera": '.length));
    editor.dispatch({ changes: { from: camera0.to, insert: `,\n${indent}"${key}": ${value}` } });
  }
  stateLine.textContent = `Captured the view into chapter ${index + 1}'s ${key}`;
  clearTimeout(timer);
  void apply();
}

function save(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function download() {
  save(new Blob([editor.state.doc.toString()], { type: 'application/json' }), fileName);
}

document.querySelector('#capture').addEventListener('click', captureCamera);
document.querySelector('#download').addEventListener('click', download);
document.querySelector('#export-html').addEventListener('click', downloadHtml);
document.querySelector('#copy-html').addEventListener('click', copyHtml);
document.querySelector('#phone').addEventListener('change', (e) => preview.classList.toggle('phone', e.target.checked));
chapterSelect.addEventListener('change', () => el.goTo(Number(chapterSelect.value)));
el.addEventListener('map-story-chapter-enter', (e) => (chapterSelect.value = String(e.detail.index)));
document.querySelector('#open').addEventListener('change', async (e) => {
  const file = e.target.files?.[0];
  if (file) openText(await file.text(), file.name);
});

const hint = document.querySelector('#drop-hint');
document.addEventListener('dragover', (e) => {
  e.preventDefault();
  hint.hidden = false;
});
document.addEventListener('dragleave', (e) => {
  if (e.relatedTarget === null) hint.hidden = true;
});
document.addEventListener('drop', async (e) => {
  e.preventDefault();
  hint.hidden = true;
  const file = e.dataTransfer?.files?.[0];
  if (file) openText(await file.text(), file.name);
});

// ---- start --------------------------------------------------------------------------------

const wanted = new URLSearchParams(location.search).get('story');
const name = stories.some((s) => s.name === wanted) ? wanted : stories[0].name;
fileName = `${name}.json`;
setText(await (await fetch(`../stories/${name}.json`)).text());
clearTimeout(timer);
await apply();

/** For tests and the console: the editor and the actions. */
window.studio = { editor, apply, openText, captureCamera, setText, exportHtml, readHtml };
