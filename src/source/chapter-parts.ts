import type { ChapterParts } from '../story/html-chapters.js';

/** One `<map-chapter>` as written: its attributes, its JSON child, its first heading (see html-chapters.ts). */
export function chapterParts(element: Element): ChapterParts {
  const script = element.querySelector(':scope > script[type="application/json"]');
  const heading = element.querySelector('h1, h2, h3, h4, h5, h6');
  return {
    attributes: [...element.attributes].map((a) => ({ name: a.name, value: a.value })),
    json: script?.textContent ?? undefined,
    heading: heading?.textContent ?? undefined,
  };
}
