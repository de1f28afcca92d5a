/**
 * Every string map-story shows or says to readers (not the story's own text, not the messages
 * about problems in a story, which are in story/messages.ts), in one place so they can be
 * translated. English.
 */
export const strings = {
  skipLink: 'Skip past the map story',
  storyEnd: 'End of the map story.',
  loadingStory: 'Loading story…',
  loadingMap: 'Loading map…',
  /** The map region's accessible name. */
  map: (title: string | undefined) => (title ? `Map: ${title}` : 'Map'),
  /** A chapter without a title. */
  chapter: (number: number) => `Chapter ${number}`,
  /** Announced when a chapter becomes active: its title, then what the map shows. */
  entered: (title: string, map: string) => `${title}. ${map}`,
  markedOnMap: (places: string) => `Marked on the map: ${places}.`,
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
} as const;
