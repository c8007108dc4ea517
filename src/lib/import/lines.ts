/** What a line of a page is, before any rule judges it: its Simplified form, and whether it is prose. */
import * as OpenCC from 'opencc-js/t2cn';

const toSimplifiedChars = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** The line in Simplified characters (character by character, so offsets are kept when the length is). */
export const toSimplified = (line: string): string => (/[^\x00-\x7f]/.test(line) ? toSimplifiedChars(line) : line);

/** Sentence-ending punctuation: a line that has it is prose, never chrome. */
export const isProse = (line: string): boolean => /[。！？]/.test(line);
