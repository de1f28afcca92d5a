// The reading view: ?story=<name> picks one of the demo's stories.
import { stories } from './stories.js';

const wanted = new URLSearchParams(location.search).get('story');
const name = stories.some((s) => s.name === wanted) ? wanted : stories[0].name;
const el = document.querySelector('map-story');
el.src = `../stories/${name}.json`;
el.addEventListener('map-story-ready', (e) => (document.title = `${e.detail.title} · map-story`), { once: true });
