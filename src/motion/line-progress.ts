import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { fromWorld, toWorld } from './mercator.js';

/** Progress of lines drawn by scroll is rounded to steps of 1/PROGRESS_STEPS of their length. */
export const PROGRESS_STEPS = 1000;

/**
 * A line measured the way MapLibre's `line-progress` measures it: by length in Web Mercator,
 * so the head of a partly drawn line sits exactly where the drawn part ends.
 */
export class MeasuredLine {
  private readonly points: [number, number][];
  private readonly cumulative: number[];

  constructor(coordinates: Position[]) {
    this.points = coordinates.map((c) => toWorld([c[0]!, c[1]!]));
    this.cumulative = [0];
    for (let i = 1; i < this.points.length; i++) {
      const [x0, y0] = this.points[i - 1]!;
      const [x1, y1] = this.points[i]!;
      this.cumulative.push(this.cumulative[i - 1]! + Math.hypot(x1 - x0, y1 - y0));
    }
  }

  get length(): number {
    return this.cumulative[this.cumulative.length - 1]!;
  }

  /** The point at `fraction` (0-1) of the length. */
  pointAt(fraction: number): [number, number] {
    const target = Math.min(1, Math.max(0, fraction)) * this.length;
    let i = 1;
    while (i < this.cumulative.length - 1 && this.cumulative[i]! < target) i++;
    const start = this.cumulative[i - 1]!;
    const span = this.cumulative[i]! - start || 1;
    const t = (target - start) / span;
    const [x0, y0] = this.points[i - 1]!;
    const [x1, y1] = this.points[i]!;
    return fromWorld([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t]);
  }
}

/** The first LineString (or the longest part of a MultiLineString) in GeoJSON data. */
export function firstLine(data: unknown): Position[] | undefined {
  const geometries: Geometry[] = [];
  const collect = (d: unknown) => {
    const o = d as { type?: string };
    if (o?.type === 'FeatureCollection') (d as FeatureCollection).features.forEach(collect);
    else if (o?.type === 'Feature') collect((d as Feature).geometry);
    else if (o?.type) geometries.push(d as Geometry);
  };
  collect(data);
  for (const g of geometries) {
    if (g.type === 'LineString') return g.coordinates;
    if (g.type === 'MultiLineString') return g.coordinates.reduce((a, b) => (b.length > a.length ? b : a), [] as Position[]);
  }
  return undefined;
}

/** A `line-gradient` that draws the line in `color` up to `fraction` and nothing after. */
export function progressGradient(fraction: number, color: string): unknown {
  const f = Math.min(1, Math.max(0, fraction));
  const none = 'rgba(0,0,0,0)';
  // line-gradient must be an expression of line-progress, even when it is one colour.
  if (f >= 1) return ['interpolate', ['linear'], ['line-progress'], 0, color, 1, color];
  if (f <= 0) return ['interpolate', ['linear'], ['line-progress'], 0, none, 1, none];
  // Two close stops, not a `step`: MapLibre renders a `step` gradient into a texture as many
  // texels wide as the line is long (thousands, recomputed every frame while scrolling), an
  // interpolated one into 256. The edge softens over 1/256 of the line, under the head marker.
  return ['interpolate', ['linear'], ['line-progress'], f, color, Math.min(1, f + 1e-6), none];
}
