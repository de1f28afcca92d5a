// NearViewport (src/scroll/near-viewport.ts): near within the margin, far only beyond three
// times it, through a small Lit host placed above or below the viewport.
import { expect } from 'chai';
import { LitElement } from 'lit';
import { NearViewport } from '../src/scroll/near-viewport.js';

class NearHost extends LitElement {
  margin = '100px';
  readonly changes: boolean[] = [];
  readonly nearness = new NearViewport(this, () => this.margin, (near) => this.changes.push(near));
}
customElements.define('near-viewport-test-host', NearHost);

const hosts: NearHost[] = [];

/** A 50 px host, `top` px from the top of the page (the page is not scrolled). */
function place(top: number, margin = '100px'): NearHost {
  const host = document.createElement('near-viewport-test-host') as NearHost;
  host.margin = margin;
  host.style.cssText = `position: absolute; left: 0; width: 100px; height: 50px; top: ${top}px`;
  document.body.append(host);
  hosts.push(host);
  return host;
}

/** Resolves with the first report of a new observer of `target`: intersections computed once. */
function report(target: Element): Promise<void> {
  return new Promise((resolve) => {
    const probe = new IntersectionObserver(() => {
      probe.disconnect();
      resolve();
    });
    probe.observe(target);
  });
}

/**
 * Resolves once the host's observers have had their reports for where `host` is now. A new
 * observer's first report comes in the same rendering update as theirs, but Chromium delivers
 * the reports of one update in no set order: a second probe's report comes one update later,
 * after all of the first's were delivered.
 */
async function observed(host: Element): Promise<void> {
  await report(host);
  await report(host);
}

/** Moves the host and waits for the intersections there. */
async function moveTo(host: NearHost, top: number): Promise<void> {
  host.style.top = `${top}px`;
  await observed(host);
}

describe('NearViewport', () => {
  before(() => {
    document.body.style.minHeight = '5000px'; // room to scroll
    window.scrollTo(0, 0);
  });
  afterEach(() => {
    for (const host of hosts.splice(0)) host.remove();
  });

  it('a host in the viewport is near at once', async () => {
    const host = place(10);
    await observed(host);
    expect(host.nearness.near).to.equal(true);
    expect(host.changes).to.deep.equal([true]);
  });

  it('a host farther than the margin is not near, and nothing is reported', async () => {
    const host = place(innerHeight + 150);
    await observed(host);
    expect(host.nearness.near).to.equal(false);
    expect(host.changes).to.deep.equal([]);
  });

  it('becomes near within the margin, stays near up to three times it, and is far beyond', async () => {
    const host = place(innerHeight + 150);
    await observed(host);
    await moveTo(host, innerHeight + 50);
    expect(host.nearness.near, 'within 100 px below the viewport').to.equal(true);
    await moveTo(host, innerHeight + 250);
    expect(host.nearness.near, 'within 300 px: still near').to.equal(true);
    await moveTo(host, innerHeight + 350);
    expect(host.nearness.near, 'beyond 300 px').to.equal(false);
    await moveTo(host, innerHeight + 250);
    expect(host.nearness.near, 'back within 300 px but not 100: still far').to.equal(false);
    expect(host.changes).to.deep.equal([true, false]);
  });

  it('counts above the viewport too', async () => {
    window.scrollTo(0, 1000);
    try {
      const host = place(1000 - 50 - 50); // its bottom 50 px above the viewport's top
      await observed(host);
      expect(host.nearness.near).to.equal(true);
      await moveTo(host, 1000 - 50 - 350);
      expect(host.nearness.near).to.equal(false);
      expect(host.changes).to.deep.equal([true, false]);
    } finally {
      window.scrollTo(0, 0);
    }
  });

  it('a margin in % is a share of the viewport\'s height', async () => {
    const host = place(innerHeight + innerHeight * 0.4, '50%');
    await observed(host);
    expect(host.nearness.near, 'within 50% of the height').to.equal(true);
    await moveTo(host, innerHeight + innerHeight * 1.4);
    expect(host.nearness.near, 'within 150%: still near').to.equal(true);
    await moveTo(host, innerHeight + innerHeight * 1.6);
    expect(host.nearness.near, 'beyond 150%').to.equal(false);
  });

  it('a margin it cannot read is 0: near only in the viewport', async () => {
    const host = place(innerHeight + 10, 'soon');
    await observed(host);
    expect(host.nearness.near).to.equal(false);
    await moveTo(host, innerHeight - 10);
    expect(host.nearness.near).to.equal(true);
  });

  it('refresh() reads the margin again', async () => {
    const host = place(innerHeight + 200);
    await observed(host);
    expect(host.nearness.near).to.equal(false);
    host.margin = '300px';
    host.nearness.refresh();
    await observed(host);
    expect(host.nearness.near).to.equal(true);
    expect(host.changes).to.deep.equal([true]);
  });

  it('leaving the page makes it not near without a report; back on the page, it observes again', async () => {
    const host = place(10);
    await observed(host);
    host.remove();
    expect(host.nearness.near).to.equal(false);
    expect(host.changes).to.deep.equal([true]);
    host.style.top = `${innerHeight + 200}px`;
    document.body.append(host);
    await observed(host);
    expect(host.nearness.near, 'far: not near').to.equal(false);
    await moveTo(host, 10);
    expect(host.nearness.near).to.equal(true);
    expect(host.changes).to.deep.equal([true, true]);
  });
});
