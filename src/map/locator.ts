import { palettes, type Theme } from '../basemap/embedded-style.js';

/** The canvas's size in CSS px until its first layout is known. */
const DEFAULT_SIZE = { w: 160, h: 90 };

/**
 * A small world map (2D canvas, no WebGL context of its own) with the main map's view outlined.
 * Land is drawn once into an offscreen canvas; each update only redraws the outline. Its size
 * comes from a ResizeObserver: a draw reads no layout (reading it in the frame after the page
 * changed styles forced a layout each frame of a flight).
 */
export class Locator {
  #land: HTMLCanvasElement | undefined;
  #box = DEFAULT_SIZE;
  #bounds: [[number, number], [number, number]] | undefined;
  readonly #ctx: CanvasRenderingContext2D;
  readonly #canvas: HTMLCanvasElement;
  readonly #theme: Theme;
  readonly #resize = new ResizeObserver(([entry]) => {
    const { width, height } = entry!.contentRect;
    if (!width || !height || (width === this.#box.w && height === this.#box.h)) return;
    this.#box = { w: width, h: height };
    if (this.#bounds) this.draw(this.#bounds);
  });

  constructor(
    canvas: HTMLCanvasElement,
    theme: Theme,
  ) {
    this.#canvas = canvas;
    this.#theme = theme;
    this.#ctx = canvas.getContext('2d')!;
    this.#resize.observe(canvas);
  }

  get #size(): { w: number; h: number; ratio: number } {
    return { ...this.#box, ratio: Math.min(2, globalThis.devicePixelRatio || 1) };
  }

  /** Stops following the canvas's size (the locator is dropped). */
  destroy(): void {
    this.#resize.disconnect();
  }

  /** Equirectangular, 180°W-180°E by 60°S-80°N. */
  #project([lng, lat]: [number, number], w: number, h: number): [number, number] {
    return [((lng + 180) / 360) * w, ((80 - lat) / 140) * h];
  }

  /** Draws the land (rings of [lng, lat], filled even-odd) once, into the offscreen canvas. */
  setLand(rings: [number, number][][]): void {
    const { w, h, ratio } = this.#size;
    const off = document.createElement('canvas');
    off.width = w * ratio;
    off.height = h * ratio;
    const ctx = off.getContext('2d')!;
    ctx.scale(ratio, ratio);
    const c = palettes[this.#theme];
    ctx.fillStyle = c.sea;
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = c.country;
    ctx.globalAlpha = 0.55;
    ctx.beginPath();
    for (const ring of rings) {
      ring.forEach((p, i) => {
        const [x, y] = this.#project(p, w, h);
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.closePath();
    }
    ctx.fill('evenodd');
    this.#land = off;
  }

  /** What the canvas shows: the outline in device pixels (quarter pixels), the land's canvas, the size. */
  #drawn = '';

  /**
   * Redraws the outline of `bounds` ([[west, south], [east, north]]), unless it would draw the
   * same pixels: a camera moving within a city keeps the same dot on a world map, and an
   * unchanged canvas costs nothing to composite.
   */
  draw(bounds: [[number, number], [number, number]]): void {
    this.#bounds = bounds;
    const { w, h, ratio } = this.#size;
    const [[west, south], [east, north]] = bounds;
    const [x0, y0] = this.#project([Math.max(-180, west), Math.min(80, north)], w, h);
    const [x1, y1] = this.#project([Math.min(180, east), Math.max(-60, south)], w, h);
    const q = (v: number) => Math.round(v * ratio * 4);
    const key = `${w}x${h}@${ratio} ${this.#land ? 1 : 0} ${q(x0)} ${q(y0)} ${q(x1)} ${q(y1)}`;
    if (key === this.#drawn) return;
    this.#drawn = key;
    if (this.#canvas.width !== w * ratio) {
      this.#canvas.width = w * ratio;
      this.#canvas.height = h * ratio;
    }
    const ctx = this.#ctx;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (this.#land) ctx.drawImage(this.#land, 0, 0, w, h);
    ctx.strokeStyle = palettes[this.#theme].accent;
    ctx.lineWidth = 2;
    if (x1 - x0 < 6 && y1 - y0 < 6) {
      ctx.beginPath();
      ctx.arc((x0 + x1) / 2, (y0 + y1) / 2, 4, 0, Math.PI * 2);
      ctx.stroke();
    } else {
      ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
    }
  }
}
