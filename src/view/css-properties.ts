import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets an element's inline style properties through the CSSOM (`style.setProperty`), never
 * as a `style` attribute: a page whose Content-Security-Policy has no `'unsafe-inline'` for
 * styles blocks (and reports) style attributes, not CSSOM writes. Lit's `styleMap` writes an
 * attribute on its first render. Used as `<span ${cssProperties({ background: colour })}>`
 * (property names as in CSS: `border-color`).
 */
class CssProperties extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProperties() goes on an element, not in an attribute');
  }

  render(_properties: Record<string, string>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [Record<string, string>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(properties)) if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
    return noChange;
  }
}

export const cssProperties = directive(CssProperties);
