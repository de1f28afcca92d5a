/**
 * The one definition of the story format (v1). Types, runtime validation and the published
 * JSON Schema (`stories/story.schema.json`) are all derived from it: change the format here.
 *
 * Every field documents its default in its description; the descriptions surface in editors
 * through the generated JSON Schema.
 */
import * as v from 'valibot';
import { strings as english, type StringKey } from './strings.js';

const MAX_TEXT = 100_000;

const text = (description: string) =>
  v.pipe(v.string(), v.maxLength(MAX_TEXT), v.description(description));

const longitude = v.pipe(
  v.number(),
  v.minValue(-180),
  v.maxValue(180),
  v.description('Longitude in degrees, -180 to 180.'),
);
const latitude = v.pipe(
  v.number(),
  v.minValue(-85.06),
  v.maxValue(85.06),
  v.description('Latitude in degrees, -85.06 to 85.06 (the Web Mercator limit).'),
);
const lngLat = v.pipe(
  v.tuple([longitude, latitude]),
  v.description('A position as [longitude, latitude].'),
);

/**
 * Where the text sits over the map: "left" or "right" column, "center" cards, or "full"-width
 * cards. On narrow screens text always becomes cards over a full-bleed map. (Each use describes it.)
 */
export const Align = v.picklist(['left', 'right', 'center', 'full']);

export const Camera = v.pipe(
  v.strictObject({
    center: v.optional(
      v.pipe(lngLat, v.description('Map centre as [longitude, latitude]. Use with "zoom".')),
    ),
    zoom: v.optional(
      v.pipe(v.number(), v.minValue(0), v.maxValue(24), v.description('Zoom level, 0-24.')),
    ),
    bounds: v.optional(
      v.pipe(
        v.tuple([lngLat, lngLat]),
        v.description(
          'Area to fit as [[west, south], [east, north]]; alternative to "center" + "zoom".',
        ),
      ),
    ),
    padding: v.optional(
      v.pipe(
        v.number(),
        v.minValue(0),
        v.maxValue(1000),
        v.description('With "bounds": extra pixels around the area. Default 40.'),
      ),
    ),
    pitch: v.optional(
      v.pipe(v.number(), v.minValue(0), v.maxValue(85), v.description('Tilt in degrees, 0-85. Default 0.')),
    ),
    bearing: v.optional(
      v.pipe(
        v.number(),
        v.minValue(-360),
        v.maxValue(360),
        v.description('Rotation in degrees clockwise from north. Default 0.'),
      ),
    ),
  }),
  v.description('Where the camera looks: "center" + "zoom", or "bounds" (+ "padding").'),
);

export const Transition = v.strictObject({
  type: v.optional(
    v.pipe(
      v.picklist(['fly', 'ease', 'jump', 'scrub']),
      v.description(
        'How the camera reaches this chapter: "fly" (zoom out and in), "ease" (straight), "jump" (instant) or "scrub" (the camera follows the scroll from the previous chapter\'s view, along a smooth zoom-and-pan path, reaching this chapter\'s view as the chapter becomes active; it glides to where the scroll is, at most twice the pace of a flight, so wheel notches, jumps and scrolling back into it never cut). Default "fly".',
      ),
    ),
  ),
  duration: v.optional(
    v.pipe(
      v.number(),
      v.minValue(0),
      v.maxValue(20000),
      v.description('Duration in milliseconds, 0-20000. Default: MapLibre\'s own for "fly", 1000 for "ease".'),
    ),
  ),
});

export const ChapterLayers = v.strictObject({
  show: v.optional(
    v.pipe(v.array(v.string()), v.description('Ids of story layers to show from this chapter on.')),
  ),
  hide: v.optional(
    v.pipe(v.array(v.string()), v.description('Ids of story layers to hide from this chapter on.')),
  ),
  paint: v.optional(
    v.pipe(
      v.record(v.string(), v.record(v.string(), v.unknown())),
      v.description(
        'Paint overrides by layer id, e.g. {"route": {"line-color": "#c00"}}; they hold from this chapter on.',
      ),
    ),
  ),
});

export const Media = v.strictObject({
  src: v.pipe(v.string(), v.minLength(1), v.description('Image URL (http(s) or relative).')),
  alt: v.optional(text('Text alternative for the image; required when "src" is set.')),
  caption: v.optional(text('Caption shown under the image.')),
  credit: v.optional(text('Who made the image.')),
});

export const Marker = v.strictObject({
  coordinates: lngLat,
  label: v.optional(text('Label shown next to the marker. With the embedded basemap, a city of the same name (any case) hides its own dot and name while the marker is shown.')),
  name: v.optional(text('Accessible name; defaults to "label".')),
  color: v.optional(v.pipe(v.string(), v.description('Colour: hex ("#c00"), a colour name, or rgb()/hsl()/hwb()/lab()/lch()/oklab()/oklch() with numbers (no var() or url()). Default the theme accent.'))),
  approximate: v.optional(
    v.pipe(v.boolean(), v.description('Position is an estimate: drawn hollow and labelled "approx.". Default false.')),
  ),
  source: v.optional(
    text('Where the position comes from, as a short citation (e.g. "Wikipedia, \'Tartus naval base\': 34°54′54″N 35°52′30″E"; copy the "source" of the data feature it marks). Readers find it under the chapter\'s "Sources for the map". Default none.'),
  ),
});

export const LegendItem = v.strictObject({
  label: text('What the symbol means.'),
  color: v.pipe(v.string(), v.description('Colour of the symbol: hex ("#c00"), a colour name, or rgb()/hsl()/hwb()/lab()/lch()/oklab()/oklch() with numbers (no var() or url()).')),
  shape: v.optional(
    v.pipe(
      v.picklist(['circle', 'square', 'line', 'dashed']),
      v.description('Symbol shape. Default "square".'),
    ),
  ),
});

export const Progress = v.strictObject({
  layer: v.pipe(
    v.string(),
    v.description('Id of a story "line" layer (on a GeoJSON source) drawn in proportion to the reader\'s progress through this chapter: nothing when the chapter starts, all of it when it ends.'),
  ),
  head: v.optional(v.pipe(v.boolean(), v.description('Show a moving marker at the head of the drawn line. Default true.'))),
});

const Theme = v.picklist(['light', 'dark']);

/** One side of a comparison: story layers and/or a basemap theme. */
export const CompareSide = v.strictObject({
  label: v.pipe(v.string(), v.minLength(1), v.maxLength(200), v.description('what this side shows, e.g. "25 January"')),
  layers: v.optional(
    v.pipe(
      v.array(v.string()),
      v.maxLength(50),
      v.description('Ids of story layers drawn on this side of the divider only, while the chapter is active (whatever "layers" shows or hides); a layer listed on both sides is drawn on both. Default none.'),
    ),
  ),
  theme: v.optional(
    v.pipe(Theme, v.description('With the embedded basemap: its colours on this side, "light" or "dark". Default the chapter\'s.')),
  ),
});

export const Compare = v.strictObject({
  before: v.pipe(CompareSide, v.description('the left side: {"label": …, "layers": [ids]}')),
  after: v.pipe(CompareSide, v.description('the right side: {"label": …, "layers": [ids]}')),
});

export const Basemap = v.strictObject({
  theme: v.optional(
    v.pipe(Theme, v.description('With the embedded basemap: its colours from this chapter on, "light" or "dark" (they change smoothly). Default the story\'s theme.')),
  ),
  detail: v.optional(
    v.pipe(v.boolean(), v.description('With the embedded basemap: show the story\'s "map.detail" coastlines from this chapter on. Default true.')),
  ),
});

export const Chapter = v.pipe(
  v.strictObject({
    id: v.pipe(
      v.string(),
      v.regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'an id starts with a letter and uses only letters, digits, "-" and "_"'),
      v.maxLength(100),
      v.description('Unique id, used in the URL hash (#id). Letters, digits, "-" and "_".'),
    ),
    title: v.optional(text('Chapter heading.')),
    date: v.optional(text('Date shown above the heading, as written (e.g. "27 January 2025").')),
    body: v.optional(
      text(
        'Chapter text: paragraphs separated by blank lines, or limited HTML (p, a, em, strong, ul, ol, li, blockquote, br). Always sanitised.',
      ),
    ),
    mapDescription: v.optional(
      text('What the map shows in this chapter, for screen readers. Default: generated from the camera.'),
    ),
    media: v.optional(v.pipe(Media, v.description('An image shown with the chapter text.'))),
    align: v.optional(v.pipe(Align, v.description('Overrides the story\'s "layout.align" for this chapter.'))),
    camera: Camera,
    cameraMobile: v.optional(
      v.pipe(Camera, v.description('Camera on narrow screens (under 700 px). Default "camera".')),
    ),
    transition: v.optional(v.pipe(Transition, v.description('How the map moves into this chapter.'))),
    layers: v.optional(v.pipe(ChapterLayers, v.description('Layer changes. They carry forward: a layer shown here stays shown in later chapters until one hides it. Scrolling back restores the earlier state.'))),
    progress: v.optional(v.pipe(Progress, v.description('A scroll-driven effect within the chapter.'))),
    markers: v.optional(v.pipe(v.array(v.pipe(Marker, v.description('A labelled point shown while the chapter is active.'))), v.maxLength(500), v.description('Markers for this chapter.'))),
    legend: v.optional(v.pipe(v.array(v.pipe(LegendItem, v.description('One row of a chapter legend.'))), v.maxLength(50), v.description('Legend for this chapter.'))),
    compare: v.optional(
      v.pipe(
        Compare,
        v.description(
          'Compare two states of the same place with a divider across the map: "before" on its left, "after" on its right (one map: each side\'s layers are clipped to its side). As the reader scrolls through the chapter the divider sweeps from right (mostly "before") to left (mostly "after"); with reduced motion it jumps halfway through. In explore mode readers drag it or move it with the arrow keys. Default none.',
        ),
      ),
    ),
    basemap: v.optional(
      v.pipe(
        Basemap,
        v.description('The embedded basemap from this chapter on: {"theme": "dark"}, {"detail": false}. It carries forward like "layers"; scrolling back restores the earlier state. Default: the story\'s theme, with detail.'),
      ),
    ),
  }),
  v.description('One step of the story: text, and the map state that goes with it.'),
);

export const Credit = v.strictObject({
  text: text('Credit line, e.g. "Reporting: The War Zone".'),
  url: v.optional(v.pipe(v.string(), v.description('Link for the credit (http(s)).'))),
});

export const MapOptions = v.strictObject({
  style: v.optional(
    v.pipe(
      v.union([v.string(), v.looseObject({ version: v.literal(8) })]),
      v.description(
        'Basemap: "embedded" (offline, default), a MapLibre style URL, a pmtiles:// URL, or an inline MapLibre style object.',
      ),
    ),
  ),
  projection: v.optional(
    v.pipe(v.picklist(['mercator', 'globe']), v.description('Map projection. Default "mercator".')),
  ),
  interactive: v.optional(
    v.pipe(v.boolean(), v.description('Let readers pan and zoom the map. Default false.')),
  ),
  attribution: v.optional(text('Extra attribution shown on the map, e.g. data sources.')),
  inset: v.optional(
    v.pipe(v.boolean(), v.description('Show a small world locator map with the main view outlined, on wide layouts (on a phone it would cover the map: it is neither loaded nor drawn there). Default false.')),
  ),
  scale: v.optional(
    v.pipe(
      v.boolean(),
      v.description('Show a scale bar in close views (street to city level), where sizes and distances matter and the reader cannot judge them from the map alone; it fades out while the camera moves and shows the scale once it rests. Default false.'),
    ),
  ),
  detail: v.optional(
    v.pipe(
      v.array(v.string()),
      v.maxLength(20),
      v.description(
        'With the embedded style: GeoJSON files (relative to the story) of high-resolution coastline for the regions the story zooms into. Features with "kind": "region" (the extent, drawn as sea), "land" (polygons), "coastline" (lines) and "runway" (polygons). Made by scripts/extract-basemap.mjs. Default none.',
      ),
    ),
  ),
});

export const Layout = v.strictObject({
  align: v.optional(v.pipe(Align, v.description('Default text placement for all chapters. Default "left".'))),
  theme: v.optional(v.pipe(v.picklist(['light', 'dark']), v.description('Colour theme. Default "light".'))),
});

const StyleSource = v.looseObject({ type: v.string() });
const StyleLayer = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1)),
  type: v.string(),
});

/** One optional string per key of the English set (a misspelt key is an unknown field, with suggestions). */
type StringEntry = v.OptionalSchema<v.SchemaWithPipe<readonly [v.StringSchema<undefined>, v.MaxLengthAction<string, 1000, undefined>, v.DescriptionAction<string, string>]>, undefined>;
const stringEntries = {
  ...(Object.fromEntries(
    Object.entries(english).map(([key, value]) => [key, v.optional(v.pipe(v.string(), v.maxLength(1000), v.description(`English: "${value}".` as string)))]),
  ) as Record<StringKey, StringEntry>),
  dir: v.optional(v.pipe(v.picklist(['ltr', 'rtl']), v.description('Direction of the controls, "ltr" or "rtl". Default: the language\'s ("rtl" for Arabic).'))),
};

export const ReaderStrings = v.strictObject(stringEntries);

export const Story = v.pipe(
  v.strictObject({
    $schema: v.optional(v.pipe(v.string(), v.description('Path to the JSON Schema, for editors.'))),
    version: v.pipe(v.literal(1), v.description('Format version. Must be 1.')),
    title: v.pipe(v.string(), v.minLength(1), v.maxLength(1000), v.description('Story headline.')),
    subtitle: v.optional(text('Standfirst under the headline.')),
    byline: v.optional(text('Author line.')),
    date: v.optional(text('Publication date, as written.')),
    lang: v.optional(
      v.pipe(v.string(), v.maxLength(35), v.description('BCP 47 language tag of the text, e.g. "en". It also picks the reader-facing strings (controls, notices): built in are English and Arabic ("ar", right to left); other languages get English. Default: the page\'s.')),
    ),
    dir: v.optional(v.pipe(v.picklist(['ltr', 'rtl', 'auto']), v.description('Text direction. Default "auto".'))),
    strings: v.optional(
      v.pipe(
        ReaderStrings,
        v.description(
          'Overrides of the reader-facing strings (buttons, notices, loading text, skip link, divider labels), by key; the rest come from the set "lang" picks (English, or Arabic for "ar"). Values in {braces} are filled in, e.g. "chapter": "Part {number}". "dir" ("ltr" or "rtl") is the direction of the controls. Keys: see src/story/strings.ts.',
        ),
      ),
    ),
    credits: v.optional(v.pipe(v.array(v.pipe(Credit, v.description('One credit or source.'))), v.description('Credits and sources, shown after the last chapter.'))),
    map: v.optional(v.pipe(MapOptions, v.description('Map options.'))),
    layout: v.optional(v.pipe(Layout, v.description('Page layout.'))),
    sources: v.optional(
      v.pipe(v.record(v.string(), v.pipe(StyleSource, v.description('A MapLibre style-spec source (https://maplibre.org/maplibre-style-spec/sources/).'))), v.description('MapLibre sources by id, for the story layers.')),
    ),
    layers: v.optional(v.pipe(v.array(v.pipe(StyleLayer, v.description('A MapLibre style-spec layer (https://maplibre.org/maplibre-style-spec/layers/), drawn above the basemap. Hidden until a chapter shows it, unless its layout sets "visibility": "visible".'))), v.description('Story layers, drawn above the basemap in order.'))),
    chapters: v.pipe(
      v.array(Chapter),
      v.minLength(1, 'a story needs at least one chapter'),
      v.maxLength(5000),
      v.description('The chapters, in reading order.'),
    ),
  }),
  v.description('A map-story story (format version 1).'),
);

export type Story = v.InferOutput<typeof Story>;
/** A story as authors write it (what `.story` takes): fields with defaults may be left out. */
export type StoryInput = v.InferInput<typeof Story>;
export type Chapter = v.InferOutput<typeof Chapter>;
export type Camera = v.InferOutput<typeof Camera>;
export type Transition = v.InferOutput<typeof Transition>;
export type Marker = v.InferOutput<typeof Marker>;
export type Progress = v.InferOutput<typeof Progress>;
export type LegendItem = v.InferOutput<typeof LegendItem>;
export type AlignValue = v.InferOutput<typeof Align>;
export type Compare = v.InferOutput<typeof Compare>;
export type CompareSide = v.InferOutput<typeof CompareSide>;
export type Basemap = v.InferOutput<typeof Basemap>;
