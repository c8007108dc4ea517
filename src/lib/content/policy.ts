/**
 * The body policy: what the MDX parser read from a report body, judged against an allowlist.
 * Markdown and GFM pass; of MDX only the elements and components of ./elements.ts, with literal
 * attribute values, and nothing else: no ESM, no expression in text or attributes, no spread.
 * Links and images must use an allowed scheme (./url.ts). Each problem names the line and says
 * what to write instead.
 */
import type { Nodes, Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import { allowedNames, BODY_COMPONENTS, BODY_ELEMENTS } from './elements';
import { displayUrl, isAllowedUrl, LINK_SCHEMES, WEB_SCHEMES } from './url';

export interface BodyProblem {
  /** Line in the body (1-based). */
  line?: number;
  /** Frontmatter field the problem is about, e.g. `indicators.x.quote`. */
  field?: string;
  message: string;
}

const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

const ESM = '正文中的 import/export 语句会在构建时作为代码运行，报告正文不允许；若是原文文字，请在行首写“\\”，如“\\import” / an import or export statement would run as code at build time; not allowed in a report body';
const EXPRESSION = '正文中的“{…}”会被当作代码执行，报告正文不允许；若是原文文字，请写作“\\{…\\}” / a {…} expression would run as code; escape the braces as text';

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

function elementProblems(node: JsxElement): string[] {
  const name = node.name;
  if (!name) return ['正文中不允许空元素“<>…</>” / fragments (<>…</>) are not allowed in a report body'];
  const allowed = BODY_ELEMENTS[name] ?? BODY_COMPONENTS[name]?.attributes;
  if (!allowed) {
    return [
      `正文中不允许 <${shorten(name)}> 元素（允许的只有 ${allowedNames()}）；若是原文文字，请写作“\\<${shorten(name)}\\>” / <${shorten(name)}> is not allowed in a report body (allowed: ${allowedNames()}); escape it as text`,
    ];
  }
  const out: string[] = [];
  for (const attr of node.attributes as (MdxJsxAttribute | MdxJsxExpressionAttribute)[]) {
    if (attr.type === 'mdxJsxExpressionAttribute') {
      out.push(`元素 <${name}> 中的“{…}”会被当作代码执行，不允许 / a {…} spread in <${name}> would run as code; not allowed`);
    } else if (!allowed.includes(attr.name)) {
      out.push(
        `元素 <${name}> 不允许属性“${shorten(attr.name)}”${allowed.length ? `（可用：${allowed.join('、')}）` : '（该元素不带属性）'} / attribute "${shorten(attr.name)}" is not allowed on <${name}>`,
      );
    } else if (typeof attr.value !== 'string') {
      out.push(`元素 <${name}> 的属性 ${attr.name} 必须是引号中的文字，不能是“{…}”表达式 / attribute ${attr.name} of <${name}> must be literal text in quotes, not an expression`);
    }
  }
  return out;
}

/** Why a link or image URL of a body is refused, or undefined when its scheme is allowed (./url.ts). */
export function urlProblem(url: string, kind: 'link' | 'image'): string | undefined {
  const schemes = kind === 'image' ? WEB_SCHEMES : LINK_SCHEMES;
  if (isAllowedUrl(url, schemes)) return undefined;
  return kind === 'image'
    ? `图片地址“${displayUrl(url)}”不安全：只能是 http(s) 网址或本站文件 / image address not allowed: only http(s) or a file of this site`
    : `链接地址“${displayUrl(url)}”不安全：只能是 http(s)、mailto 网址或本站页面 / link address not allowed: only http(s), mailto or a page of this site`;
}

/** Every problem of a parsed body (mdast from the site's MDX parser), in document order. */
export function policyProblems(tree: Root): BodyProblem[] {
  const found: BodyProblem[] = [];
  visit(tree, (node: Nodes) => {
    const line = node.position?.start.line;
    const add = (message: string) => found.push({ line, message });
    switch (node.type) {
      case 'mdxjsEsm':
        add(ESM);
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        add(EXPRESSION);
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        elementProblems(node).forEach(add);
        break;
      case 'html':
        add('正文中不允许 HTML 代码；若是原文文字，请把“<”写作“\\<” / raw HTML is not allowed in a report body');
        break;
      case 'link':
      case 'definition': {
        const p = urlProblem(node.url, 'link');
        if (p) add(p);
        break;
      }
      case 'image':
      case 'imageReference': {
        const p = node.type === 'image' ? urlProblem(node.url, 'image') : undefined;
        if (p) add(p);
        break;
      }
    }
  });
  return found;
}
