// Lines drawn by scrolling: the measured line (src/motion/line-progress.ts), and the drawn part
// and head marker on the map as the reader scrolls through a chapter.
import { expect } from 'chai';
import { emulateMedia } from '@web/test-runner-commands';
import { MeasuredLine } from '../src/motion/line-progress.js';
import { anchors, frames, mountMotion, scrollToX, settled, unmountAll, until } from './helpers.js';

describe('line progress (unit)', () => {
  it('measures lines like line-progress (Web Mercator length)', () => {
    const line = new MeasuredLine([[0, 0], [10, 0], [20, 0]]);
    expect(line.pointAt(0)).to.deep.equal([0, 0]);
    expect(line.pointAt(0.5)[0]).to.be.closeTo(10, 1e-9);
    expect(line.pointAt(1)[0]).to.be.closeTo(20, 1e-9);
  });
});

describe('scroll-driven motion', () => {
  afterEach(async () => {
    unmountAll();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('draws the progress line in proportion to scroll progress, complete at the chapter\'s end', async () => {
    const { el, map } = await mountMotion();
    const host = el.getBoundingClientRect().top;
    const top = el.shadowRoot!.querySelector<HTMLElement>('#chapter-b')!.getBoundingClientRect().top - host;
    const end = el.shadowRoot!.querySelector<HTMLElement>('#chapter-c')!.getBoundingClientRect().top - host;
    const r = { height: end - top };
    const drawn = () => {
      // ['interpolate', ['linear'], ['line-progress'], stop, colour, stop, colour...]: the drawn
      // fraction is where the first transparent stop begins.
      const g = map.getPaintProperty('line', 'line-gradient') as unknown[];
      const stops = g.slice(3);
      const none = stops.findIndex((v, i) => i % 2 === 1 && v === 'rgba(0,0,0,0)');
      if (none < 0) return 1;
      return none === 1 ? 0 : (stops[none - 3] as number);
    };
    const values: number[] = [];
    for (const f of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      scrollToX(el, top + r.height * f);
      await frames(3);
      values.push(drawn());
    }
    for (let i = 1; i < values.length; i++) expect(values[i]!).to.be.greaterThan(values[i - 1]!);
    expect(values[2]).to.be.closeTo(0.5, 0.02);
    scrollToX(el, top + r.height + 5);
    await frames(3);
    expect(drawn()).to.equal(1);
    scrollToX(el, top - 5);
    await frames(3);
    expect(drawn()).to.equal(0);
  });

  it('moves the head marker with the end of the drawn line, sending no data while scrolling', async () => {
    const { el, map, story } = await mountMotion();
    const HEAD = 'map-story-progress-head';
    const host = el.getBoundingClientRect().top;
    const top = el.shadowRoot!.querySelector<HTMLElement>('#chapter-b')!.getBoundingClientRect().top - host;
    const end = el.shadowRoot!.querySelector<HTMLElement>('#chapter-c')!.getBoundingClientRect().top - host;
    const line = new MeasuredLine(story.sources.line.data.geometry.coordinates);
    /** The head features shown (feature state `on`), by id. */
    const lit = () => {
      const shown = new Map<unknown, [number, number]>();
      for (const f of map.querySourceFeatures(HEAD)) {
        if (map.getFeatureState({ source: HEAD, id: f.id! })['on']) shown.set(f.id, (f.geometry as GeoJSON.Point).coordinates as [number, number]);
      }
      return [...shown.values()];
    };
    scrollToX(el, anchors(el)[0]!);
    await until(() => el.chapterIndex === 0);
    scrollToX(el, anchors(el)[1]!);
    await until(() => el.chapterIndex === 1);
    await until(() => lit().length === 1, 5000, 'the head marker');
    const source = map.getSource(HEAD) as unknown as { setData: (d: unknown) => unknown };
    let sent = 0;
    const setData = source.setData.bind(source);
    source.setData = (d: unknown) => { sent++; return setData(d); };
    for (const f of [0.35, 0.5, 0.65, 0.8]) {
      scrollToX(el, top + (end - top) * f);
      await frames(3);
      await settled(map);
      const heads = lit();
      expect(heads.length, `heads at ${f}`).to.equal(1);
      const [lng, lat] = line.pointAt(f);
      expect(heads[0]![0], `head longitude at ${f}`).to.be.closeTo(lng, 0.05);
      expect(heads[0]![1], `head latitude at ${f}`).to.be.closeTo(lat, 0.05);
    }
    expect(sent, 'data sent to the head source while scrolling').to.equal(0);
    expect(map.getLayoutProperty(HEAD, 'visibility')).to.equal('visible');
    scrollToX(el, end + 5); // complete: no head
    await frames(3);
    expect(lit().length).to.equal(0);
    expect(map.getLayoutProperty(HEAD, 'visibility'), 'hidden when no line has a head').to.equal('none');
  });
});
