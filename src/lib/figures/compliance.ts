/**
 * Compliance with the 2019 《法治政府建设与责任落实督察工作规定》: each annual report must cover
 * four parts (a fifth, other matters, is optional) and be published before 1 April of the
 * following year. Parts are detected from headings, which reports phrase in many ways; where a
 * part is commonly written as a paragraph rather than a heading (第一责任人, 下一步), an
 * opening phrase of a paragraph counts too.
 */

export const PART_KEYS = ['measures', 'shortcomings', 'leadership', 'nextYear'] as const;
export type PartKey = (typeof PART_KEYS)[number];

export interface PartRule {
  key: PartKey;
  /** Short Chinese name, as the regulation words it. */
  label: string;
  heading: RegExp;
  /** Opening of a paragraph that also counts, for parts often written without a heading. */
  paragraph?: RegExp;
}

export const PART_RULES: readonly PartRule[] = [
  {
    key: 'measures',
    label: '主要举措和成效',
    heading: /主要举措|主要成效|取得.{0,4}成效|主要工作|工作开展情况|主要做法|工作情况|工作成效|推进情况|进展/,
  },
  {
    key: 'shortcomings',
    label: '存在的不足和原因',
    heading: /不足|存在.{0,4}问题|问题.{0,2}(和|与|及)|短板|差距|薄弱/,
    paragraph: /^(同时|但是|但)?[，,]?(存在的?(不足|问题)|工作中.{0,10}(不足|问题))/,
  },
  {
    key: 'leadership',
    label: '党政主要负责人履行推进法治建设第一责任人职责情况',
    heading: /第一责任人|主要负责人.{0,10}(职责|责任)/,
    paragraph: /第一责任人职责/,
  },
  {
    key: 'nextYear',
    label: '下一年度工作安排',
    heading: /下一步|下一年|下年度|明年|工作安排|工作设想|工作打算|工作计划|工作思路|\d{4}年.{0,6}(安排|计划|打算|思路|重点)/,
    paragraph: /^下一步[，,]/,
  },
];

export interface ComplianceInput {
  year: number;
  publishedDate?: Date;
  /** Heading texts of the body, any level. */
  headings: readonly string[];
  /** Paragraph texts of the body. */
  paragraphs: readonly string[];
}

export type Timeliness = 'onTime' | 'late' | 'unknown';

export interface Compliance {
  parts: Record<PartKey, boolean>;
  missing: PartRule[];
  timeliness: Timeliness;
  /** The last day a report for `year` may be published: 31 March of the next year. */
  deadline: Date;
}

/** 31 March of the year after `year`, UTC (dates in frontmatter are UTC midnight). */
export const deadlineFor = (year: number) => new Date(Date.UTC(year + 1, 2, 31));

export function timeliness(year: number, publishedDate?: Date): Timeliness {
  if (!publishedDate) return 'unknown';
  return publishedDate.getTime() <= deadlineFor(year).getTime() ? 'onTime' : 'late';
}

/** Which required parts a body covers, from its headings and paragraphs. */
export function partsCovered(input: Pick<ComplianceInput, 'headings' | 'paragraphs'>): Record<PartKey, boolean> {
  const parts = {} as Record<PartKey, boolean>;
  for (const rule of PART_RULES) {
    parts[rule.key] =
      input.headings.some((h) => rule.heading.test(h)) || (!!rule.paragraph && input.paragraphs.some((p) => rule.paragraph!.test(p.trim())));
  }
  // Many reports present their measures as topic headings (一、加强组织领导 …) with no heading
  // that names them: any top-level content before the shortcomings part is then the measures.
  if (!parts.measures) {
    const other = PART_RULES.filter((r) => r.key !== 'measures');
    parts.measures = input.headings.some((h) => !other.some((r) => r.heading.test(h)));
  }
  return parts;
}

/** Compliance from the parts a body covers (see partsCovered) and the publication date. */
export function complianceOf(parts: Record<PartKey, boolean>, year: number, publishedDate?: Date): Compliance {
  return {
    parts,
    missing: PART_RULES.filter((r) => !parts[r.key]),
    timeliness: timeliness(year, publishedDate),
    deadline: deadlineFor(year),
  };
}

export function assessCompliance(input: ComplianceInput): Compliance {
  return complianceOf(partsCovered(input), input.year, input.publishedDate);
}

/** Headings and paragraphs of an MDX body as plain text (bodies are Markdown paragraphs and ATX headings). */
export function outline(body: string): { headings: string[]; paragraphs: string[] } {
  const headings: string[] = [];
  const paragraphs: string[] = [];
  for (const block of body.split(/\n\s*\n/)) {
    const text = block.trim().replace(/\\(.)/g, '$1');
    if (!text) continue;
    const h = /^#{1,6}\s+(.*)$/.exec(text);
    if (h) headings.push(h[1].trim());
    else paragraphs.push(text);
  }
  return { headings, paragraphs };
}
