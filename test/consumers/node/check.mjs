// Node (SSR, test runners, scripts): the package imports, and validates a story.
import { readFileSync } from 'node:fs';
import { MapStory, validateStory } from 'map-story';

const good = validateStory(JSON.parse(readFileSync(new URL('../story.json', import.meta.url), 'utf8')));
const bad = validateStory({ version: 1, title: 'Bad', chapters: [{ id: 'one', camera: { center: [0, 0], zoom: 40 } }] });
console.log(JSON.stringify({ element: typeof MapStory, good: good.ok, bad: bad.ok, problem: bad.ok ? null : bad.problems[0] }));
