import type { LayerSpecification } from 'maplibre-gl';

/**
 * What decides which WebGL program MapLibre draws a layer with, read from the layer's style
 * alone: two layers with the same signature are drawn by the same compiled program, so the
 * warm-up draws one of them only.
 *
 * MapLibre (6.x, `ProgramConfiguration`) picks a shader by the layer's type and a few
 * properties (dashes, gradients, patterns; text or icons; a fill's antialiased outline), and
 * keys its variant by how each paint property is bound: a uniform when it is the same for every
 * feature (a constant, or a zoom curve evaluated per frame), an attribute when it is read per
 * feature, a pair of attributes when it is read per feature and per zoom. Values do not matter.
 * A signature that wrongly matches costs one compile later, never a wrong picture.
 */
export function programSignature(layer: LayerSpecification): string {
  const { paint = {}, layout = {} } = layer as { paint?: Record<string, unknown>; layout?: Record<string, unknown> };
  const bindings = Object.entries(paint).flatMap(([prop, value]) => (SHADER_CHOICE.includes(prop) || !binding(value) ? [] : [prop + binding(value)]));
  return [layer.type, ...SHADER_CHOICE.map((prop) => prop in paint || prop in layout), paint['fill-antialias'] === false, ...bindings.sort()].join();
}

/** Properties (paint or layout) that pick another shader, by being set, rather than bind a value in the same one. */
const SHADER_CHOICE = ['line-dasharray', 'line-gradient', 'line-pattern', 'fill-pattern', 'fill-extrusion-pattern', 'text-field', 'icon-image'];

/** Operators that read the feature being drawn (a legacy function names a `property`). */
const FEATURE = /\["(get|has|properties|feature-state|geometry-type|id|accumulated)"|"property":/;
/** Zoom in an expression (or a legacy function's zoom-and-value stops). */
const ZOOM = /\["zoom"\]|\{"zoom":/;

/** How a paint value is bound in the program: '' per map (a uniform), '@f' per feature, '@fz' per feature and zoom. */
function binding(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  return !FEATURE.test(text) ? '' : ZOOM.test(text) ? '@fz' : '@f';
}
