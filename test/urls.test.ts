// The URL policy for untrusted stories (src/story/urls.ts): which URLs a story may hold, and how
// the relative ones resolve against the story file.
import { expect } from 'chai';
import fc from 'fast-check';
import { isSafeUrl, resolveStoryUrl } from '../src/story/urls.js';

const STORY = 'https://example.org/stories/tartus.json';

describe('isSafeUrl', () => {
  it('allows http and https, in any case', () => {
    for (const url of ['http://example.org/a.json', 'https://example.org/a.json', 'HTTPS://EXAMPLE.ORG/', 'Http://x', 'https:relative-to-the-story'])
      expect(isSafeUrl(url), url).to.equal(true);
  });

  it('allows relative, root-relative and protocol-relative URLs (they resolve to the story\'s own scheme)', () => {
    for (const url of ['route.geojson', './route.geojson', '../data/route.geojson', '/tiles/{z}/{x}/{y}.pbf', '//cdn.example.org/a.png', '?v=2', '#top', '', 'a/b:c', 'data/route.geojson'])
      expect(isSafeUrl(url), JSON.stringify(url)).to.equal(true);
  });

  it('refuses every other scheme, in any case', () => {
    const refused = [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'DATA:image/svg+xml;base64,PHN2Zz4=',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'blob:https://example.org/0d3c',
      'mailto:someone@example.org',
      'ftp://example.org/a',
      'about:blank',
      'c:\\windows\\a.png',
      'foo+bar.baz-1:x',
    ];
    for (const url of refused) expect(isSafeUrl(url), url).to.equal(false);
  });

  it('refuses a scheme hidden by whitespace or control characters, which browsers strip', () => {
    const hidden = [
      ' javascript:alert(1)',
      '\tjavascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'java\rscript:alert(1)',
      'java script:alert(1)',
      '\u0000javascript:alert(1)',
      'jav\u0001ascript:alert(1)',
      'javascript\u007f:alert(1)',
      'java\u0085script:alert(1)',
      '\u001fdata:text/html,x',
    ];
    for (const url of hidden) expect(isSafeUrl(url), JSON.stringify(url)).to.equal(false);
  });

  it('allows pmtiles:// only when asked to (map styles and sources), in any case', () => {
    expect(isSafeUrl('pmtiles://https://example.org/a.pmtiles')).to.equal(false);
    expect(isSafeUrl('pmtiles://https://example.org/a.pmtiles', { pmtiles: false })).to.equal(false);
    expect(isSafeUrl('pmtiles://https://example.org/a.pmtiles', { pmtiles: true })).to.equal(true);
    expect(isSafeUrl('PMTiles://a.pmtiles', { pmtiles: true })).to.equal(true);
    expect(isSafeUrl('javascript:alert(1)', { pmtiles: true }), 'the option allows pmtiles, nothing else').to.equal(false);
  });

  it('whatever it allows resolves, against an https story, to http(s) (or pmtiles when allowed)', () => {
    // URLs assembled from the pieces that make schemes tricky: letters of dangerous schemes,
    // colons, slashes, whitespace and control characters, non-ASCII look-alikes.
    const piece = fc.constantFrom(
      'javascript', 'java', 'script', 'data', 'vbscript', 'pmtiles', 'https', 'http', 'file', 'JaVa',
      ':', '//', '/', '\\', '.', '..', '?', '#', 'a', 'x:y',
      ' ', '\t', '\n', '\r', '\u0000', '\u0008', '\u001f', '\u007f', '\u0085', '\u00a0', '\u2028', '\ufeff', '%3a', '&#58;',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.boolean(), (pieces, pmtiles) => {
        const url = pieces.join('');
        if (!isSafeUrl(url, { pmtiles })) return;
        const allowed = pmtiles ? ['http:', 'https:', 'pmtiles:'] : ['http:', 'https:'];
        let protocol: string;
        try {
          protocol = new URL(url, STORY).protocol;
        } catch {
          return; // the browser cannot load it at all
        }
        expect(allowed, `${JSON.stringify(url)} resolves to ${protocol}`).to.include(protocol);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('resolveStoryUrl', () => {
  it('resolves relative URLs against the story file', () => {
    expect(resolveStoryUrl('route.geojson', STORY)).to.equal('https://example.org/stories/route.geojson');
    expect(resolveStoryUrl('./data/route.geojson', STORY)).to.equal('https://example.org/stories/data/route.geojson');
    expect(resolveStoryUrl('../images/a.jpg', STORY)).to.equal('https://example.org/images/a.jpg');
    expect(resolveStoryUrl('/tiles/a.pbf', STORY)).to.equal('https://example.org/tiles/a.pbf');
  });

  it('keeps absolute URLs, and gives protocol-relative ones the story\'s scheme', () => {
    expect(resolveStoryUrl('https://cdn.example.net/a.json', STORY)).to.equal('https://cdn.example.net/a.json');
    expect(resolveStoryUrl('http://cdn.example.net/a.json', STORY)).to.equal('http://cdn.example.net/a.json');
    expect(resolveStoryUrl('//cdn.example.net/a.json', STORY)).to.equal('https://cdn.example.net/a.json');
    expect(resolveStoryUrl('//cdn.example.net/a.json', 'http://example.org/s.json')).to.equal('http://cdn.example.net/a.json');
  });

  it('keeps the placeholders of tile templates as written (MapLibre fills in {z}, not %7Bz%7D)', () => {
    expect(resolveStoryUrl('tiles/{z}/{x}/{y}.pbf', STORY)).to.equal('https://example.org/stories/tiles/{z}/{x}/{y}.pbf');
    expect(resolveStoryUrl('https://tiles.example.net/{prefix}/{z}/{x}/{y}.png?bbox={bbox-epsg-3857}', STORY))
      .to.equal('https://tiles.example.net/{prefix}/{z}/{x}/{y}.png?bbox={bbox-epsg-3857}');
    expect(resolveStoryUrl('a%7Bz%7D.json', STORY), 'an encoded brace without a template stays encoded').to.equal('https://example.org/stories/a%7Bz%7D.json');
  });

  it('resolves inside pmtiles://, relative or absolute', () => {
    expect(resolveStoryUrl('pmtiles://tiles/area.pmtiles', STORY)).to.equal('pmtiles://https://example.org/stories/tiles/area.pmtiles');
    expect(resolveStoryUrl('pmtiles://https://tiles.example.net/area.pmtiles', STORY)).to.equal('pmtiles://https://tiles.example.net/area.pmtiles');
  });

  it('without a base, resolves against the page', () => {
    expect(resolveStoryUrl('stories/a.json', undefined)).to.equal(new URL('stories/a.json', document.baseURI).href);
    expect(resolveStoryUrl('/a.json', undefined)).to.equal(`${location.origin}/a.json`);
  });

  it('leaves a URL it cannot parse as it is (the fetch then fails with a message)', () => {
    expect(resolveStoryUrl('http://[not-a-host/a.json', STORY)).to.equal('http://[not-a-host/a.json');
    expect(resolveStoryUrl('a.json', 'not a base URL')).to.equal('a.json');
  });
});
