import { quote, seconds } from './quote.js';

/**
 * The few messages the element may show while its story has no problem: the map's failures
 * (a style, data or MapLibre itself), a load that threw, the problem panel's title, and "no
 * story" (an element whose story a script sets later shows it at once, as before). They
 * load with the element (the map code uses them); the messages about problems in a story are
 * in messages.ts, which loads only when a story has one. Same rules as there.
 */
export const elementMessages = {
  noStory: () =>
    'No story given: set the "src" attribute, the "story" property, or put a <script type="application/json"> inside <map-story>.',
  storyUnexpected: (reason: string) => `The story could not be shown (${reason}). Please report this, with the story, as a bug.`,
  noAnswer: (what: string, ms: number) => `${what} did not answer within ${seconds(ms)} s`,
  mapFailed: (reason: string) =>
    `The map could not start (${reason}). The story text is shown without the map.`,
  styleFailed: (style: string, reason: string) =>
    `The map style ${quote(style)} could not be loaded (${reason}); showing the embedded basemap instead.`,
  dataFailed: (reason: string) => `Some map data could not be loaded: ${reason}.`,
  invalidStyle: (detail: string) =>
    `${detail}. Sources and layers follow the MapLibre style specification: https://maplibre.org/maplibre-style-spec/`,
  panelTitle: (count: number, file?: string) =>
    `${count === 1 ? 'This story has a problem' : `This story has ${count} problems`}${file ? ` (${file})` : ''}`,
  moreProblems: (count: number) => `…and ${count.toLocaleString('en')} more.`,
} as const;
