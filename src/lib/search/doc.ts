/**
 * The search document of a report: what Pagefind is given to index for it (src/lib/search/indexer.ts),
 * its title and body as blocks of pair text (src/lib/search/text.ts) with the ids of its headings,
 * and its metadata and filters as readable text.
 *
 * `searchDocument` reads these from HTML the way Pagefind reads a page, for the attributes the
 * site uses (data-pagefind-body, -ignore, -meta, -filter): from a built report page, or from a
 * rendered body in the same markup (`bodySearchHtml`), so the report page template stays the one
 * place that says what is searchable and how it is labelled (`searchFields`).
 */
import { Parser } from 'htmlparser2';
import { t } from '../../strings';
import type { Place } from '../places/tree';
import { buildFold } from './fold-table';
import { ORIGINAL_TEXT_META } from './fold';
import { areasOf } from './scope';
import { SEARCH_LANGUAGE, pairText, textFromPairs } from './text';

/** How a report is labelled in search results and what it can be filtered by. */
export interface SearchFields {
  meta: { title: string; place: string };
  /**
   * `area`: the ids of the report's province and of its place's second level (a city), so a
   * search within a place (`?place=`) asks Pagefind for that city's reports and checks the rest.
   */
  filters: { year: string; province: string; level: string; area: string[] };
}

/** The search labels of a report: the report page renders them as data-pagefind attributes. */
export const searchFields = (title: string, year: number, place: Place): SearchFields => ({
  meta: { title, place: place.fullName },
  filters: { year: String(year), province: place.province.name, level: t.level[place.level], area: areasOf(place.id) },
});

/** A report page's searchable parts, as Pagefind would read them from its attributes. */
export interface SearchDoc {
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  /** The blocks of text under data-pagefind-body, outside data-pagefind-ignore, in order. */
  blocks: { tag: string; id?: string; text: string }[];
}

/** Elements whose text runs on into the surrounding text; every other element starts a block. */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark',
  'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'svg']);
const HEADING = /^h[1-6]$/;

/** `key:value` of a data-pagefind-meta or -filter attribute, or the key alone (the value is the element's text). */
const keyValue = (attr: string): [string, string | undefined] => {
  const at = attr.indexOf(':');
  return at < 0 ? [attr.trim(), undefined] : [attr.slice(0, at).trim(), attr.slice(at + 1).trim()];
};

/**
 * The searchable parts of a built page: its data-pagefind-body elements (outside
 * data-pagefind-ignore) as blocks of text, with the ids of headings (Pagefind's sections), and
 * every data-pagefind-meta and -filter. Undefined if the page has no data-pagefind-body.
 */
export function searchDocument(html: string): SearchDoc | undefined {
  const doc: SearchDoc = { meta: {}, filters: {}, blocks: [] };
  // Open elements, innermost last; `take` collects the text of an attribute without a value.
  const stack: { tag: string; body: boolean; ignore: boolean; skip: boolean; take?: (text: string) => void; text: string }[] = [];
  let found = false;
  let block: { tag: string; id?: string; text: string } | undefined;
  const flush = () => {
    if (block && block.text.trim()) doc.blocks.push({ ...block, text: block.text.replace(/\s+/g, ' ').trim() });
    block = undefined;
  };
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        const parent = stack.at(-1);
        const body = (parent?.body ?? false) || 'data-pagefind-body' in attrs;
        const ignore = (parent?.ignore ?? false) || 'data-pagefind-ignore' in attrs;
        const skip = (parent?.skip ?? false) || SKIPPED.has(tag);
        found ||= 'data-pagefind-body' in attrs;
        const takes: ((text: string) => void)[] = [];
        for (const part of (attrs['data-pagefind-meta'] ?? '').split(',').filter((s) => s.trim())) {
          const [key, value] = keyValue(part);
          if (value !== undefined) doc.meta[key] = value;
          else takes.push((text) => (doc.meta[key] = text));
        }
        for (const part of (attrs['data-pagefind-filter'] ?? '').split(',').filter((s) => s.trim())) {
          const [key, value] = keyValue(part);
          const add = (v: string) => v && (doc.filters[key] = [...(doc.filters[key] ?? []), v]);
          if (value !== undefined) add(value);
          else takes.push(add);
        }
        const take = takes.length ? (text: string) => takes.forEach((t) => t(text.replace(/\s+/g, ' ').trim())) : undefined;
        if (!VOID.has(tag)) stack.push({ tag, body, ignore, skip, take, text: '' });
        if (tag === 'br') {
          // A line break inside a block (a signature): a space, as in the text a reader copies.
          if (body && !ignore && block) block.text += ' ';
        } else if (body && !ignore && !skip && !INLINE.has(tag)) {
          flush();
          if (!VOID.has(tag)) block = { tag, id: HEADING.test(tag) ? attrs.id : undefined, text: '' };
        }
      },
      ontext(text) {
        const top = stack.at(-1);
        if (!top || top.skip) return;
        for (const el of stack) if (el.take) el.text += text;
        if (top.body && !top.ignore) {
          block ??= { tag: 'p', text: '' };
          block.text += text;
        }
      },
      onclosetag(tag, implied) {
        if (VOID.has(tag)) return;
        const el = stack.pop();
        if (!el) return;
        el.take?.(el.text);
        if (el.body && !el.ignore && !el.skip && !INLINE.has(tag)) flush();
        void implied;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  flush();
  return found ? doc : undefined;
}

/**
 * The search document of a report from its labels and rendered body, as `searchDocument` reads
 * it from the report page (the title heading, then the body), without building the page.
 */
export function searchDocOf(fields: SearchFields, bodyHtml: string): SearchDoc {
  const body = searchDocument(`<div data-pagefind-body>${bodyHtml}</div>`)?.blocks ?? [];
  return {
    meta: { ...fields.meta },
    filters: Object.fromEntries(Object.entries(fields.filters).map(([k, v]) => [k, typeof v === 'string' ? [v] : v])),
    blocks: [{ tag: 'h1', text: fields.meta.title.replace(/\s+/g, ' ').trim() }, ...body],
  };
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/**
 * The HTML given to Pagefind for a page: its blocks folded to Simplified (./fold.ts) as pairs (`stop`: its year's stop pairs, see
 * src/lib/search/indexer.ts) under data-pagefind-body (headings keep their ids, for Pagefind's
 * sections), its metadata and filters as readable text outside it, and a language without
 * segmentation.
 */
export function searchDocHtml(doc: SearchDoc, stop?: ReadonlySet<string>): string {
  const fold = buildFold();
  const folded = doc.blocks.map((b) => fold(b.text));
  const changed = folded.some((text, i) => text !== doc.blocks[i].text);
  const meta = changed ? { ...doc.meta, [ORIGINAL_TEXT_META]: textFromPairs(doc.blocks.map((b) => pairText(b.text)).join(' ')) } : doc.meta;
  const labels = [
    ...Object.entries(meta).map(([k, v]) => `<p data-pagefind-meta="${escapeAttr(k)}">${escapeText(v)}</p>`),
    ...Object.entries(doc.filters).flatMap(([k, vs]) => vs.map((v) => `<p data-pagefind-filter="${escapeAttr(k)}">${escapeText(v)}</p>`)),
  ];
  const body = doc.blocks.map(({ tag, id }, i) => {
    const name = HEADING.test(tag) ? tag : 'p';
    // Spaces inside: Pagefind joins the text of a heading to the next block without one.
    return `<${name}${id ? ` id="${escapeAttr(id)}"` : ''}> ${escapeText(pairText(folded[i], stop))} </${name}>`;
  });
  return `<!doctype html><html lang="${SEARCH_LANGUAGE}"><head><meta charset="utf-8"></head><body>${labels.join('')}<main data-pagefind-body>${body.join('')}</main></body></html>`;
}

