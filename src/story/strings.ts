/**
 * Every string map-story shows or says to readers (not the story's own text, not the messages
 * about problems in a story, which are in story/messages.ts), in one place so they can be
 * translated. English; other languages are in `strings-<lang>.ts` and load only for a story
 * whose `lang` asks for them (see reader-strings.ts). `{name}` marks a value filled in (`fill`).
 */
export const strings = {
  /** Text direction of these strings (`ltr` or `rtl`): the controls (navigation, divider) follow it. */
  dir: 'ltr',
  skipLink: 'Skip past the map story',
  storyEnd: 'End of the map story.',
  loadingStory: 'Loading story…',
  loadingMap: 'Loading map…',
  /** The map region's accessible name. */
  map: 'Map: {title}',
  /** The map region's accessible name, for a story without a title (and the map canvas's). */
  mapUntitled: 'Map',
  /** The button that shows or hides the map's credits (its accessible name). */
  mapCredits: 'Toggle the map credits',
  /** The scale bar's units. */
  kilometres: 'km',
  metres: 'm',
  /** A chapter without a title. */
  chapter: 'Chapter {number}',
  /** Announced when a chapter becomes active: its title, then what the map shows. */
  entered: '{title}. {map}',
  markedOnMap: 'Marked on the map: {places}.',
  aPoint: 'a point',
  /** A marker without a label or name, at the start of a list item. */
  unnamedPoint: 'A point',
  approximatePosition: ' (approximate position)',
  /** After a marker's label on the map. */
  approximateLabel: '(approx.)',
  approximate: ' (approximate)',
  legend: 'Legend',
  /** Before an attribute's name, in a problem with a chapter written in HTML. */
  attribute: 'attribute',
  sourcesForMap: 'Sources for the map',
  sourcesAndCredits: 'Sources and credits',
  navigation: 'Story navigation',
  previous: 'Previous chapter',
  next: 'Next chapter',
  explore: 'Explore the map',
  backToStory: 'Back to the story',
  /** A comparison chapter, after what the map shows: what each side of the divider shows. */
  compareSides: 'Left of the divider: {before}. Right of it: {after}.',
  /** The comparison divider's accessible name. */
  compareSlider: 'Divider between {before} and {after}',
  /** The divider's value, for screen readers: how much of the map shows the left side. */
  compareValue: '{percent}% {before}',
};

/** The keys of the reader-facing strings. */
export type StringKey = keyof typeof strings;
/** A set of reader-facing strings (a language's, with a story's overrides). */
export type Strings = Record<StringKey, string>;

/** `template` with each `{name}` replaced by `values[name]` (unknown names are left as written). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** The map region's accessible name. */
export const mapLabel = (s: Strings, title: string | undefined): string => (title ? fill(s.map, { title }) : s.mapUntitled);

/**
 * What is announced when a chapter becomes active: its title (or number), what the map shows
 * (`map`) and, in a comparison, what each side of the divider shows.
 */
export function enteredText(s: Strings, chapter: { title?: string | undefined; compare?: { before: { label: string }; after: { label: string } } | undefined }, index: number, map: string): string {
  const { compare } = chapter;
  const sides = compare ? ` ${fill(s.compareSides, { before: compare.before.label, after: compare.after.label })}` : '';
  return fill(s.entered, { title: chapter.title ?? fill(s.chapter, { number: index + 1 }), map: `${map}${sides}` });
}
