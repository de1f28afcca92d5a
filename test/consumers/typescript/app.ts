// A TypeScript app using map-story: checked with `tsc --strict` (see consumers.test.mjs). The
// lines marked @ts-expect-error must be errors: the check fails if they compile.
import 'map-story';
import { validateStory, type ErrorDetail, type StoryInput } from 'map-story';

const el = document.querySelector('map-story')!; // a MapStory, through HTMLElementTagNameMap

const story: StoryInput = {
  version: 1,
  title: 'Typed',
  chapters: [{ id: 'one', title: 'One', camera: { center: [35.87, 34.91], zoom: 12 } }],
};
el.story = story;
el.theme = 'dark';
el.goTo('one', { smooth: false });

el.addEventListener('map-story-chapter-enter', (e) => {
  const id: string = e.detail.chapterId;
  const direction: 'up' | 'down' = e.detail.direction;
  console.log(id, direction, e.detail.index);
});
el.addEventListener('map-story-error', (e) => {
  const detail: ErrorDetail = e.detail;
  console.log(detail.code, detail.chapterId, detail.path);
});
console.log(validateStory(story));

// @ts-expect-error: a misspelt field (camra) is a type error
el.story = { version: 1, title: 'Typo', chapters: [{ id: 'one', camra: { center: [0, 0], zoom: 2 } }] };
// @ts-expect-error: theme is 'light' or 'dark'
el.theme = 'blue';
el.addEventListener('map-story-chapter-enter', (e) => {
  // @ts-expect-error: the chapter's id is `chapterId`
  console.log(e.detail.id);
});
