// StoryLoader, directly: which source wins, that each outcome is reported once, and that a load
// whose arguments did not change is not run again.
import { expect } from 'chai';
import { LitElement, html } from 'lit';
import { StoryLoader } from '../src/source/story-loader.js';
import { until } from './helpers.js';

const story = (title: string) => ({ version: 1, title, chapters: [{ id: 'a', camera: { center: [0, 0], zoom: 2 } }] });

class LoaderHost extends LitElement {
  static override properties = { story: { attribute: false }, src: {}, base: {} };
  declare story: unknown;
  declare src: string | undefined;
  declare base: string | undefined;
  readonly loader = new StoryLoader(this, () => 5_000);
  renders = 0;
  override render() {
    this.renders++;
    return html`${this.loader.loaded?.story.title ?? ''}`;
  }
}
customElements.define('loader-host', LoaderHost);

function host(setup: (h: LoaderHost) => void, inline?: string): LoaderHost {
  const h = document.createElement('loader-host') as LoaderHost;
  if (inline !== undefined) h.innerHTML = `<script type="application/json">${inline}</script>`;
  setup(h);
  document.body.append(h);
  return h;
}

describe('StoryLoader', () => {
  afterEach(() => document.querySelectorAll('loader-host').forEach((h) => h.remove()));

  it('loads the property before src and src before the inline script', async () => {
    const h = host((h) => {
      h.story = story('from the property');
      h.src = '/test/fixtures/motion-story.json';
    }, JSON.stringify(story('inline')));
    await until(() => !!h.loader.loaded);
    expect(h.loader.loaded!.story.title).to.equal('from the property');
    h.story = undefined;
    await until(() => h.loader.loaded?.story.title !== 'from the property');
    expect(h.loader.loaded!.file).to.contain('motion-story.json');
    h.src = undefined;
    await until(() => h.loader.loaded?.story.title === 'inline');
  });

  it('reports each result once, and a failed load as problems with the file', async () => {
    const h = host((h) => (h.src = '/test/fixtures/does-not-exist.json'));
    await until(() => !!h.loader.result);
    const first = h.loader.news();
    expect(first.result?.ok).to.equal(false);
    if (first.result && !first.result.ok) {
      expect(first.result.problems[0]!.code).to.equal('fetch-failed');
      expect(first.result.file).to.contain('does-not-exist.json');
    }
    expect(h.loader.news(), 'the same result again').to.deep.equal({});
    h.story = story('fixed');
    await until(() => h.loader.loaded?.story.title === 'fixed');
    expect(h.loader.news().result?.ok).to.equal(true);
    expect(h.loader.news()).to.deep.equal({});
  });

  it('is pending while a load runs, and does not load again when nothing it reads changed', async () => {
    let fetches = 0;
    const original = window.fetch;
    window.fetch = (...args: Parameters<typeof fetch>) => {
      fetches++;
      return original(...args);
    };
    try {
      const h = host((h) => (h.src = '/test/fixtures/motion-story.json'));
      await h.updateComplete;
      expect(h.loader.pending).to.equal(true);
      await until(() => !!h.loader.loaded);
      expect(h.loader.pending).to.equal(false);
      const before = fetches;
      h.requestUpdate();
      await h.updateComplete;
      h.base = undefined; // the same value
      await h.updateComplete;
      expect(fetches - before, 'fetches for updates that changed nothing').to.equal(0);
    } finally {
      window.fetch = original;
    }
  });

  it('says nothing while the page is loading and no story is given', async () => {
    const h = host(() => {});
    await h.updateComplete;
    // The test page has loaded: no story is then a problem ("no-story").
    await until(() => !!h.loader.result);
    const { result } = h.loader.news();
    expect(result?.ok).to.equal(false);
    if (result && !result.ok) expect(result.problems[0]!.code).to.equal('no-story');
  });
});
