// Safe, robust, hostile pages: XSS corpus, fuzzing, no WebGL, lifecycle, many maps, strict CSP.
import { expect } from 'chai';
import fc from 'fast-check';
import { executeServerCommand } from '@web/test-runner-commands';
import type { MapStory } from '../src/map-story.js';
import { loadJson, mount, nextEvent, readPixels, settled, sleep, trackWebGLContexts, unmountAll, until, asStory } from './helpers.js';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

const TRAP = 'window.__pwned=1';
const htmlVectors = [
  `<script>${TRAP}</script>`,
  `<img src=x onerror="${TRAP}">`,
  `<svg onload="${TRAP}">`,
  `<svg><script>${TRAP}</script></svg>`,
  `<iframe src="javascript:parent.__pwned=1"></iframe>`,
  `<a href="javascript:${TRAP}">link</a>`,
  `<a href="JaVaScRiPt:${TRAP}">link</a>`,
  `<a href="&#106;avascript:${TRAP}">link</a>`,
  `<a href="java&#x09;script:${TRAP}">link</a>`,
  `<a href=" javascript:${TRAP}">link</a>`,
  `<body onload="${TRAP}">`,
  `<details open ontoggle="${TRAP}">x</details>`,
  `<input autofocus onfocus="${TRAP}">`,
  `<video><source onerror="${TRAP}"></video>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${TRAP}">`,
  `<noscript><p title="</noscript><img src=x onerror=${TRAP}>">`,
  `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${TRAP}>`,
  `<svg><style><img src=x onerror=${TRAP}></style></svg>`,
  `<object data="javascript:${TRAP}"></object>`,
  `<embed src="javascript:${TRAP}">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${TRAP}">`,
  `<style>@import "javascript:${TRAP}"</style>`,
  `<div style="background:url(javascript:${TRAP})">x</div>`,
  `<p onclick="${TRAP}">click</p>`,
  `<marquee onstart="${TRAP}">x</marquee>`,
  `"><img src=x onerror=${TRAP}>`,
  `'><svg/onload=${TRAP}>`,
  `</script><script>${TRAP}</script>`,
  `<template><img src=x onerror=${TRAP}></template>`,
  `<base href="javascript:${TRAP}//">`,
  `<a href="data:text/html,<script>parent.__pwned=1</script>">link</a>`,
  `<a href="vbscript:msgbox(1)">link</a>`,
  `<img srcset="x 1x" onerror="${TRAP}">`,
  `<svg><a xlink:href="javascript:${TRAP}"><text>x</text></a></svg>`,
  `<math href="javascript:${TRAP}">x</math>`,
  `<select autofocus onfocus=${TRAP}></select>`,
  `<textarea autofocus onfocus=${TRAP}></textarea>`,
  `{{constructor.constructor('${TRAP}')()}}`,
  `<img src="x" onerror="&#119;indow.__pwned=1">`,
  `<svg><animate onbegin=${TRAP} attributeName=x dur=1s>`,
  `<a href="#" onmouseover="${TRAP}">hover</a>`,
  `<xss id=x tabindex=1 onfocusin=${TRAP}></xss>`,
];
const urlVectors = [
  `javascript:${TRAP}`,
  `JAVASCRIPT:${TRAP}`,
  ` javascript:${TRAP}`,
  `java\tscript:${TRAP}`,
  `data:text/html,<script>parent.__pwned=1</script>`,
  `vbscript:msgbox(1)`,
];

/** A story with `text` in every text field and `url` in every URL field. */
function hostileStory(text: string, url?: string): object {
  return {
    version: 1,
    title: text,
    subtitle: text,
    byline: text,
    date: text,
    map: { attribution: text },
    sources: { pts: { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, attribution: text } },
    layers: [{ id: 'pts', type: 'circle', source: 'pts' }],
    credits: [{ text, ...(url ? { url } : {}) }],
    chapters: [
      {
        id: 'one',
        title: text,
        date: text,
        body: text,
        mapDescription: text,
        camera: { center: [10, 50], zoom: 4 },
        transition: { type: 'jump' },
        media: { src: url ?? 'photo.jpg', alt: text, caption: text, credit: text },
        markers: [{ coordinates: [10, 50], label: text, name: text }],
        // A hostile colour would make the whole story invalid (it is refused at validation:
        // hardening-unit.test.ts), and the corpus is about text that renders.
        legend: [{ label: text, color: '#c00' }],
      },
    ],
  };
}

function assertInert(el: MapStory): void {
  for (const node of el.shadowRoot!.querySelectorAll('*')) {
    for (const attr of node.getAttributeNames()) {
      expect(attr.toLowerCase().startsWith('on'), `<${node.localName} ${attr}>`).to.equal(false);
    }
    for (const attr of ['href', 'src', 'data', 'action', 'formaction', 'xlink:href']) {
      const value = node.getAttribute(attr)?.replace(/[\s\u0000-\u001f]/g, '').toLowerCase() ?? '';
      expect(/^(javascript|vbscript|data:text\/html)/.test(value), `<${node.localName} ${attr}="${value}">`).to.equal(false);
    }
    expect(['script', 'iframe', 'object', 'embed', 'base', 'meta', 'style', 'template'].includes(node.localName) && node.closest('.text') !== null, `<${node.localName}> in the text`).to.equal(false);
  }
}

describe('untrusted stories', () => {
  afterEach(() => {
    unmountAll();
    delete window.__pwned;
  });

  // The corpus in parts of a few vectors each: every part is a test of its own, so a busy
  // machine makes the run longer, never one test longer than its budget.
  const PART = 7;
  for (let from = 0; from < htmlVectors.length; from += PART) {
    const part = htmlVectors.slice(from, from + PART);
    it(`the XSS corpus, text vectors ${from + 1}-${from + part.length} of ${htmlVectors.length} (with ${urlVectors.length} URL vectors, in every text and URL field) never runs`, async () => {
      expect(htmlVectors.length + urlVectors.length).to.be.at.least(40);
      const el = mount((e) => (e.mapMargin = '100%'));
      let checked = 0;
      for (const [j, vector] of part.entries()) {
        for (const url of [undefined, urlVectors[(from + j) % urlVectors.length]]) {
          const settledStory = Promise.race([nextEvent(el, 'map-story-ready', 20_000), nextEvent(el, 'map-story-error', 20_000)]);
          el.story = asStory(hostileStory(vector, url));
          await settledStory.catch(() => {});
          await el.updateComplete;
          // Give image errors, focus and animation handlers a chance to fire.
          for (const node of el.shadowRoot!.querySelectorAll<HTMLElement>('.text *')) {
            node.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
            if (node.localName !== 'a') node.click();
          }
          await sleep(30);
          assertInert(el);
          const attribution = el.shadowRoot!.querySelector('.maplibregl-ctrl-attrib');
          if (attribution) expect(attribution.innerHTML).to.not.match(/<(img|script|svg|iframe)|on\w+=|javascript:/i);
          checked++;
        }
      }
      await sleep(300);
      expect(window.__pwned, 'the trap fired').to.equal(undefined);
      expect(checked).to.equal(part.length * 2);
    });
  }

  it('links in story text open safely (rel="noopener noreferrer")', async () => {
    const el = mount((e) => (e.story = asStory(hostileStory('<p>See <a href="https://example.org/x">this</a>.</p>'))));
    await until(() => !!el.shadowRoot!.querySelector('.body a'));
    const a = el.shadowRoot!.querySelector('.body a')!;
    expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(a.getAttribute('href')).to.equal('https://example.org/x');
  });

  it('fuzz: any JSON gives a rendered story or an error panel, never an exception', async () => {
    const el = mount((e) => (e.mapMargin = '-100000px')); // text only: no maps while fuzzing
    const valid = await loadJson('test-story.json');
    const mutated = fc.tuple(fc.constantFrom(...Object.keys(valid), 'chapters.0', 'chapters.0.camera', 'layers.0'), fc.jsonValue()).map(([key, value]) => {
      const copy = structuredClone(valid);
      const path = key.split('.');
      let target: any = copy;
      for (const k of path.slice(0, -1)) target = target[k];
      target[path[path.length - 1]!] = value;
      return copy;
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), mutated), async (value) => {
        el.story = value ?? 'null';
        await until(() => {
          const root = el.shadowRoot!;
          return !!(root.querySelector('.errors') || root.querySelector('h1')) && !root.querySelector('[role="status"].card');
        }, 5000, 'a story or an error panel');
      }),
      { numRuns: 150 },
    );
  });
});

describe('hostile environments', () => {
  afterEach(unmountAll);

  it('without WebGL the story is a readable article with a notice, and an error is fired', async () => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      if (/webgl/.test(type)) return null;
      return (original as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
    } as typeof original;
    try {
      const story = await loadJson('test-story.json');
      story.chapters[0].media = { src: '/test/fixtures/pixel.png', alt: 'A test image' };
      let error!: Promise<CustomEvent>;
      const el = mount((e) => {
        error = nextEvent(e, 'map-story-error', 20_000);
        e.story = story;
      });
      const { detail } = await error;
      expect(detail.code).to.equal('map-failed');
      await el.updateComplete;
      const root = el.shadowRoot!;
      expect(root.querySelector('h1')!.textContent).to.equal('Test story');
      expect(root.querySelectorAll('.chapter').length).to.equal(5);
      expect(root.querySelector('.chapter img')!.getAttribute('alt')).to.equal('A test image');
      expect(root.querySelector('[part="map-status"]')!.textContent).to.contain('without the map');
    } finally {
      HTMLCanvasElement.prototype.getContext = original;
    }
  });

  it('moving the element in the DOM keeps it working', async () => {
    const story = await loadJson('test-story.json');
    let ready!: Promise<unknown>;
    const el = mount((e) => {
      ready = nextEvent(e, 'map-story-ready', 20_000);
      e.story = story;
    });
    await ready;
    const other = document.createElement('section');
    document.body.prepend(other);
    const again = nextEvent(el, 'map-story-ready', 20_000);
    other.append(el); // disconnect + connect
    await again;
    expect(el.map).to.not.equal(undefined);
    expect(el.shadowRoot!.querySelectorAll('.chapter').length).to.equal(5);
    other.remove();
  });

  it('a page with 20 stories: every map renders in view, without exhausting WebGL contexts', async function () {
    // Twenty maps, each awaited on its own condition (20 s each): the test's budget follows.
    this.timeout(20 * 30_000);
    await executeServerCommand('console-log-start');
    const contexts = trackWebGLContexts();
    try {
      const base = await loadJson('test-story.json');
      const els: MapStory[] = [];
      for (let i = 0; i < 20; i++) {
        const story = structuredClone(base);
        story.title = `Story ${i + 1}`;
        story.chapters = story.chapters.slice(0, 2);
        story.chapters[0].camera.center = [25 + i, 36]; // along the coasts of the eastern Mediterranean: land and sea in every view
        els.push(mount((e) => (e.story = story), { after: '<div style="height:50vh"></div>' }));
      }
      let maxLive = 0;
      for (const [i, el] of els.entries()) {
        el.scrollIntoView({ block: 'start', behavior: 'instant' });
        await until(() => !!el.map && el.map.loaded(), 20_000, `map ${i + 1}`);
        await settled(el.map!);
        const image = await readPixels(el.map!);
        const colours = new Set<string>();
        for (let p = 0; p < image.data.length; p += 4 * 211) colours.add(image.data.slice(p, p + 3).join());
        expect(colours.size, `map ${i + 1} is not blank`).to.be.greaterThan(1);
        maxLive = Math.max(maxLive, contexts.live());
      }
      const logs = await executeServerCommand<string[], undefined>('console-log');
      console.log(`most live WebGL contexts at once: ${maxLive}`);
      expect(logs.filter((l) => /too many active webgl contexts/i.test(l))).to.deep.equal([]);
      expect(maxLive).to.be.lessThan(10);
    } finally {
      contexts.restore();
    }
  });

  it('works under a strict Content-Security-Policy (no unsafe-inline, no unsafe-eval)', async () => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width:1000px;height:700px;border:0';
    const messages: Record<string, unknown>[] = [];
    const got = new Promise<void>((resolve) => {
      window.addEventListener('message', function listen(e) {
        if (!e.data?.csp) return;
        messages.push(e.data);
        if (e.data.ready || e.data.error) {
          window.removeEventListener('message', listen);
          resolve();
        }
      });
    });
    frame.src = new URL('./csp/csp-page.html', import.meta.url).href;
    document.body.append(frame);
    try {
      await Promise.race([got, sleep(30_000)]);
      const response = await fetch(frame.src);
      expect(response.headers.get('content-security-policy')).to.contain("script-src 'self'");
      expect(messages.filter((m) => m.violation), 'CSP violations').to.deep.equal([]);
      const ready = messages.find((m) => m.ready) as { colours: number; title: string; tiles: number } | undefined;
      expect(ready, JSON.stringify(messages)).to.not.equal(undefined);
      expect(ready!.title).to.equal('Consumer check');
      expect(ready!.colours).to.be.greaterThan(1);
      expect(ready!.tiles, 'basemap tile modules loaded under the policy').to.be.greaterThan(0);
    } finally {
      frame.remove();
    }
  });

  it('story text in a right-to-left language is laid out right to left', async () => {
    const story = await loadJson('other-story.json');
    story.lang = 'ar';
    story.dir = 'rtl';
    story.title = 'قصة على الخريطة';
    const el = mount((e) => (e.story = story));
    await until(() => !!el.shadowRoot!.querySelector('h1'));
    const root = el.shadowRoot!.querySelector('.root')!;
    expect(root.getAttribute('lang')).to.equal('ar');
    expect(getComputedStyle(el.shadowRoot!.querySelector('h1')!).direction).to.equal('rtl');
  });
});
