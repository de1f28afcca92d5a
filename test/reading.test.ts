// Reading, directly: a host renders chapter cards on a tall page and a fake map records what it
// is asked to show. Real scrolling, real scrollama; no MapLibre.
import { expect } from 'chai';
import { LitElement, css, html } from 'lit';
import type { ChapterDetail, ProgressDetail } from '../src/events.js';
import { TRIGGER } from '../src/map/camera.js';
import type { ApplyOptions, Framing } from '../src/map/map-driver.js';
import type { CameraTarget } from '../src/motion/camera-path.js';
import { Reading, type ReadingMap } from '../src/scroll/reading.js';
import type { ChapterState } from '../src/story/chapter-states.js';
import { loadStory, type LoadedStory } from '../src/story/load.js';
import { until } from './helpers.js';

const CARD = 300;
const GAP = 500;
const padding = { top: 0, right: 0, bottom: 0, left: 0 };
const framing: Framing = { padding, narrow: false };

/** Records what the map is asked to show. */
class FakeMap implements ReadingMap {
  readonly applied: { id: string; options: ApplyOptions }[] = [];
  moving = false;
  apply(state: ChapterState, _: Framing, options: ApplyOptions): void {
    this.applied.push({ id: state.id, options });
  }
  resolveCamera(state: ChapterState): CameraTarget {
    return { center: state.camera.center as [number, number], zoom: state.camera.zoom ?? 2, pitch: 0, bearing: 0, padding };
  }
  currentCamera(): CameraTarget {
    return { center: [0, 0], zoom: 2, pitch: 0, bearing: 0, padding };
  }
  jumpTo(): void {}
  setLineProgress(): void {}
  resize(): void {}
}

class ReadingHost extends LitElement {
  static override styles = css`
    :host { display: block; padding: 100vh 0; }
    .chapter { height: ${CARD}px; margin-bottom: ${GAP}px; }
  `;
  loaded: LoadedStory | undefined;
  hash = false;
  readonly map = new FakeMap();
  cards: HTMLElement[] = [];
  readonly reading: Reading = new Reading(this, {
    loaded: () => this.loaded,
    driver: () => this.map,
    exploring: () => false,
    hash: () => this.hash,
    framing: () => framing,
    layout: {
      narrow: false,
      trigger: TRIGGER.wide,
      get cards() {
        return host.cards;
      },
      triggerLine: () => TRIGGER.wide * innerHeight - this.getBoundingClientRect().top,
      setScrollMargin: (i) => {
        const card = this.cards[i]!;
        card.style.scrollMarginTop = `${Math.round(TRIGGER.wide * innerHeight - CARD / 2)}px`;
      },
    },
  });
  override render() {
    return html`<div @keydown=${this.reading.onKeydown}>
      ${this.loaded?.states.map((s) => html`<section class="chapter" tabindex="0" data-index=${s.index}>${s.id}</section>`)}
    </div>`;
  }
}
customElements.define('reading-host', ReadingHost);
let host: ReadingHost;

const ids = ['one', 'two', 'three', 'four', 'five'];
async function mountReading(options: { hash?: boolean } = {}): Promise<ReadingHost> {
  const result = await loadStory(
    {
      kind: 'property',
      value: {
        version: 1,
        title: 'Reading',
        chapters: ids.map((id, i) => ({ id, title: `Chapter ${id}`, mapDescription: `Map ${id}.`, camera: { center: [i, 0], zoom: 3 } })),
      },
    },
    { timeout: 5_000 },
  );
  if (!result.ok) throw new Error('story');
  host = document.createElement('reading-host') as ReadingHost;
  host.loaded = result.loaded;
  host.hash = options.hash ?? false;
  document.body.append(host);
  await host.updateComplete;
  host.cards = [...host.renderRoot.querySelectorAll<HTMLElement>('.chapter')];
  const top = host.getBoundingClientRect().top;
  host.reading.begin(result.loaded, host.cards.map((c) => ({ top: c.getBoundingClientRect().top - top, height: CARD })), 800);
  return host;
}

/** Scrolls so that `offset` px into card `i` is on the trigger line (default: its middle). */
function scrollToCard(i: number, offset = CARD / 2): void {
  const top = host.cards[i]!.getBoundingClientRect().top + scrollY;
  window.scrollTo(0, top + offset - TRIGGER.wide * innerHeight);
}

/** Resolves once card `i`'s middle rests on the trigger line (a smooth scroll has ended). */
const onLine = (i: number) =>
  until(() => {
    const r = host.cards[i]!.getBoundingClientRect();
    return Math.abs(r.top + CARD / 2 - TRIGGER.wide * innerHeight) < 2;
  }, 5_000, `card ${i} on the trigger line`);

function collect<T>(type: string): T[] {
  const seen: T[] = [];
  host.addEventListener(type, (e) => seen.push((e as CustomEvent<T>).detail));
  return seen;
}

describe('Reading', () => {
  afterEach(() => {
    host?.remove();
    window.scrollTo(0, 0);
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('makes the card that crosses the trigger line active: map, events, announcement', async () => {
    await mountReading();
    const enters = collect<ChapterDetail>('map-story-chapter-enter');
    const exits = collect<ChapterDetail>('map-story-chapter-exit');
    scrollToCard(0);
    await until(() => host.reading.active === 0, 5_000, 'chapter one');
    scrollToCard(1);
    await until(() => host.reading.active === 1, 5_000, 'chapter two');
    expect(enters.map((e) => [e.chapterId, e.direction])).to.deep.equal([['one', 'down'], ['two', 'down']]);
    expect(exits.map((e) => [e.chapterId, e.direction])).to.deep.equal([['one', 'down']]);
    expect(host.map.applied.map((a) => a.id)).to.deep.equal(['one', 'two']);
    expect(host.map.applied[1]!.options).to.deep.equal({ instant: false, moveCamera: true });
    expect(host.reading.announcement).to.equal('Chapter two. Map two.');
    scrollToCard(0);
    await until(() => host.reading.active === 0, 5_000, 'back to chapter one');
    expect(enters.at(-1)).to.deep.include({ chapterId: 'one', direction: 'up' });
  });

  it('catches up with a jump past several cards once the scroll rests, entering only the card reached', async () => {
    await mountReading();
    scrollToCard(0);
    await until(() => host.reading.active === 0, 5_000, 'chapter one');
    const enters = collect<ChapterDetail>('map-story-chapter-enter');
    // One jump from the first card to inside the fourth: scrollama may or may not see it.
    scrollToCard(3, 20);
    await until(() => host.reading.active === 3, 5_000, 'chapter four');
    expect(enters.map((e) => e.chapterId)).to.deep.equal(['four']);
  });

  it('goTo and keys move between chapters; the hash follows and opens a chapter', async () => {
    await mountReading({ hash: true });
    host.reading.goTo('three', { smooth: false });
    expect(host.reading.active).to.equal(2);
    expect(host.map.applied.at(-1)).to.deep.equal({ id: 'three', options: { instant: true, moveCamera: true } });
    expect(location.hash).to.equal('#three');
    const card = host.cards[2]!;
    const r = card.getBoundingClientRect();
    expect(r.top + CARD / 2).to.be.closeTo(TRIGGER.wide * innerHeight, 2);
    card.focus();
    card.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await until(() => host.reading.active === 4, 5_000, 'the last chapter');
    expect(host.shadowRoot!.activeElement).to.equal(host.cards[4]);
    host.cards[4]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true, composed: true }));
    await until(() => host.reading.active === 3, 5_000, 'the chapter before');
    await onLine(3);
    expect(host.reading.opening(host.loaded!)).to.equal(3); // #four, followed by the URL
    history.replaceState(null, '', '#%E0%A4%A'); // not valid percent-encoding
    expect(host.reading.opening(host.loaded!)).to.equal(0);
  });

  it('fires progress through the active chapter, from 0 at its top towards 1 at the next card', async () => {
    await mountReading();
    const progress = collect<ProgressDetail>('map-story-progress');
    scrollToCard(1, 1);
    await until(() => host.reading.active === 1, 5_000, 'chapter two');
    await until(() => progress.some((p) => p.chapterId === 'two'), 5_000, 'progress');
    const start = progress.filter((p) => p.chapterId === 'two').at(-1)!.progress;
    scrollToCard(1, 1 + (CARD + GAP) / 2);
    await until(() => progress.at(-1)!.progress > start + 0.3, 5_000, 'progress half-way');
    expect(progress.at(-1)!.progress).to.be.closeTo(0.5, 0.02);
  });
});
