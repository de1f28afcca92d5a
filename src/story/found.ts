import type { BaseIssue } from 'valibot';
import type { messages, StoryProblem } from './messages.js';

/**
 * Problems as found, before they are put in words: which message, with which arguments (a
 * story's problems are detected on every page, but worded only when a story has one, by
 * wording.ts, which loads then). `['unknownLayer', id, known]` is `messages.unknownLayer(id, known)`.
 */
type Messages = typeof messages;
export type Say = { [K in keyof Messages]: [K, ...Parameters<Messages[K]>] }[keyof Messages];

type Where = Omit<StoryProblem, 'message' | 'code'>;

/** A problem found: worded already, a message to say, or a schema issue to describe. */
export type Found = StoryProblem | (Where & { code: StoryProblem['code']; say: Say }) | (Where & { issue: BaseIssue<unknown> });
