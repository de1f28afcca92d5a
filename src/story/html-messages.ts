/**
 * The messages about chapters written in HTML (`<map-chapter>`), apart from messages.ts because
 * they load only with such chapters (see html-chapters.ts); same rules: quote the bad value, say
 * where it is and what to do.
 */
export const htmlMessages = {
  chapterJson: (where: string, reason: string) =>
    `The chapter's ${where} is not valid JSON (${reason}): write it as JSON, e.g. camera='{"center": [35.87, 34.91], "zoom": 12}'.`,
  chapterScript: () => 'The chapter\'s <script type="application/json"> must hold one object of chapter fields, e.g. {"markers": [...]}.',
  fieldTwice: (attribute: string) =>
    `The chapter gives "${attribute}" twice, as an attribute and in its <script type="application/json">: keep one.`,
};
