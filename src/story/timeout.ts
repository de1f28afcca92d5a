/**
 * Time limits for what map-story fetches (the story, a style, map data): a server that never
 * answers ends in the same clear error, or fallback, as one that fails.
 */

/** How long a fetch may take by default, in ms (the element's `timeout` attribute changes it). */
export const DEFAULT_TIMEOUT = 20_000;

/** A signal that aborts when `signal` does or after `ms`; `timedOut()` tells which happened. */
export interface Deadline {
  signal: AbortSignal;
  ms: number;
  timedOut: () => boolean;
  /** Stops the timer (the work finished in time). */
  clear: () => void;
}

export function deadline(ms: number, signal?: AbortSignal): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError'));
  }, ms);
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const clear = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
  controller.signal.addEventListener('abort', clear, { once: true });
  return { signal: controller.signal, ms, timedOut: () => expired, clear };
}

/** Error of a promise that took longer than allowed (see `within`). */
export class TimeoutError extends Error {}

/** `promise`, or a rejection with `TimeoutError(message)` if it has not settled after `ms`. */
export function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
