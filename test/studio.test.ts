// The studio (demo/studio.html): live preview, errors in place, camera capture, Mapbox import,
// export as HTML and reading it back.
import { expect } from 'chai';
import { until, sleep } from './helpers.js';

interface Studio {
  editor: { state: { doc: { toString(): string; length: number } }; dispatch(t: object): void };
  openText(text: string, name: string): void | Promise<void>;
  setText(text: string): void;
  exportHtml(): Promise<string | undefined>;
}

async function openStudio(): Promise<{ frame: HTMLIFrameElement; win: Window & { studio: Studio; __marker?: number }; el: any }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:1280px;height:800px;border:0';
  frame.src = '/demo/studio.html?story=feature-tour';
  document.body.append(frame);
  await new Promise((r) => frame.addEventListener('load', r, { once: true }));
  const win = frame.contentWindow as Window & { studio: Studio; __marker?: number };
  await until(() => !!win.studio, 20_000, 'the studio');
  const el = win.document.querySelector('map-story') as any;
  await until(() => !!el.map?.loaded(), 20_000, 'the preview map');
  win.__marker = 42; // survives only if the page is never reloaded
  return { frame, win, el };
}

/** Drops a file on the studio, as an author would. */
function dropFile(win: Window, text: string, name: string, type: string): void {
  const transfer = new (win as any).DataTransfer();
  transfer.items.add(new (win as any).File([text], name, { type }));
  win.document.dispatchEvent(new (win as any).DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
}

const editorJson = (studio: Studio) => {
  try {
    return JSON.parse(studio.editor.state.doc.toString());
  } catch {
    return undefined;
  }
};

/** A body in HTML that is only plain paragraphs, as plain text (paragraphs at blank lines); else undefined. */
function plainParagraphs(body: string): string | undefined {
  if (!/<[a-zA-Z!/]/.test(body)) return undefined;
  const template = document.createElement('template');
  template.innerHTML = body;
  const nodes = [...template.content.childNodes].filter((n) => n.nodeType === Node.ELEMENT_NODE || n.textContent!.trim());
  if (!nodes.every((n) => n instanceof HTMLParagraphElement && n.children.length === 0 && n.attributes.length === 0)) return undefined;
  return nodes.map((p) => p.textContent!.replace(/\s+/g, ' ').trim()).join('\n\n');
}

function replaceInEditor(studio: Studio, find: string, replace: string): void {
  const text = studio.editor.state.doc.toString();
  const from = text.indexOf(find);
  if (from < 0) throw new Error(`"${find}" not in the editor`);
  studio.editor.dispatch({ changes: { from, to: from + find.length, insert: replace } });
}

describe('studio', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('an edit to a chapter title shows in the story without a reload, keeping the chapter', async () => {
    const s = await openStudio();
    frame = s.frame;
    s.el.goTo(2, { smooth: false });
    await until(() => s.el.chapterIndex === 2);
    replaceInEditor(s.win.studio, '"title": "Full-width cards"', '"title": "Cards as wide as the page"');
    await until(() => s.el.shadowRoot.querySelector('#chapter-full-width h2')?.textContent === 'Cards as wide as the page', 10_000, 'the new title');
    await sleep(300);
    expect(s.win.__marker).to.equal(42);
    expect(s.el.chapterIndex).to.equal(2);
  });

  it('a syntax error shows its line, clickable, and the last valid story keeps showing', async () => {
    const s = await openStudio();
    frame = s.frame;
    replaceInEditor(s.win.studio, '"title": "Centred cards",', '"title": "Centred cards"');
    const problems = s.win.document.querySelector('#problems')!;
    await until(() => /Line \d+/.test(problems.textContent ?? ''), 10_000, 'the problem');
    const line = Number(/Line (\d+)/.exec(problems.textContent!)![1]);
    const text = s.win.studio.editor.state.doc.toString();
    const expected = text.split('\n').findIndex((l) => l.includes('"title": "Centred cards"')) + 2; // the next line is where JSON breaks
    expect(line).to.equal(expected);
    expect(s.el.shadowRoot.querySelector('#chapter-center-card h2').textContent).to.equal('Centred cards');
    expect(s.el.shadowRoot.querySelector('.errors')).to.equal(null);
    (problems.querySelector('button') as HTMLButtonElement).click();
    const editorView = s.win.studio.editor as unknown as { state: { selection: { main: { head: number } }; doc: { lineAt(p: number): { number: number } } } };
    expect(editorView.state.doc.lineAt(editorView.state.selection.main.head).number).to.equal(line);
  });

  it('camera capture writes the current view into the current chapter', async () => {
    const s = await openStudio();
    frame = s.frame;
    s.el.goTo(1, { smooth: false });
    await until(() => s.el.chapterIndex === 1);
    const explore = s.el.shadowRoot.querySelector('[part="explore-button"]') as HTMLButtonElement;
    explore.click(); // unlock the map, as an author would
    s.el.map.jumpTo({ center: [12.34567, 41.98765], zoom: 9.876, pitch: 20, bearing: 10 });
    (s.win.document.querySelector('#capture') as HTMLButtonElement).click();
    await until(() => s.win.studio.editor.state.doc.toString().includes('12.3457'), 5000, 'the captured camera');
    const story = JSON.parse(s.win.studio.editor.state.doc.toString());
    expect(story.chapters[1].camera).to.deep.equal({ center: [12.3457, 41.9877], zoom: 9.88, pitch: 20, bearing: 10 });
    expect(story.chapters[0].camera.center).to.not.deep.equal([12.3457, 41.9877]);
  });

  it('dropping a Mapbox config.js produces a valid story in the editor and the preview', async () => {
    const s = await openStudio();
    frame = s.frame;
    const config = await (await fetch('/test/fixtures/mapbox/newsroom-layers.js')).text();
    const transfer = new (s.win as any).DataTransfer();
    transfer.items.add(new (s.win as any).File([config], 'config.js', { type: 'text/javascript' }));
    s.win.document.dispatchEvent(new (s.win as any).DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await until(() => s.el.shadowRoot.querySelector('h1')?.textContent === 'Where the river floods', 10_000, 'the imported story');
    const problems = s.win.document.querySelector('#problems')!.textContent!;
    expect(problems).to.contain('Converted from the Mapbox config config.js');
    expect(problems).to.contain('No problems');
    expect(JSON.parse(s.win.studio.editor.state.doc.toString()).version).to.equal(1);
  });

  it('exports the story as HTML and reads it back (dropped as a file): the same story, plain and HTML bodies, dates, media, map fields', async () => {
    const s = await openStudio();
    frame = s.frame;
    const problems = s.win.document.querySelector('#problems')!;
    for (const name of ['feature-tour', 'tartus-withdrawal']) {
      const original = await (await fetch(`/stories/${name}.json`)).json();
      s.win.studio.setText(`${JSON.stringify(original, null, 2)}\n`);
      await until(() => s.el.shadowRoot.querySelector('h1')?.textContent === original.title, 20_000, `the ${name} story`);
      const html = (await s.win.studio.exportHtml())!;
      expect(html, name).to.match(/^<map-story>\n  <script type="application\/json">/);
      const chapterTags = html.match(/<map-chapter id="[^"]*"/g) ?? [];
      expect(chapterTags, name).to.deep.equal(original.chapters.map((c: { id: string }) => `<map-chapter id="${c.id}"`));
      expect(html, 'the text is in the HTML').to.contain(`<h2>${original.chapters[1].title}</h2>`);

      s.win.studio.setText('{ "version": 1, "title": "Something else", "chapters": [] }\n');
      dropFile(s.win, html, `${name}.html`, 'text/html');
      await until(() => editorJson(s.win.studio)?.chapters?.length === original.chapters.length, 10_000, `the ${name} story read back`);
      const expected = structuredClone(original);
      // HTML that is only plain paragraphs (`<p>Text.</p>`) is written as the plain text is, and read back as plain text.
      for (const c of expected.chapters) if (typeof c.body === 'string') c.body = plainParagraphs(c.body) ?? c.body;
      expect(editorJson(s.win.studio), name).to.deep.equal(expected);
      await until(() => (problems.textContent ?? '').includes('No problems'), 10_000, 'the story read back, valid');
      expect(problems.textContent).to.contain(`Read ${original.chapters.length} chapters written in HTML from ${name}.html`);
      await until(() => s.el.shadowRoot.querySelector('h1')?.textContent === original.title, 20_000, 'the preview of the story read back');
    }
  });

  it('the Export as HTML button downloads the snippet as <story>.html', async () => {
    const s = await openStudio();
    frame = s.frame;
    const saved: { name: string; blob: Blob }[] = [];
    const win = s.win as any;
    const blobs = new Map<string, Blob>();
    win.URL.createObjectURL = (blob: Blob) => {
      const url = `blob:test-${blobs.size}`;
      blobs.set(url, blob);
      return url;
    };
    win.URL.revokeObjectURL = () => {};
    win.HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, blob: blobs.get(this.getAttribute('href')!)! });
    };
    (s.win.document.querySelector('#export-html') as HTMLButtonElement).click();
    await until(() => saved.length === 1, 5000, 'the download');
    expect(saved[0]!.name).to.equal('feature-tour.html');
    expect(saved[0]!.blob.type).to.equal('text/html');
    expect(await saved[0]!.blob.text()).to.equal(await s.win.studio.exportHtml());
    expect(s.win.document.querySelector('#state')!.textContent).to.equal('Exported as HTML: feature-tour.html');
  });

  it('an HTML file with a bad chapter attribute leaves the editor as it was and names the chapter and the attribute', async () => {
    const s = await openStudio();
    frame = s.frame;
    const before = s.win.studio.editor.state.doc.toString();
    const html = `<map-story>
  <script type="application/json">{"version": 1, "title": "Bad", "map": {"style": "embedded"}}</script>
  <map-chapter id="a" camera='{"center": [0, 0], "zoom": 2}'><h2>A</h2><p>First.</p></map-chapter>
  <map-chapter id="b" camera='{"center": [0, 0], "zoom": 2'><h2>B</h2><p>Second.</p></map-chapter>
</map-story>`;
    await s.win.studio.openText(html, 'bad.html');
    const problems = s.win.document.querySelector('#problems')!;
    await until(() => (problems.textContent ?? '').includes('<map-chapter id="b">'), 5000, 'the problem');
    expect(problems.textContent).to.contain('attribute camera');
    expect(s.win.studio.editor.state.doc.toString()).to.equal(before);

    // Paragraphs with markup become limited HTML (sanitised); plain ones plain text.
    await s.win.studio.openText(`<map-story><script type="application/json">{"version": 1, "title": "Mixed", "map": {"style": "embedded"}}</script>
  <map-chapter id="plain" camera='{"center": [0, 0], "zoom": 2}'><p class="date">1 May</p><h2>Plain</h2><p>One &amp; two.</p>
    <p>Three
    lines.</p></map-chapter>
  <map-chapter id="rich" camera='{"center": [1, 1], "zoom": 3}'><h3>Rich</h3><p>A <a href="https://example.com/" onclick="alert(1)">link</a>.</p><img src="x" onerror="alert(1)"></map-chapter>
</map-story>`, 'mixed.html');
    await until(() => editorJson(s.win.studio)?.title === 'Mixed', 5000, 'the mixed story');
    const [plain, rich] = editorJson(s.win.studio).chapters;
    expect(plain).to.deep.equal({ id: 'plain', date: '1 May', title: 'Plain', body: 'One & two.\n\nThree lines.', camera: { center: [0, 0], zoom: 2 } });
    expect(rich).to.deep.equal({ id: 'rich', title: 'Rich', body: '<p>A <a href="https://example.com/">link</a>.</p>', camera: { center: [1, 1], zoom: 3 } });
  });
});
