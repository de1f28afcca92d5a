// The gallery: one card per story, with links to read it and to edit it in the studio.
import { stories } from './stories.js';

const list = document.querySelector('.gallery');
for (const { name, note, html } of stories) {
  const story = await (await fetch(`../stories/${name}.json`)).json();
  const li = document.createElement('li');
  const h2 = document.createElement('h2');
  h2.textContent = story.title;
  const meta = document.createElement('p');
  meta.className = 'meta';
  meta.textContent = `${story.chapters.length} chapters. ${note}`;
  const sub = document.createElement('p');
  sub.textContent = story.subtitle ?? '';
  const actions = document.createElement('p');
  actions.className = 'actions';
  actions.innerHTML = `<a href="./read.html?story=${encodeURIComponent(name)}">Read</a>${html ? `<a href="./${html}">Read, chapters in HTML</a>` : ''}<a href="./studio.html?story=${encodeURIComponent(name)}">Edit in the studio</a>`;
  li.append(h2, sub, meta, actions);
  list.append(li);
}
