// The locator map (src/map/locator.ts): what it draws, and when it redraws.
import { expect } from 'chai';
import { emulateMedia } from '@web/test-runner-commands';
import { frame, frames, mountMotion, settled, unmountAll, until } from './helpers.js';

/** Pixels of the view's outline (its red) on the locator's canvas. */
function outlinePixels(canvas: HTMLCanvasElement): number {
  const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let outline = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i]! > 150 && d[i + 1]! < 90 && d[i + 2]! < 60) outline++;
  return outline;
}

describe('locator map', () => {
  afterEach(async () => {
    unmountAll();
    history.replaceState(null, '', location.pathname + location.search);
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('the locator map outlines the main view', async () => {
    const { el, map } = await mountMotion();
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('[part="inset"]')!;
    expect(canvas).to.not.equal(null);
    await settled(map);
    await until(() => outlinePixels(canvas) > 10, 10_000, 'the outline to be drawn');
  });

  it('a narrow layout has no locator; it starts when the layout becomes wide, and goes when narrow again', async () => {
    // On phones the locator was hidden by CSS, but its code, its land and its drawing still
    // ran after first idle: long tasks while the page settled on the bench's slow phone.
    const { el, map } = await mountMotion((e) => (e.style.width = '390px'));
    const inset = () => el.shadowRoot!.querySelector<HTMLCanvasElement>('[part="inset"]');
    await settled(map);
    await frames(3);
    expect(!!inset(), 'a locator on a narrow layout').to.equal(false);
    el.style.width = '';
    await until(() => !!inset(), 5_000, 'the locator to appear on the wide layout');
    const canvas = inset()!;
    map.jumpTo({ center: [map.getCenter().lng + 30, map.getCenter().lat] });
    await until(() => outlinePixels(canvas) > 10, 10_000, 'the outline to be drawn');
    el.style.width = '390px';
    await until(() => !inset(), 5_000, 'the locator to go on the narrow layout');
    expect(canvas.isConnected).to.equal(false);
  });

  it('the locator is a compositor layer of its own, so a redraw during a flight repaints nothing else', async () => {
    // Without a layer of its own, each redraw of a software canvas was a paint and a raster of
    // the whole map area's layer (13 per scroll through the Tartus story in a trace).
    const { el } = await mountMotion();
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('[part="inset"]')!;
    expect(getComputedStyle(canvas).willChange).to.equal('transform');
  });

  it('the locator reads no layout as it draws, and follows its canvas size', async () => {
    const { el, map } = await mountMotion();
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('[part="inset"]')!;
    await settled(map);
    let reads = 0;
    for (const key of ['clientWidth', 'clientHeight', 'offsetWidth', 'offsetHeight'] as const) {
      const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, key) ?? Object.getOwnPropertyDescriptor(Element.prototype, key)!;
      Object.defineProperty(canvas, key, { configurable: true, get() { reads++; return own.get!.call(this); } });
    }
    const spy = canvas.getBoundingClientRect.bind(canvas);
    canvas.getBoundingClientRect = () => { reads++; return spy(); };
    const { lng, lat } = map.getCenter();
    map.jumpTo({ center: [lng + 30, lat] });
    await frames(3);
    expect(reads, 'layout reads while drawing').to.equal(0);
    canvas.style.width = '200px';
    const ratio = Math.min(2, devicePixelRatio);
    await until(() => canvas.width === 200 * ratio, 5_000, 'the canvas to follow its new width');
  });

  it('the locator redraws only when its outline moves on it', async () => {
    const { el, map } = await mountMotion();
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('[part="inset"]')!;
    await settled(map);
    await frames(3);
    const ctx = canvas.getContext('2d')!;
    let redraws = 0;
    const clearRect = ctx.clearRect.bind(ctx);
    ctx.clearRect = (...args: Parameters<CanvasRenderingContext2D['clearRect']>) => { redraws++; clearRect(...args); };
    try {
      // A street's width at zoom 4 moves the view by far less than a pixel of a 160 px world map.
      const { lng, lat } = map.getCenter();
      for (let i = 1; i <= 5; i++) {
        map.jumpTo({ center: [lng + i * 1e-4, lat] });
        await frame();
      }
      expect(redraws, 'redraws for sub-pixel moves').to.equal(0);
      map.jumpTo({ center: [lng + 30, lat] }); // 30° east: 13 px on a 160 px world map
      await frames(2);
      expect(redraws, 'redraws for a visible move').to.equal(1);
    } finally {
      ctx.clearRect = clearRect;
    }
  });
});
