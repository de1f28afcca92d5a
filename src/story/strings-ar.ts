import type { Strings } from './strings.js';

/**
 * The reader-facing strings in Arabic (right to left), for stories whose `lang` is `ar` or
 * `ar-…`. Loaded only for such a story (see reader-strings.ts); keys as in strings.ts.
 */
export const strings: Strings = {
  dir: 'rtl',
  skipLink: 'تجاوز قصة الخريطة',
  storyEnd: 'نهاية قصة الخريطة.',
  loadingStory: 'جارٍ تحميل القصة…',
  loadingMap: 'جارٍ تحميل الخريطة…',
  map: 'خريطة: {title}',
  mapUntitled: 'خريطة',
  mapCredits: 'إظهار اعتمادات الخريطة أو إخفاؤها',
  kilometres: 'كم',
  metres: 'م',
  chapter: 'الفصل {number}',
  entered: '{title}. {map}',
  markedOnMap: 'المواقع المحددة على الخريطة: {places}.',
  aPoint: 'نقطة',
  unnamedPoint: 'نقطة',
  approximatePosition: ' (موقع تقريبي)',
  approximateLabel: '(تقريبي)',
  approximate: ' (تقريبي)',
  legend: 'مفتاح الخريطة',
  attribute: 'السمة',
  sourcesForMap: 'مصادر الخريطة',
  sourcesAndCredits: 'المصادر والاعتمادات',
  navigation: 'التنقل في القصة',
  previous: 'الفصل السابق',
  next: 'الفصل التالي',
  explore: 'استكشف الخريطة',
  backToStory: 'العودة إلى القصة',
  compareSides: 'يسار الفاصل: {before}. يمينه: {after}.',
  compareSlider: 'الفاصل بين {before} و{after}',
  compareValue: '{percent}٪ {before}',
};
