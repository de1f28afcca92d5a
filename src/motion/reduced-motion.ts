let query: MediaQueryList | undefined;

/**
 * Whether the reader asked for reduced motion. Called on every scroll frame: the media query is
 * made once, and its `matches` follows the setting as it changes.
 */
export function reducedMotion(): boolean {
  query ??= globalThis.matchMedia?.('(prefers-reduced-motion: reduce)');
  return query?.matches ?? false;
}
