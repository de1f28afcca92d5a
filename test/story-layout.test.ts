// StoryLayout, directly, on a host that renders a map area and cards the way <map-story> does:
// narrow or wide by the host's width, measured boxes and columns, framing, and what it reports.
import { expect } from 'chai';
import { LitElement, css, html } from 'lit';
import { TRIGGER } from '../src/map/camera.js';
import { NARROW_WIDTH, StoryLayout } from '../src/view/story-layout.js';
import type { ChapterState } from '../src/story/chapter-states.js';
import { until } from './helpers.js';

class LayoutHost extends LitElement {
  static override styles = css`
    :host { display: block; position: relative; }
    .map-area { position: sticky; top: 0; height: 400px; }
    .card { width: 300px; height: 150px; margin: 0 0 100px 40px; }
  `;
  readonly events = { narrow: 0, resized: 0, measured: [] as number[] };
  readonly layout = new StoryLayout(this, {
    onNarrow: () => this.events.narrow++,
    onMapResize: () => this.events.resized++,
    onMeasured: (boxes, width) => this.events.measured.push(boxes.length, width),
  });
  override render() {
    return html`<div class="map-area"></div>
      ${[0, 1, 2].map((i) => html`<section class="card chapter" data-align="left">${i}</section>`)}`;
  }
}
customElements.define('layout-host', LayoutHost);

const state = (index: number) => ({ index }) as ChapterState;

async function host(width: string): Promise<LayoutHost> {
  const h = document.createElement('layout-host') as LayoutHost;
  h.style.width = width;
  document.body.append(h);
  await h.updateComplete;
  return h;
}

describe('StoryLayout', () => {
  afterEach(() => document.querySelectorAll('layout-host').forEach((h) => h.remove()));

  it('measures the map area, the cards (relative to the host) and the text column', async () => {
    const h = await host('1000px');
    h.layout.measure();
    expect(h.layout.size).to.deep.equal({ width: 1000, height: 400 });
    expect(h.layout.cards.length).to.equal(3);
    expect(h.layout.boxes.map((b) => b.top)).to.deep.equal([400, 650, 900]);
    expect(h.layout.boxes.every((b) => b.height === 150)).to.equal(true);
    expect(h.events.measured.slice(-2)).to.deep.equal([3, 1000]);
    // The left column (40 to 340 px) is padded on the left; the navigation bar's 56 px on top.
    const { padding, narrow } = h.layout.framing(state(1), 'left');
    expect(narrow).to.equal(false);
    expect(padding.left).to.equal(340);
    expect(padding.top).to.equal(56);
    expect(padding.right).to.equal(0);
  });

  it('turns narrow below NARROW_WIDTH (and back), moving the trigger line and reporting it', async () => {
    const h = await host(`${NARROW_WIDTH + 100}px`);
    expect(h.layout.narrow).to.equal(false);
    expect(h.layout.trigger).to.equal(TRIGGER.wide);
    h.style.width = `${NARROW_WIDTH - 100}px`;
    await until(() => h.events.narrow === 1, 5_000, 'the narrow layout reported');
    expect(h.layout.narrow).to.equal(true);
    expect(h.layout.trigger).to.equal(TRIGGER.narrow);
    // Narrow: cards pass over the map; the target goes above the card at the trigger line.
    const { padding } = h.layout.framing(state(0), 'left');
    expect(padding.left).to.equal(0);
    expect(padding.bottom).to.be.closeTo(400 - (TRIGGER.narrow * 400 - 75) + 8, 1);
    h.style.width = `${NARROW_WIDTH + 100}px`;
    await until(() => h.events.narrow === 2, 5_000, 'the wide layout reported');
    expect(h.layout.narrow).to.equal(false);
  });

  it('reports a map resize within the same layout (once per change), not a change of nothing', async () => {
    const h = await host('900px');
    h.layout.measure();
    h.style.width = '950px';
    await until(() => h.events.resized === 1, 5_000, 'the resize reported');
    expect(h.layout.size.width).to.equal(950);
    h.style.color = 'red'; // no size change
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(h.events.resized).to.equal(1);
  });

  it('gives the trigger line from the host top and scroll margins that put a card middle on it', async () => {
    const h = await host('1000px');
    h.layout.measure();
    const line = h.layout.triggerLine();
    expect(line).to.be.closeTo(TRIGGER.wide * innerHeight - h.getBoundingClientRect().top, 0.5);
    h.layout.setScrollMargin(1);
    expect(h.layout.cards[1]!.style.scrollMarginTop).to.equal(`${Math.round(TRIGGER.wide * innerHeight - 75)}px`);
    h.layout.cards[1]!.scrollIntoView({ block: 'start', behavior: 'instant' });
    const r = h.layout.cards[1]!.getBoundingClientRect();
    expect(r.top + r.height / 2).to.be.closeTo(TRIGGER.wide * innerHeight, 1.5);
  });
});
