/**
 * Attack cases against report files, written for this project (the classes of the security
 * issue, with the obfuscations sanitizers are known to miss). Each is a report body or frontmatter
 * an attacker could submit, and what must become of it:
 * - `rejected`: check and build refuse the file, naming a line (or field) and why;
 * - `inert`: it is published, but as text: nothing in it runs (tests/security/inert.ts says what
 *   "runs" means).
 */

export type Outcome = 'rejected' | 'inert';

export interface Attack {
  name: string;
  /** The class of attack, for the closing count. */
  kind: 'esm' | 'expression' | 'element' | 'attribute' | 'url' | 'raw-html' | 'frontmatter' | 'text';
  outcome: Outcome;
  /** Body text (placed after a heading); a sentence of the report is added so it is never empty. */
  body?: string;
  /** A title instead of the usual one. */
  title?: string;
  /** Extra frontmatter, as YAML lines. */
  yaml?: string;
  /** For rejected cases: the line of the body (1-based, counting from its first line) to be named. */
  line?: number;
  /** For rejected frontmatter: the field to be named. */
  field?: string;
}

/** Where build-time attacks try to write; the tests check it is never created. */
export const SENTINEL = '/tmp/fazhi-security-sentinel';

export const ATTACKS: Attack[] = [
  // Code at build time: ESM and expressions.
  { name: 'import of node:fs', kind: 'esm', outcome: 'rejected', body: `import fs from 'node:fs'\n\nfs.writeFileSync('${SENTINEL}', 'x')`, line: 1 },
  { name: 'export running a command', kind: 'esm', outcome: 'rejected', body: "export const id = require('child_process').execSync('id').toString()", line: 1 },
  { name: 'export after text', kind: 'esm', outcome: 'rejected', body: `正文一段。\n\nexport function f() { return require('fs').writeFileSync('${SENTINEL}', '') }`, line: 3 },
  { name: 'expression in text', kind: 'expression', outcome: 'rejected', body: '构建机用户：{process.env.USER}。', line: 1 },
  { name: 'expression as a block writing a file', kind: 'expression', outcome: 'rejected', body: `{require('fs').writeFileSync('${SENTINEL}', 'x')}`, line: 1 },
  { name: 'dynamic import in an expression', kind: 'expression', outcome: 'rejected', body: "{import('node:child_process').then((m) => m.execSync('id'))}", line: 1 },
  { name: 'expression in an attribute', kind: 'expression', outcome: 'rejected', body: '<abbr title={process.env.HOME}>家</abbr>', line: 1 },
  { name: 'spread attributes', kind: 'expression', outcome: 'rejected', body: "<abbr {...{ onClick: 'alert(1)' }}>复议</abbr>", line: 1 },
  { name: 'expression in a component attribute', kind: 'expression', outcome: 'rejected', body: '<Note title={globalThis.process.env.PATH}>说明</Note>', line: 1 },
  { name: 'comment expression hiding code', kind: 'expression', outcome: 'rejected', body: '文字{/* x */ globalThis.alert?.(1)}', line: 1 },
  // Elements that run or load things.
  { name: 'script element', kind: 'element', outcome: 'rejected', body: '<script>alert(1)</script>', line: 1 },
  { name: 'img with onerror', kind: 'element', outcome: 'rejected', body: '<img src="x" onerror="alert(1)" />', line: 1 },
  { name: 'mixed-case event attribute', kind: 'element', outcome: 'rejected', body: '<img src="x" OnErRoR="alert(1)" />', line: 1 },
  { name: 'svg with onload', kind: 'element', outcome: 'rejected', body: '<svg onload="alert(1)"><circle r="1" /></svg>', line: 1 },
  { name: 'svg script with xlink', kind: 'element', outcome: 'rejected', body: '<svg><a xlinkHref="javascript:alert(1)"><text>点</text></a></svg>', line: 1 },
  { name: 'MathML namespace confusion', kind: 'element', outcome: 'rejected', body: '<math><mtext><table><mglyph><style>{"<img src=x onerror=alert(1)>"}</style></mglyph></table></mtext></math>', line: 1 },
  { name: 'iframe srcdoc', kind: 'element', outcome: 'rejected', body: '<iframe srcdoc="<script>alert(1)</script>" />', line: 1 },
  { name: 'base href', kind: 'element', outcome: 'rejected', body: '<base href="https://evil.example/" />', line: 1 },
  { name: 'meta refresh', kind: 'element', outcome: 'rejected', body: '<meta httpEquiv="refresh" content="0;url=javascript:alert(1)" />', line: 1 },
  { name: 'form with formaction', kind: 'element', outcome: 'rejected', body: '<form><button formAction="javascript:alert(1)">提交</button></form>', line: 1 },
  { name: 'anchor with javascript href', kind: 'element', outcome: 'rejected', body: '<a href="javascript:alert(1)">点我</a>', line: 1 },
  { name: 'details ontoggle', kind: 'element', outcome: 'rejected', body: '<details open ontoggle="alert(1)">x</details>', line: 1 },
  { name: 'style with url()', kind: 'element', outcome: 'rejected', body: '<style>{"body{background:url(javascript:alert(1))}"}</style>', line: 1 },
  { name: 'object data URL', kind: 'element', outcome: 'rejected', body: '<object data="data:text/html,<script>alert(1)</script>" />', line: 1 },
  { name: 'unknown component', kind: 'element', outcome: 'rejected', body: '<Script>alert(1)</Script>', line: 1 },
  { name: 'member component', kind: 'element', outcome: 'rejected', body: '<globalThis.process />', line: 1 },
  { name: 'fragment', kind: 'element', outcome: 'rejected', body: '<>片段</>', line: 1 },
  { name: 'nested allowed element around a forbidden one', kind: 'element', outcome: 'rejected', body: '<Note title="说明"><sup><img src="x" onerror="alert(1)" /></sup></Note>', line: 1 },
  // Attributes on allowed elements.
  { name: 'event attribute on an allowed element', kind: 'attribute', outcome: 'rejected', body: '<abbr title="复议" onclick="alert(1)">复议</abbr>', line: 1 },
  { name: 'style attribute with url()', kind: 'attribute', outcome: 'rejected', body: '<abbr style="background:url(javascript:alert(1))">复议</abbr>', line: 1 },
  { name: 'Astro set:html directive', kind: 'attribute', outcome: 'rejected', body: '<abbr set:html="<img src=x onerror=alert(1)>">复议</abbr>', line: 1 },
  { name: 'Astro is:raw on a component', kind: 'attribute', outcome: 'rejected', body: '<Note is:raw>说明</Note>', line: 1 },
  { name: 'id that could clobber the page', kind: 'attribute', outcome: 'rejected', body: '<abbr id="search-status">复议</abbr>', line: 1 },
  // Raw HTML that the Markdown shortcut once let through.
  { name: 'HTML comment with an escaped tag', kind: 'raw-html', outcome: 'rejected', body: '<!-- 注释 --> \\<script>alert(1)\\</script>', line: 1 },
  { name: 'autolink with a quote', kind: 'raw-html', outcome: 'rejected', body: '<https://a.example/"onmouseover="alert(1)>', line: 1 },
  // Link and image URLs.
  { name: 'javascript: link', kind: 'url', outcome: 'rejected', body: '[点我](javascript:alert(1))', line: 1 },
  { name: 'mixed-case scheme', kind: 'url', outcome: 'rejected', body: '[点我](JaVaScRiPt:alert(1))', line: 1 },
  { name: 'entity-encoded scheme', kind: 'url', outcome: 'rejected', body: '[点我](&#106;&#97;vascript&#x3A;alert(1))', line: 1 },
  { name: 'tab inside the scheme', kind: 'url', outcome: 'rejected', body: '[点我](java&#x09;script:alert(1))', line: 1 },
  { name: 'newline entity inside the scheme', kind: 'url', outcome: 'rejected', body: '[点我](java&#10;script:alert(1))', line: 1 },
  { name: 'leading control character', kind: 'url', outcome: 'rejected', body: '[点我](&#1;javascript:alert(1))', line: 1 },
  { name: 'vbscript: link', kind: 'url', outcome: 'rejected', body: '[点我](vbscript:msgbox(1))', line: 1 },
  { name: 'data: link', kind: 'url', outcome: 'rejected', body: '[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', line: 1 },
  { name: 'reference definition with javascript:', kind: 'url', outcome: 'rejected', body: '见[附件][a]。\n\n[a]: javascript:alert(1)', line: 1 },
  { name: 'image with javascript: source', kind: 'url', outcome: 'rejected', body: '![图](javascript:alert(1))', line: 1 },
  { name: 'image with data: source', kind: 'url', outcome: 'rejected', body: '![图](data:image/svg+xml,<svg onload=alert(1)>)', line: 1 },
  { name: 'link in the fast renderer', kind: 'url', outcome: 'rejected', body: '## 二、工作\n\n详见[通知](javascript:alert(document.cookie))。', line: 3 },
  // Frontmatter.
  { name: 'javascript: source url', kind: 'frontmatter', outcome: 'rejected', yaml: 'source:\n  url: "javascript:alert(1)"', field: 'source.url' },
  { name: 'entity-encoded source url', kind: 'frontmatter', outcome: 'rejected', yaml: 'source:\n  url: "&#106;avascript:alert(1)"', field: 'source.url' },
  { name: 'data: source url', kind: 'frontmatter', outcome: 'rejected', yaml: 'source:\n  url: "data:text/html,<script>alert(1)</script>"', field: 'source.url' },
  // Published, as text.
  { name: 'entities that spell a script', kind: 'text', outcome: 'inert', body: '&lt;script&gt;alert(1)&lt;/script&gt; 与 &lt;img src=x onerror=alert(1)&gt;' },
  { name: 'escaped tags', kind: 'text', outcome: 'inert', body: '\\<img src=x onerror=alert(1)\\> 与 \\<script\\>alert(1)\\</script\\>' },
  { name: 'quotes inside a literal attribute', kind: 'text', outcome: 'inert', body: '<abbr title="&quot; onmouseover=&quot;alert(1)">复议</abbr>与<abbr title=\'" autofocus onfocus="alert(1)\'>应诉</abbr>' },
  { name: 'script text as a title', kind: 'text', outcome: 'inert', body: '<abbr title="javascript:alert(1)">复议</abbr>，<Note title="<img src=x onerror=alert(1)>">附件未收录。</Note>' },
  { name: 'heading text that looks like markup', kind: 'text', outcome: 'inert', body: '## \\<\\>"\'onmouseover=alert(1)\n\n## constructor\n\n正文。' },
  { name: 'broken link syntax with quotes', kind: 'text', outcome: 'inert', body: '[点我](https://a.example/" onclick="alert(1))' },
  { name: 'bare URL with quotes', kind: 'text', outcome: 'inert', body: '见 www.example.org/"onmouseover=alert(1) 网站。' },
  { name: 'allowed links', kind: 'text', outcome: 'inert', body: '见[中国政府网](https://www.gov.cn/)、[本站地区页](/places/hunan/huaihua/)与[邮箱](mailto:fzb@example.gov.cn)。' },
  { name: 'hostile title, site and publisher', kind: 'frontmatter', outcome: 'inert', title: '关于<script>alert(1)</script>]]>"\u2028的报告', yaml: 'source:\n  site: "</title><script>alert(1)</script>"\n  publisher: "=HYPERLINK(\\"https://evil.example\\",\\"x\\")"' },
];

/** Lines of frontmatter and heading before an attack's body, so body line n is file line n + BODY_OFFSET. */
const head = (a: Attack, year: number, place: string) => [
  '---',
  `title: ${JSON.stringify(a.title ?? `关于${place}${year}年度法治政府建设情况的报告`)}`,
  `year: ${year}`,
  'issuer: 怀化市人民政府',
  ...(a.yaml ? a.yaml.split('\n') : []),
  '---',
  '',
];

/** The report file of attack `a` as the report of `place` for `year`; its body starts at line `bodyStart`. */
export function attackFile(a: Attack, year: number, place = '怀化市'): { text: string; bodyStart: number } {
  const lines = head(a, year, place);
  const body = a.body ?? '本年度依法办理行政复议案件。';
  return { text: `${lines.join('\n')}\n${body}\n\n本年度依法办理行政复议案件。\n`, bodyStart: lines.length + 1 };
}
