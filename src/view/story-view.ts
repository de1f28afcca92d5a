import { html, nothing, type TemplateResult } from 'lit';
import { cssProperties } from './css-properties.js';
import type { ChapterState } from '../story/chapter-states.js';
import { elementMessages } from '../story/element-messages.js';
import type { StoryProblem } from '../story/messages.js';
import { fill, strings as english, type Strings } from '../story/strings.js';
import { isPlainText, paragraphs, safeColor, sanitizeHtml } from '../story/sanitize.js';
import type { Chapter, Story } from '../story/schema.js';

/** The text of a story: title card, chapter cards and credits. Pure templates, no state. */

/** How many problems the panel lists; the rest are counted ("…and 4,950 more."). */
export const SHOWN_PROBLEMS = 50;

/** How a story's text is rendered (see renderStory). */
export interface StoryViewOptions {
  /** How many chapters to render (a long story's first render shows the first few). */
  limit?: number;
  /** The safe HTML of bodies that hold HTML, by their text, sanitised once at load (see `sanitizedBodies`). */
  safe?: ReadonlyMap<string, string>;
  /** The chapters are written in the page's HTML: each card shows its `<map-chapter>` through a slot. */
  slotted?: boolean;
  /** The reader-facing strings (default English). */
  strings?: Strings;
}

export function renderStory(story: Story, states: ChapterState[], active: number | undefined, align: (s: ChapterState | undefined) => string, options: StoryViewOptions = {}): TemplateResult {
  const { limit = story.chapters.length, safe = new Map<string, string>(), slotted = false, strings = english } = options;
  const headerAlign = align(states[0]);
  const chapters = limit < story.chapters.length ? story.chapters.slice(0, limit) : story.chapters;
  return html`
    <header class="card intro" part="header" data-align=${headerAlign}>
      <h1>${story.title}</h1>
      ${story.subtitle ? html`<p class="subtitle">${story.subtitle}</p>` : nothing}
      ${story.byline ? html`<p class="byline">${story.byline}</p>` : nothing}
      ${story.date ? html`<p class="byline">${story.date}</p>` : nothing}
    </header>
    ${chapters.map((chapter, i) => renderChapter(chapter, states[i]!, { index: i, active: i === active, align: align(states[i]), safe, slotted, strings }))}
    ${story.credits?.length && chapters.length === story.chapters.length
      ? html`<footer class="card credits" part="credits" data-align=${headerAlign}>
          <h2>${strings.sourcesAndCredits}</h2>
          <ul>
            ${story.credits.map(
              (c) => html`<li>${c.url ? html`<a href=${c.url} rel="noopener noreferrer" target="_blank">${c.text}</a>` : c.text}</li>`,
            )}
          </ul>
        </footer>`
      : nothing}
  `;
}

function renderChapter(
  chapter: Chapter,
  state: ChapterState,
  { index, active, align, safe, slotted, strings }: { index: number; active: boolean; align: string; safe: ReadonlyMap<string, string>; slotted: boolean; strings: Strings },
): TemplateResult {
  const titleId = `title-${chapter.id}`;
  // A chapter written in HTML has its heading in the page (its card is named by its text).
  const labelled = !!chapter.title && !slotted;
  return html`
    <section
      class="card chapter"
      part=${active ? 'chapter chapter-active' : 'chapter'}
      id=${`chapter-${chapter.id}`}
      data-index=${index}
      data-align=${align}
      tabindex="0"
      aria-current=${active ? 'step' : nothing}
      aria-labelledby=${labelled ? titleId : nothing}
      aria-label=${labelled ? nothing : (chapter.title ?? fill(strings.chapter, { number: index + 1 }))}
    >
      ${chapter.date ? html`<p class="date">${chapter.date}</p>` : nothing}
      ${slotted ? html`<slot data-index=${index}></slot>` : nothing}
      ${labelled ? html`<h2 id=${titleId}>${chapter.title}</h2>` : nothing}
      ${chapter.body ? renderBody(chapter.body, safe) : nothing}
      ${chapter.media
        ? html`<figure>
            <img src=${chapter.media.src} alt=${chapter.media.alt ?? ''} loading="lazy" decoding="async" />
            ${chapter.media.caption || chapter.media.credit
              ? html`<figcaption>
                  ${chapter.media.caption ? html`<span class="caption">${chapter.media.caption}</span>` : nothing}
                  ${chapter.media.credit ? html`<span class="credit">${chapter.media.credit}</span>` : nothing}
                </figcaption>`
              : nothing}
          </figure>`
        : nothing}
      ${state.markers.length
        ? html`<p class="visually-hidden">${fill(strings.markedOnMap, { places: state.markers.map((m) => `${m.name ?? m.label ?? strings.aPoint}${m.approximate ? strings.approximatePosition : ''}`).join('; ') })}</p>`
        : nothing}
      ${renderSources(state, strings)}
      ${state.legend.length
        ? html`<ul class="legend" aria-label=${strings.legend}>
            ${state.legend.map(
              (item) => html`<li>
                <span class="swatch" data-shape=${item.shape ?? 'square'} ${cssProperties({ background: safeColor(item.color), 'border-color': safeColor(item.color) })}></span>
                ${item.label}
              </li>`,
            )}
          </ul>`
        : nothing}
    </section>
  `;
}

/**
 * Where the chapter's marks come from, on demand: a closed disclosure listing each marker that
 * names its `source` (nothing when none does).
 */
function renderSources(state: ChapterState, strings: Strings): TemplateResult | typeof nothing {
  const sourced = state.markers.filter((m) => m.source);
  if (!sourced.length) return nothing;
  return html`<details class="sources" part="sources" ${cssProperties({ margin: '0.75rem 0 0', font: '0.85rem/1.4 var(--_heading-font)', color: 'var(--_muted)' })}>
    <summary ${cssProperties({ cursor: 'pointer' })}>${strings.sourcesForMap}</summary>
    <ul ${cssProperties({ margin: '0.25rem 0 0', 'padding-left': '1.1rem' })}>
      ${sourced.map((m) => html`<li>${m.label ?? m.name ?? strings.unnamedPoint}${m.approximate ? strings.approximate : ''}: ${m.source}</li>`)}
    </ul>
  </details>`;
}

function renderBody(body: string, safe: ReadonlyMap<string, string>): TemplateResult {
  if (isPlainText(body)) return html`<div class="body">${paragraphs(body).map((p) => html`<p>${p}</p>`)}</div>`;
  // HTML sanitised by DOMPurify (once, at load) is the element's content: set as innerHTML
  // (what Lit's unsafeHTML does, without its bytes).
  return html`<div class="body" .innerHTML=${safe.get(body) ?? sanitizeHtml(body)}></div>`;
}

export function renderProblems(problems: StoryProblem[], file: string): TemplateResult {
  return html`
    <div class="errors" part="errors" role="alert">
      <h2>${elementMessages.panelTitle(problems.length, file || undefined)}</h2>
      <ul>
        ${problems.slice(0, SHOWN_PROBLEMS).map(
          (p) => html`<li>
            ${p.line ? html`<span class="where">line ${p.line}:</span> ` : nothing}${p.attribute
              ? html`<code>&lt;map-chapter id="${p.chapterId ?? ''}"&gt;</code>, ${english.attribute} <code>${p.attribute}</code> (<code>${p.path}</code>): `
              : p.path
                ? html`<code>${p.path}</code>${p.chapterId ? html` (chapter <code>${p.chapterId}</code>)` : nothing}: `
                : nothing}${p.message}
          </li>`,
        )}
        ${problems.length > SHOWN_PROBLEMS ? html`<li>${elementMessages.moreProblems(problems.length - SHOWN_PROBLEMS)}</li>` : nothing}
      </ul>
    </div>
  `;
}

export interface NavHandlers {
  previous: () => void;
  next: () => void;
  explore: () => void;
}

/** Previous/next buttons, the chapter count, and the explore-mode toggle. */
export function renderNav(index: number | undefined, count: number, exploring: boolean, on: NavHandlers, strings: Strings = english): TemplateResult {
  const i = index ?? -1;
  return html`
    <nav class="nav" part="nav" aria-label=${strings.navigation} dir=${strings.dir}>
      <button type="button" part="nav-button" aria-label=${strings.previous} ?disabled=${i <= 0 || exploring} @click=${on.previous}>‹</button>
      <span class="count" part="nav-status">${i >= 0 ? i + 1 : 0} / ${count}</span>
      <button type="button" part="nav-button" aria-label=${strings.next} ?disabled=${i >= count - 1 || exploring} @click=${on.next}>›</button>
      <button type="button" class="explore" part="explore-button" aria-pressed=${exploring ? 'true' : 'false'} @click=${on.explore}>
        ${exploring ? strings.backToStory : strings.explore}
      </button>
    </nav>
  `;
}
