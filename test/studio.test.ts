// The studio (demo/studio.html): live preview, errors in place, camera capture, Mapbox import.
import { expect } from 'chai';
import { until, sleep } from './helpers.js';

interface Studio {
  editor: { state: { doc: { toString(): string; length: number } }; dispatch(t: object): void };
  openText(text: string, name: string): void;
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
});
