// The camera that follows the scroll in scrubbed chapters (src/motion/camera-follower.ts).
import { expect } from 'chai';
import { CameraFollower, FOLLOW_MS, FOLLOW_SPEED, sameView } from '../src/motion/camera-follower.js';
import { cameraPath, type CameraTarget } from '../src/motion/camera-path.js';
import { toWorld } from '../src/motion/mercator.js';
import { cam } from './helpers.js';

describe('camera follower (unit)', () => {
  /** Follows `goal` from `from` with frames `dt` ms apart; the cameras written, in order. */
  function follow(from: CameraTarget, goal: CameraTarget, dt: number, frames = 2000, width = 1000): CameraTarget[] {
    const follower = new CameraFollower();
    const written: CameraTarget[] = [];
    let shown = from;
    for (let i = 0; i < frames; i++) {
      const moving = follower.step(goal, i * dt, width, () => shown, (c) => { written.push(c); shown = c; });
      if (!moving) break;
    }
    return written;
  }
  // A near goal (a wheel notch while reading): a tenth of a screenful, under the top speed's reach.
  const from = cam([0, 45], 4);
  const goal = cam([1, 44.7], 4.2, 20);
  const distance = (c: CameraTarget) => Math.hypot(toWorld(c.center)[0] - toWorld(goal.center)[0], toWorld(c.center)[1] - toWorld(goal.center)[1]);
  // A far goal: the Tartus story's warships chapter to its Europe-wide Baltic chapter, 1280 px wide.
  const near = cam([34.7, 34.9], 7);
  const europe = cam([13, 46], 3.4);

  it('glides: each frame covers part of the way, closer every frame, and lands exactly on the goal', () => {
    expect(cameraPath(from, goal, 1000).distance * 1000 / FOLLOW_SPEED, 'within reach of the ease').to.be.lessThan(FOLLOW_MS);
    const written = follow(from, goal, 1000 / 60);
    expect(written.length, 'frames to arrive').to.be.within(10, 120);
    expect(written.at(-1)).to.deep.equal(goal);
    expect(distance(written[0]!) / distance(from), 'first frame').to.be.within(0.5, 0.95);
    for (let i = 1; i < written.length; i++) expect(distance(written[i]!), `frame ${i}`).to.be.at.most(distance(written[i - 1]!) + 1e-12);
    // Through the smooth zoom-pan path: it zooms out on the way between far-apart views.
    const far = follow(cam([-10, 50], 6), cam([35, 35], 6), 1000 / 60);
    expect(Math.min(...far.map((c) => c.zoom))).to.be.lessThan(5.5);
    expect(far.at(-1)!.zoom).to.equal(6);
  });

  it('takes the same time at any frame rate', () => {
    // The first step is one 60 Hz frame (nothing tells how long the frame before took); each
    // later one as long as the time since the last.
    const first = 1000 / 60;
    const at = (dt: number, ms: number) => follow(from, goal, dt)[Math.round((ms - first) / dt)]!;
    for (const ms of [first + 100, first + 300]) {
      const fast = at(1000 / 60, ms);
      const slow = at(50, ms);
      expect(distance(slow) / distance(from), `${ms} ms`).to.be.closeTo(distance(fast) / distance(from), 0.03);
    }
    // About 95% of the way in three time constants.
    expect(1 - distance(at(1000 / 60, first + 3 * FOLLOW_MS)) / distance(from)).to.be.within(0.85, 0.99);
    // A far goal too (at top speed most of the way).
    const fast = follow(near, europe, 1000 / 60, 2000, 1280).length * (1000 / 60);
    const slow = follow(near, europe, 50, 2000, 1280).length * 50;
    expect(slow / fast, `${slow} vs ${fast} ms`).to.be.within(0.95, 1.1);
  });

  it('travels a far jump at the top speed at most, then eases in, and lands exactly', () => {
    const dt = 1000 / 60;
    const length = cameraPath(near, europe, 1280).distance;
    expect(length, 'path length').to.be.within(1.5, 2.5);
    const written = follow(near, europe, dt, 2000, 1280);
    let previous = near;
    written.forEach((c, i) => {
      // The length of the path from one frame's camera to the next.
      expect(cameraPath(previous, c, 1280).distance, `frame ${i}`).to.be.at.most(((FOLLOW_SPEED * dt) / 1000) * (1 + 1e-6));
      previous = c;
    });
    expect(written.at(-1)).to.deep.equal(europe);
    const ms = written.length * dt;
    expect(ms, 'time to arrive').to.be.within((length / FOLLOW_SPEED) * 1000, (length / FOLLOW_SPEED) * 1000 + 8 * FOLLOW_MS);
    // Half-way in time it is about half-way along: a steady pace, not a leap and a crawl.
    const half = written[Math.round(((length / FOLLOW_SPEED) * 1000) / 2 / dt)]!;
    expect(cameraPath(near, half, 1280).distance / length).to.be.within(0.4, 0.6);
  });

  it('writes nothing once arrived, and starts again from the map\'s camera after a release', () => {
    const follower = new CameraFollower();
    let writes = 0;
    let shown = goal;
    const step = (t: number) => follower.step(goal, t, 1000, () => shown, (c) => { writes++; shown = c; });
    expect(step(0)).to.equal(false);
    expect(writes, 'already there').to.equal(0);
    shown = { ...goal }; // the map's camera: the same view, another object
    expect(step(16)).to.equal(false);
    expect(writes, 'the same view: one exact write').to.equal(1);
    expect(step(32)).to.equal(false);
    expect(writes, 'arrived: no more writes').to.equal(1);
    follower.release();
    shown = from; // a flight moved the map
    expect(step(5000), 'moving again').to.equal(true);
    expect(sameView(shown, from)).to.equal(false);
    expect(distance(shown)).to.be.lessThan(distance(from));
  });
});
