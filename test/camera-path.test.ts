// The camera path between two chapter views (src/motion/camera-path.ts).
import { expect } from 'chai';
import { cameraPath } from '../src/motion/camera-path.js';
import { toWorld } from '../src/motion/mercator.js';
import { cam } from './helpers.js';

describe('camera path (unit)', () => {
  it('starts and ends exactly on the two cameras, and moves monotonically between them', () => {
    const a = cam([0, 45], 4);
    const b = cam([20, 40], 5, 20);
    const path = cameraPath(a, b, 1000);
    expect(path(0)).to.deep.equal(a);
    expect(path(1)).to.deep.equal(b);
    const [ax, ay] = toWorld(a.center);
    const [bx, by] = toWorld(b.center);
    let last = -Infinity;
    for (let t = 0.05; t < 1; t += 0.05) {
      const [x, y] = toWorld(path(t).center);
      const along = ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2);
      expect(along).to.be.greaterThan(last);
      last = along;
    }
  });

  it('zooms out between far-apart places (a smooth zoom-pan, not a straight pan)', () => {
    const path = cameraPath(cam([-10, 50], 6), cam([35, 35], 6), 1000);
    expect(path(0.5).zoom).to.be.lessThan(5.5);
  });

  it('goes the short way across the antimeridian', () => {
    const path = cameraPath(cam([170, 0], 4), cam([-170, 0], 4), 1000);
    const lng = path(0.5).center[0];
    expect(Math.abs(lng)).to.be.greaterThan(175);
  });
});
