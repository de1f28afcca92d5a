/** One step into a story value: an object key or a list index. */
export type PathKey = string | number;

/** `['chapters', 2, 'camera', 'zoom']` → `chapters[2].camera.zoom`: how problems name a place. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}
