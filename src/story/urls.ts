/**
 * URL policy for untrusted stories: only http(s), relative URLs and (for map styles)
 * pmtiles:// are allowed. Anything with another scheme (javascript:, data:, vbscript:, ...)
 * is refused.
 */
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

export function isSafeUrl(url: string, options: { pmtiles?: boolean } = {}): boolean {
  // Browsers ignore ASCII whitespace and control characters in schemes ("java\tscript:").
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const match = SCHEME.exec(cleaned);
  if (!match) return true; // relative, or protocol-relative (//host/...)
  const scheme = match[1]!.toLowerCase();
  return scheme === 'http' || scheme === 'https' || (options.pmtiles === true && scheme === 'pmtiles');
}

/**
 * A tile template's placeholder (`{z}`, `{x}`, `{y}`, `{prefix}`, `{bbox-epsg-3857}`, …) as URL
 * parsing writes it: percent-encoded, which MapLibre would not fill in.
 */
const ENCODED_PLACEHOLDER = /%7B([\w-]+)%7D/gi;

/**
 * Resolves a URL from a story relative to the story file's own URL (inside `pmtiles://` too).
 * A tile template keeps its placeholders as written.
 */
export function resolveStoryUrl(url: string, base: string | undefined): string {
  if (url.startsWith('pmtiles://')) return `pmtiles://${resolveStoryUrl(url.slice('pmtiles://'.length), base)}`;
  try {
    const href = new URL(url, base ?? document.baseURI).href;
    return url.includes('{') ? href.replace(ENCODED_PLACEHOLDER, '{$1}') : href;
  } catch {
    return url;
  }
}
