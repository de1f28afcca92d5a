import type { StoryProblem } from '../story/messages.js';
import { scanChapters } from '../story/html-chapters.js';
import { pageFile } from './page-file.js';

/**
 * Gives problems in chapters written in HTML the line of their tag or attribute in the page's
 * source (the DOM has no lines): the page is read again, from the browser's cache when it can.
 */
export async function withPageLines(problems: StoryProblem[], elements: readonly Element[]): Promise<StoryProblem[]> {
  const page = pageFile();
  if (!problems.some((p) => p.file === page)) return problems;
  try {
    const tags = scanChapters(await (await fetch(page, { cache: 'force-cache', credentials: 'same-origin' })).text());
    const all: Element[] = [...document.querySelectorAll('map-chapter')];
    return problems.map((p) => {
      const index = Number(/^chapters\[(\d+)\]/.exec(p.path)?.[1] ?? -1);
      if (p.file !== page || index < 0) return p;
      const byId = p.chapterId === undefined ? undefined : tags.find((t) => t.attributes.some((a) => a.name === 'id' && a.value === p.chapterId));
      const tag = byId ?? tags[all.indexOf(elements[index]!)];
      const line = tag?.attributes.find((a) => a.name === p.attribute)?.line ?? tag?.line;
      return line ? { ...p, line } : p;
    });
  } catch {
    return problems; // no lines, still the chapter id and the attribute
  }
}

