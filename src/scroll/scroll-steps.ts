import type { ReactiveController, ReactiveControllerHost } from 'lit';
import scrollama from 'scrollama/index.js';

/**
 * Watches the chapter elements with scrollama and reports which one the reader is on.
 * It owns one lifecycle: observers are created by `observe()` and released on disconnect.
 * (scrollama's own `destroy()` leaves one document scroll listener behind; we never read the
 * direction it computes from it, and derive direction from chapter order instead.)
 */
export class ScrollSteps implements ReactiveController {
  private instance: ReturnType<typeof scrollama> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly onEnter: (index: number, element: HTMLElement) => void,
  ) {
    host.addController(this);
  }

  /** Starts watching `steps`; a chapter becomes active when it crosses `offset` (0-1 of the viewport height). */
  observe(steps: HTMLElement[], offset: number): void {
    this.release();
    if (steps.length === 0) return;
    this.instance = scrollama()
      .setup({ step: steps, offset })
      .onStepEnter(({ index, element }) => this.onEnter(index, element));
  }

  /** Re-measures step positions (after layout changes). */
  resize(): void {
    this.instance?.resize();
  }

  release(): void {
    this.instance?.destroy();
    this.instance = undefined;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.release();
  }
}
