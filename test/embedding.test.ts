// Embedding in real pages: a story set by a later script, an inline story streamed after the
// element upgraded, and a skip link that stays hidden wherever the element sits.
import { expect } from 'chai';
import { fixture, loadJson, mount, nextEvent, unmountAll, until } from './helpers.js';

interface Report {
  type: string;
  title?: string;
  code?: string;
  panel: boolean;
}

/** Opens a page of test/embedding/ in a frame; resolves with its reports once it is ready. */
async function openPage(name: string): Promise<Report[]> {
  const reports: Report[] = [];
  const listen = (e: MessageEvent) => {
    if (e.data?.embedding) reports.push(e.data);
  };
  window.addEventListener('message', listen);
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:900px;height:600px;border:0';
  frame.src = new URL(`./embedding/${name}`, import.meta.url).href;
  document.body.append(frame);
  try {
    await until(() => reports.some((r) => r.type === 'map-story-ready'), 30_000, `${name}: map-story-ready`);
    return reports;
  } finally {
    window.removeEventListener('message', listen);
    frame.remove();
  }
}

describe('embedding', () => {
  afterEach(unmountAll);

  it('a story set by a later script shows no error and fires no event before it', async () => {
    const reports = await openPage('later-story.html');
    expect(reports.map((r) => `${r.type} ${r.title ?? r.code}`)).to.deep.equal(['map-story-ready Set later']);
  });

  it('an inline story that arrives after the element upgraded is read', async () => {
    const reports = await openPage('streamed.html');
    expect(reports.map((r) => `${r.type} ${r.title ?? r.code}`)).to.deep.equal(['map-story-ready Streamed']);
  });

  it('an inline story added to a loaded page replaces "no story"', async () => {
    const el = mount();
    await nextEvent(el, 'map-story-error', 10_000, (e) => e.detail.code === 'no-story');
    const ready = nextEvent(el, 'map-story-ready');
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(await loadJson('test-story.json'));
    el.append(script);
    expect((await ready).detail.title).to.equal('Test story');
  });

  it('the skip link is invisible until focused, with the element below other content', async () => {
    const el = mount((e) => (e.src = fixture('test-story.json')), { before: '<div style="height:1500px">Host page content</div>' });
    await nextEvent(el, 'map-story-ready');
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part="skip-link"]')!;
    const area = (r: DOMRect) => r.width * r.height;
    expect(area(link.getBoundingClientRect()), 'unfocused link paints nothing').to.be.at.most(1);
    link.focus();
    const shown = link.getBoundingClientRect();
    const host = el.getBoundingClientRect();
    expect(area(shown), 'focused link is visible').to.be.greaterThan(100);
    expect(shown.top, 'inside the element, not over the host page').to.be.at.least(host.top);
  });
});
