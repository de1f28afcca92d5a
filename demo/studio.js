// The studio: a JSON editor (CodeMirror 6) beside a live <map-story>. Edits apply without a
// reload, keeping the current chapter; problems are listed with their line and jump to it; the
// last valid story keeps showing while the JSON is broken. Camera capture writes the map's
// current view into the chapter's camera. Files can be opened, dropped (story JSON or Mapbox
// config.js, converted) and downloaded.
import { EditorView, basicSetup } from 'codemirror';
import { json } from '@codemirror/lang-json';
import { loadStory } from '../src/story/load.ts';
import { jsonPositions } from '../src/story/json-positions.ts';
import { importMapboxConfig, ImportError } from '../src/import/mapbox.ts';
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
    button.textContent = `${p.line ? `Line ${p.line}: ` : ''}${p.path ? `${p.path}${p.chapterId ? ` (chapter ${p.chapterId})` : ''}: ` : ''}${p.message}`;
    if (p.line) button.addEventListener('click', () => goToLine(p.line, p.column));
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

/** Opens a story JSON or a Mapbox config.js (converted by the importer). */
function openText(text, name) {
  const notes = [];
  let storyText = text;
  if (/\.js$/i.test(name) || !/^\s*[{[]/.test(text)) {
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

function download() {
  const blob = new Blob([editor.state.doc.toString()], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

document.querySelector('#capture').addEventListener('click', captureCamera);
document.querySelector('#download').addEventListener('click', download);
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
window.studio = { editor, apply, openText, captureCamera, setText };
