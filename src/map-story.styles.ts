import { css } from 'lit';

/** Styles of `<map-story>`. Theme through the `--map-story-*` custom properties. */
export const styles = css`
  :host {
    display: block;
    position: relative;
    --_bg: var(--map-story-background, #f7f5f0);
    --_card: var(--map-story-card-background, rgba(255, 255, 255, 0.96));
    --_text: var(--map-story-text-color, #1d232a);
    --_muted: var(--map-story-muted-color, #4f5a64);
    --_accent: var(--map-story-accent-color, #b23a0e);
    --_font: var(--map-story-font-family, 'Source Serif Pro', Georgia, 'Times New Roman', serif);
    --_heading-font: var(--map-story-heading-font-family, 'Helvetica Neue', Arial, system-ui, sans-serif);
    --_map-height: var(--map-story-map-height, 100vh);
    --_column: var(--map-story-column-width, 420px);
    --_radius: var(--map-story-radius, 6px);
    color: var(--_text);
    font-family: var(--_font);
    line-height: 1.55;
  }
  :host([hidden]) {
    display: none;
  }
  .root[data-theme='dark'] {
    --_bg: var(--map-story-background, #11181f);
    --_card: var(--map-story-card-background, rgba(24, 31, 38, 0.96));
    --_text: var(--map-story-text-color, #e8edf1);
    --_muted: var(--map-story-muted-color, #b4bfc8);
    --_accent: var(--map-story-accent-color, #ff9e7a);
  }
  .root {
    display: grid;
    grid-template: auto / 100%;
    background: var(--_bg);
    color: var(--_text);
  }
  .map-area {
    grid-area: 1 / 1;
    position: sticky;
    top: 0;
    align-self: start;
    height: var(--_map-height);
    overflow: hidden;
  }
  .map {
    position: absolute;
    inset: 0;
  }
  .map-status {
    position: absolute;
    inset: auto 0 1rem 0;
    margin: 0 auto;
    width: fit-content;
    max-width: 80%;
    padding: 0.4rem 0.8rem;
    border-radius: var(--_radius);
    background: var(--_card);
    color: var(--_muted);
    font: 0.85rem/1.4 var(--_heading-font);
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.15);
  }
  .text {
    grid-area: 1 / 1;
    position: relative;
    z-index: 1;
    pointer-events: none;
    padding: 30vh 0 50vh;
  }
  .card {
    pointer-events: auto;
    box-sizing: border-box;
    width: min(var(--_column), 40%);
    margin: 0 4% 0 4%;
    padding: 1.25rem 1.5rem;
    background: var(--_card);
    border-radius: var(--_radius);
    box-shadow: 0 1px 6px rgba(0, 0, 0, 0.18);
  }
  .card[data-align='right'] {
    margin-left: auto;
  }
  .card[data-align='center'] {
    margin-left: auto;
    margin-right: auto;
    width: min(560px, 90%);
  }
  .card[data-align='full'] {
    margin-left: auto;
    margin-right: auto;
    width: min(960px, 92%);
  }
  .chapter {
    margin-top: 70vh;
  }
  .chapter:first-of-type {
    margin-top: 20vh;
  }
  .credits {
    margin-top: 60vh;
  }
  .root[data-narrow] .card {
    width: auto;
    margin-left: 0.75rem;
    margin-right: 0.75rem;
    padding: 1rem 1.1rem;
  }
  .root[data-narrow] .text {
    padding-top: 45vh;
  }
  h1 {
    font: 700 clamp(1.6rem, 1.2rem + 1.6vw, 2.4rem) / 1.15 var(--_heading-font);
    margin: 0 0 0.5rem;
  }
  h2 {
    font: 700 1.3rem/1.25 var(--_heading-font);
    margin: 0 0 0.5rem;
  }
  .subtitle {
    font-size: 1.1rem;
    margin: 0 0 0.75rem;
  }
  .byline,
  /* A chapter written in HTML: its <map-chapter> is the card's content (styled by the page). */
  ::slotted(map-chapter) {
    display: block;
  }

  .date,
  .caption,
  .credit {
    color: var(--_muted);
    font: 0.85rem/1.4 var(--_heading-font);
    margin: 0 0 0.25rem;
  }
  .date {
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--_accent);
    font-weight: 700;
  }
  .body p {
    margin: 0 0 0.75rem;
  }
  .body p:last-child {
    margin-bottom: 0;
  }
  a {
    color: var(--_accent);
  }
  figure {
    margin: 0.75rem 0 0;
  }
  figure img {
    max-width: 100%;
    height: auto;
    border-radius: calc(var(--_radius) / 2);
  }
  .legend {
    list-style: none;
    padding: 0;
    margin: 0.75rem 0 0;
    font: 0.85rem/1.4 var(--_heading-font);
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .swatch {
    display: inline-block;
    width: 0.9rem;
    height: 0.9rem;
    border-radius: 2px;
    flex: none;
  }
  .swatch[data-shape='circle'] {
    border-radius: 50%;
  }
  .swatch[data-shape='line'],
  .swatch[data-shape='dashed'] {
    height: 0;
    border-top: 3px solid;
    background: none !important;
    border-radius: 0;
  }
  .swatch[data-shape='dashed'] {
    border-top-style: dashed;
  }
  .credits ul {
    padding-left: 1.1rem;
    margin: 0.5rem 0 0;
    font: 0.9rem/1.45 var(--_heading-font);
  }
  .errors {
    pointer-events: auto;
    margin: 1rem;
    padding: 1rem 1.25rem;
    border: 2px solid #b42318;
    border-radius: var(--_radius);
    background: #fff4f2;
    color: #3b0d08;
    font: 0.95rem/1.45 var(--_heading-font);
  }
  .errors h2 {
    font-size: 1.05rem;
    color: #7a1209;
  }
  .errors ul {
    margin: 0.5rem 0 0;
    padding-left: 1.2rem;
  }
  .errors code {
    font-size: 0.85em;
    background: rgba(0, 0, 0, 0.06);
    padding: 0 0.2em;
    border-radius: 3px;
  }
  .chapter:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .skip-link {
    position: absolute;
    top: 0.5rem;
    left: 0.5rem;
    z-index: 10;
    padding: 0.5rem 0.9rem;
    background: var(--_card);
    color: var(--_text);
    font: 600 0.95rem/1.3 var(--_heading-font);
    border-radius: var(--_radius);
  }
  /* Hidden, not moved out of the box: above the element is the host page's content. */
  .skip-link:not(:focus) {
    width: 1px;
    height: 1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .nav {
    position: absolute;
    top: 0.75rem;
    right: 0.75rem;
    z-index: 2;
    display: flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0.25rem;
    border-radius: var(--_radius);
    background: var(--_card);
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.2);
    font: 0.85rem/1 var(--_heading-font);
  }
  .nav button {
    min-width: 2.25rem;
    min-height: 2.25rem;
    border: 0;
    border-radius: calc(var(--_radius) - 2px);
    background: transparent;
    color: var(--_text);
    font: inherit;
    font-size: 1.1rem;
    cursor: pointer;
  }
  .nav button:hover:not(:disabled) {
    background: rgba(127, 127, 127, 0.15);
  }
  .nav button:disabled {
    opacity: 0.4;
    cursor: default;
  }
  .nav .explore {
    font-size: 0.85rem;
    padding: 0 0.6rem;
    border-left: 1px solid rgba(127, 127, 127, 0.3);
    border-radius: 0;
  }
  .nav .count {
    min-width: 3.2rem;
    text-align: center;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .inset {
    position: absolute;
    top: 3.9rem;
    right: 0.75rem;
    z-index: 2;
    width: 160px;
    height: 90px;
    border-radius: calc(var(--_radius) / 2);
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25);
    /* A layer of its own: a redraw during a flight updates its texture, not a paint and raster of the map area. */
    will-change: transform;
  }
  .root[data-exploring] .card {
    opacity: 0.25;
    pointer-events: none;
  }
  .errors .where {
    color: #7a1209;
    font-weight: 600;
  }
  .story-end:focus {
    outline: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
