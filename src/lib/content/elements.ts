/**
 * What a report body may contain beyond Markdown: the one registry of HTML elements and site
 * components that the body policy (./policy.ts) admits and the renderer (./body.ts) turns into
 * HTML. Attribute values are literal text only; each element lists the attributes it takes.
 * Components are the site's own: data in, a fixed piece of HTML out; nothing a body says runs.
 */
import type { Element, ElementContent } from 'hast';
import { REDACTION_TITLE } from './remark-redactions';

/** HTML elements a report may write as-is, with the attributes each may carry. */
export const BODY_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  abbr: ['title'],
  br: [],
  sub: [],
  sup: [],
  u: [],
  del: [],
  ins: [],
  small: [],
};

export interface BodyComponent {
  /** What it is for, shown to officials when they use an unknown one. */
  purpose: string;
  attributes: readonly string[];
  /** The HTML of the component, from its literal attributes and its rendered children. */
  render(attrs: Readonly<Record<string, string>>, children: ElementContent[]): Element;
}

/** The site components a report body may use, by name. */
export const BODY_COMPONENTS: Readonly<Record<string, BodyComponent>> = {
  Note: {
    purpose: '编者说明（如“原文附件未收录”）',
    attributes: ['title'],
    render: (attrs, children) => ({
      type: 'element',
      tagName: 'aside',
      properties: { className: ['report-note'] },
      children: [
        { type: 'element', tagName: 'p', properties: { className: ['report-note-title'] }, children: [{ type: 'text', value: attrs.title ?? '编者说明' }] },
        ...children,
      ],
    }),
  },
  Redacted: {
    purpose: '原文隐去的内容',
    attributes: [],
    render: () => ({
      type: 'element',
      tagName: 'span',
      properties: { className: ['redacted'], title: REDACTION_TITLE },
      children: [{ type: 'text', value: '***' }],
    }),
  },
};

/** The names an official may use, for error messages. */
export const allowedNames = (): string =>
  [...Object.keys(BODY_ELEMENTS).map((n) => `<${n}>`), ...Object.keys(BODY_COMPONENTS).map((n) => `<${n}>`)].join(' ');
