// Made by scripts/build-tiles.mjs: do not edit.
/** The deepest zoom of the tiles (MapLibre overzooms them beyond). */
export const MAX_ZOOM = 6;
