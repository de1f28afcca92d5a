/**
 * map-story: a web component that turns a JSON story into a scroll-driven map narrative.
 * Importing this module defines `<map-story>`.
 */
import { MapChapter } from './map-chapter.js';
import { MapStory } from './map-story.js';

if (!customElements.get('map-story')) customElements.define('map-story', MapStory);
if (!customElements.get('map-chapter')) customElements.define('map-chapter', MapChapter);

export { MapStory } from './map-story.js';
export { MapChapter } from './map-chapter.js';
export { NARROW_WIDTH } from './view/story-layout.js';
export type { ReadyDetail, ChapterDetail, ProgressDetail, ErrorDetail, MapStoryEventMap } from './events.js';
export type { StoryProblem, ProblemCode } from './story/messages.js';
export type { Story, StoryInput, Chapter, Camera, Transition, Marker, LegendItem } from './story/schema.js';
export { validateStory } from './story/validate.js';
export { parseStoryJson } from './story/parse-json.js';
