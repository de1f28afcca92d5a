// Camera helpers (src/map/camera.ts): the padding that keeps targets out from under the text,
// and the description of a view for screen readers.
import { expect } from 'chai';
import { addPadding, describeCamera, NO_PADDING, paddingForText } from '../src/map/camera.js';

describe('paddingForText', () => {
  const column = { left: 20, right: 420.4 };

  it('a left text column pads the left side by its right edge, rounded', () => {
    expect(paddingForText(1280, 800, column, 'left', false)).to.deep.equal({ top: 0, right: 0, bottom: 0, left: 420 });
  });

  it('a right text column pads the right side by the width it covers', () => {
    expect(paddingForText(1280, 800, { left: 860.6, right: 1260 }, 'right', false)).to.deep.equal({ top: 0, right: 419, bottom: 0, left: 0 });
  });

  it('cards over the map pad the bottom from where a card is when it becomes active, plus 8 px', () => {
    // A 100 px card active when its middle is at half the height: it covers from 350 px down.
    const card = { height: 100, offset: 0.5 };
    const bottom = { top: 0, right: 0, left: 0, bottom: 800 - (400 - 50) + 8 };
    expect(paddingForText(1280, 800, column, 'center', false, card)).to.deep.equal(bottom);
    expect(paddingForText(1280, 800, column, 'full', false, card)).to.deep.equal(bottom);
    expect(paddingForText(390, 800, column, 'left', true, card), 'any layout on a narrow screen').to.deep.equal(bottom);
    expect(paddingForText(1280, 800, undefined, 'left', false, card), 'a side layout whose column is not measured yet').to.deep.equal(bottom);
  });

  it('without a measured card: a card of 30% of the height, active at 70% of it', () => {
    // 800 - (0.7 * 800 - 0.3 * 800 / 2) + 8 = 368
    expect(paddingForText(390, 800, undefined, 'center', true)).to.deep.equal({ top: 0, right: 0, bottom: 368, left: 0 });
  });

  it('never pads more than 65% of a side, nor less than nothing', () => {
    expect(paddingForText(1000, 800, { left: 0, right: 990 }, 'left', false).left).to.equal(650);
    expect(paddingForText(1000, 800, { left: 10, right: 1000 }, 'right', false).right).to.equal(650);
    expect(paddingForText(400, 800, undefined, 'center', true, { height: 800, offset: 0.5 }).bottom).to.equal(520);
    expect(paddingForText(400, 800, undefined, 'center', true, { height: 0, offset: 2 }).bottom, 'a card below the map').to.equal(0);
    expect(paddingForText(1000, 800, { left: 1100, right: 1400 }, 'right', false).right, 'a column past the right edge').to.equal(0);
  });
});

describe('addPadding', () => {
  it('adds the same space on every side, without changing its argument', () => {
    const base = { top: 1, right: 2, bottom: 3, left: 4 };
    expect(addPadding(base, 40)).to.deep.equal({ top: 41, right: 42, bottom: 43, left: 44 });
    expect(base).to.deep.equal({ top: 1, right: 2, bottom: 3, left: 4 });
    expect(addPadding(NO_PADDING, 0)).to.deep.equal({ top: 0, right: 0, bottom: 0, left: 0 });
    expect(addPadding(NO_PADDING, 0)).to.not.equal(NO_PADDING);
  });
});

describe('describeCamera', () => {
  it('names the area of a bounds camera, south-west to north-east, with hemispheres', () => {
    expect(describeCamera({ bounds: [[35.5, 34.25], [36, 35]] })).to.equal('Map of the area from 34.25°N 35.50°E to 35.00°N 36.00°E.');
    expect(describeCamera({ bounds: [[-74.5, -41], [-73.25, -40.5]] })).to.equal('Map of the area from 41.00°S 74.50°W to 40.50°S 73.25°W.');
  });

  it('says how close a centre camera is, by zoom', () => {
    const at = (zoom: number) => describeCamera({ center: [35.87, 34.91], zoom });
    expect(at(0)).to.equal('Map showing a region around 34.91°N 35.87°E.');
    expect(at(3.99)).to.equal('Map showing a region around 34.91°N 35.87°E.');
    expect(at(4)).to.equal('Map showing an area around 34.91°N 35.87°E.');
    expect(at(8.99)).to.equal('Map showing an area around 34.91°N 35.87°E.');
    expect(at(9)).to.equal('Map showing a city around 34.91°N 35.87°E.');
    expect(at(12.99)).to.equal('Map showing a city around 34.91°N 35.87°E.');
    expect(at(13)).to.equal('Map showing a few streets around 34.91°N 35.87°E.');
  });

  it('writes west and south for negative coordinates, two decimals, and 0 as north and east', () => {
    expect(describeCamera({ center: [-73.9857, -40.5], zoom: 10 })).to.equal('Map showing a city around 40.50°S 73.99°W.');
    expect(describeCamera({ center: [0, 0], zoom: 2 })).to.equal('Map showing a region around 0.00°N 0.00°E.');
  });
});
