// Issue 22 (CSP report noise): a strict-CSP page rendering a story with hostile HTML in every
// text field gets no violation report (DOMPurify must not create live `on*` attributes).
import { expect } from 'chai';
import { sleep } from './helpers.js';

describe('strict CSP, hostile story text', () => {
  it('0 violation reports, nothing runs', async () => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width:1000px;height:700px;border:0';
    const messages: Record<string, unknown>[] = [];
    const done = new Promise<void>((resolve) => {
      window.addEventListener('message', function listen(e) {
        if (!e.data?.csp) return;
        messages.push(e.data);
        if (e.data.ready) {
          window.removeEventListener('message', listen);
          resolve();
        }
      });
    });
    frame.src = new URL('./csp/hostile-page.html', import.meta.url).href;
    document.body.append(frame);
    try {
      await Promise.race([done, sleep(50_000)]);
      const ready = messages.find((m) => m.ready) as { pwned: unknown; chapters: number } | undefined;
      expect(ready, JSON.stringify(messages)).to.not.equal(undefined);
      expect(ready!.chapters).to.equal(3);
      expect(ready!.pwned).to.equal(null);
      const violations = messages.filter((m) => m.violation).map((m) => m.violation);
      console.log(`CSP violation reports: ${violations.length}`);
      expect(violations, 'CSP violations').to.deep.equal([]);
      expect(messages.filter((m) => m.error), 'errors').to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
