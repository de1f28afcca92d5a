// Accessibility: axe-core on the demo pages and on the element in both themes; outline; names.
import { expect } from 'chai';
import type { MapStory } from '../src/map-story.js';
import { mount, nextEvent, unmountAll, until } from './helpers.js';

interface AxeResults { violations: { id: string; impact: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }
type Axe = { run: (context: unknown, options?: object) => Promise<AxeResults> };

async function loadAxe(win: Window): Promise<Axe> {
  const w = win as Window & { axe?: Axe };
  if (w.axe) return w.axe;
  await new Promise<void>((resolve, reject) => {
    const script = win.document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('axe-core did not load'));
    win.document.head.append(script);
  });
  return w.axe!;
}

function report(results: AxeResults): string[] {
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Opens a page in a 1280x800 frame, waits for its stories, and runs axe there. */
async function axePage(path: string): Promise<string[]> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:1280px;height:800px;border:0';
  frame.src = path;
  document.body.append(frame);
  try {
    await new Promise((r) => frame.addEventListener('load', r, { once: true }));
    const win = frame.contentWindow!;
    await until(() => {
      const stories = [...win.document.querySelectorAll('map-story')] as (HTMLElement & { map?: { loaded(): boolean } })[];
      return stories.every((s) => s.shadowRoot?.querySelector('h1, .errors'));
    }, 20_000, `${path} to render`);
    const axe = await loadAxe(win);
    return report(await axe.run(win.document, { resultTypes: ['violations'] }));
  } finally {
    frame.remove();
  }
}

describe('accessibility', () => {
  afterEach(unmountAll);

  for (const page of ['/demo/index.html', '/demo/read.html?story=tartus-withdrawal', '/demo/tartus.html', '/demo/read.html?story=feature-tour', '/demo/studio.html']) {
    it(`${page} has no axe violations`, async () => {
      expect(await axePage(page)).to.deep.equal([]);
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`the Tartus story has no axe violations in the ${theme} theme (contrast included)`, async () => {
      let ready!: Promise<unknown>;
      const el = mount((e) => {
        ready = nextEvent(e, 'map-story-ready', 30_000);
        e.theme = theme;
        e.src = '/stories/tartus-withdrawal.json';
      });
      await ready;
      const axe = await loadAxe(window);
      expect(report(await axe.run(el, { resultTypes: ['violations'] }))).to.deep.equal([]);
    });
  }

  it('the error panel has no axe violations', async () => {
    let error!: Promise<unknown>;
    const el = mount((e) => {
      error = nextEvent(e, 'map-story-error');
      e.story = { version: 1, title: 'x', chapters: [{ id: '1', camera: { zoom: 40 } }] };
    });
    await error;
    await el.updateComplete;
    const axe = await loadAxe(window);
    expect(report(await axe.run(el, { resultTypes: ['violations'] }))).to.deep.equal([]);
  });

  /** The Tartus story as JSON (`src`) or as the HTML page (chapters in <map-chapter>, in a frame). */
  async function tartus(source: 'json' | 'html'): Promise<{ el: MapStory; done: () => void }> {
    if (source === 'json') {
      let ready!: Promise<unknown>;
      const el = mount((e) => {
        ready = nextEvent(e, 'map-story-ready', 30_000);
        e.src = '/stories/tartus-withdrawal.json';
      });
      await ready;
      return { el, done: () => {} };
    }
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width:1280px;height:800px;border:0';
    frame.src = '/demo/tartus.html';
    document.body.append(frame);
    await until(() => !!(frame.contentDocument?.querySelector('map-story') as MapStory | null)?.map, 30_000, 'the HTML story and its map');
    return { el: frame.contentDocument!.querySelector('map-story') as MapStory, done: () => frame.remove() };
  }

  for (const source of ['json', 'html'] as const) {
    it(`has a real outline, a named map, and announces chapters politely (${source} chapters)`, async () => {
      const { el, done } = await tartus(source);
      try {
        const root = el.shadowRoot!;
        expect(root.querySelectorAll('h1').length).to.equal(1);
        // The page's own title and credits (for readers without JavaScript) are not rendered next to the component's.
        for (const e of el.querySelectorAll(':scope > header, :scope > footer')) expect(e.getClientRects().length, e.localName).to.equal(0);
        // Every chapter has its heading: in the card (JSON) or in its <map-chapter> (HTML).
        expect(root.querySelectorAll('.chapter h2').length + el.querySelectorAll('map-chapter h2').length).to.equal(14);
        const region = root.querySelector('[part="map"]')!;
        expect(region.getAttribute('role')).to.equal('region');
        expect(region.getAttribute('aria-label')).to.contain('Russia');
        const live = root.querySelector('[aria-live="polite"]')!;
        root.querySelector<HTMLElement>('#chapter-baltic')!.scrollIntoView({ block: 'center', behavior: 'instant' });
        await until(() => /Out of the Baltic/.test(live.textContent ?? ''), 10_000, 'the announcement');
        expect(live.textContent).to.contain('estimated sea route');
      } finally {
        done();
      }
    });
  }
});
