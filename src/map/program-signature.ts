import type { LayerSpecification } from 'maplibre-gl';

/**
 * What decides which WebGL program MapLibre draws a layer with, read from the layer's style
 * alone: two layers with the same signature are drawn by the same compiled program, so the
 * warm-up draws one of them only.
 *
 * MapLibre (6.x, `ProgramConfiguration`) picks a shader by the layer's type and a few
 * properties (dashes, gradients, patterns; text or icons), and keys its variant by how each
 * paint property is bound: a uniform when it is the same for every feature (a constant, or a
 * zoom curve evaluated per frame), an attribute when it is read per feature, a pair of
 * attributes when it is read per feature and per zoom. Property values do not matter.
 * A signature that wrongly matches costs one compile later, never a wrong picture.
 */
export function programSignature(layer: LayerSpecification): string {
  const paint = ((layer as { paint?: Record<string, unknown> }).paint ?? {}) as Record<string, unknown>;
  const layout = ((layer as { layout?: Record<string, unknown> }).layout ?? {}) as Record<string, unknown>;
  const choices = (SHADER_CHOICE[layer.type] ?? []).map((prop) => `${prop}=${choice(prop in paint ? paint[prop] : layout[prop])}`);
  const bindings = Object.keys(paint)
    .filter((prop) => !prop.endsWith('-transition') && !SHADER_CHOICE[layer.type]?.includes(prop))
    .flatMap((prop) => {
      const kind = binding(paint[prop]);
      return kind === 'uniform' ? [] : [`${kind}:${prop}`];
    })
    .sort();
  return [layer.type, ...choices, ...bindings].join('|');
}

/** Properties (paint or layout) that pick another shader rather than bind a value in the same one. */
const SHADER_CHOICE: Partial<Record<LayerSpecification['type'], string[]>> = {
  line: ['line-dasharray', 'line-gradient', 'line-pattern'],
  fill: ['fill-pattern', 'fill-antialias'],
  'fill-extrusion': ['fill-extrusion-pattern'],
  symbol: ['text-field', 'icon-image', 'icon-text-fit'],
  background: ['background-pattern'],
};

/** A shader choice: whether the property is set (or, for a boolean, its value). */
const choice = (value: unknown): string => (value === undefined ? '' : typeof value === 'boolean' ? String(value) : 'set');

/** Expression operators that read the feature being drawn. */
const FEATURE = /\["(get|has|properties|feature-state|geometry-type|id|accumulated)"/;
const ZOOM = /\["zoom"\]/;

/** How a paint value is bound in the program: per map (uniform), per feature, or per feature and zoom. */
function binding(value: unknown): 'uniform' | 'feature' | 'feature-zoom' {
  if (value === null || typeof value !== 'object') return 'uniform';
  // A legacy function is data-driven when it names a property; its stops may be zoom-and-value pairs.
  if (!Array.isArray(value)) {
    const fn = value as { property?: unknown; stops?: unknown[] };
    if (fn.property === undefined) return 'uniform';
    return fn.stops?.some((stop) => Array.isArray(stop) && typeof stop[0] === 'object') ? 'feature-zoom' : 'feature';
  }
  const text = JSON.stringify(value);
  if (!FEATURE.test(text)) return 'uniform';
  return ZOOM.test(text) ? 'feature-zoom' : 'feature';
}
