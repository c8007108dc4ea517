/**
 * Reads a report file of any supported format into a SourceText, the one input of the import
 * pipeline (../importer.ts): `.txt` in any common Chinese encoding (./encoding.ts), `.docx`
 * (../docx.ts), a saved web page `.html`/`.htm` (./html.ts) and `.pdf` (./pdf.ts).
 */
import { extname } from 'node:path';
import { readDocx } from './docx';
import { ImportError, type SourceText } from './types';
import { decodeText, TextFileError, type TextEncoding } from './encoding';

/** Extensions `readSource` reads, for messages and for picking files out of a directory. */
export const IMPORT_EXTENSIONS = ['.txt', '.docx', '.html', '.htm', '.pdf'] as const;

export interface ReadSource extends SourceText {
  /** For a .txt: the encoding it was saved in. */
  encoding?: TextEncoding;
}

/** Reads the bytes of `file` by its extension; throws ImportError with what to do when it cannot. */
export async function readSource(file: string, bytes: Uint8Array): Promise<ReadSource> {
  const ext = extname(file).toLowerCase();
  switch (ext) {
    case '.docx':
      return readDocx(bytes);
    case '.doc':
      throw new ImportError('不支持旧版 .doc 文件，请在 Word 中“另存为” .docx 后再导入 / old .doc files are not supported; save the file as .docx in Word first', 'unreadable');
    case '.html':
    case '.htm': {
      const { readHtml } = await import('./html');
      return readHtml(bytes);
    }
    case '.pdf': {
      const { readPdf } = await import('./pdf');
      // pdf.js takes a plain Uint8Array (not a Node Buffer) and may detach it: give it a copy.
      return readPdf(new Uint8Array(bytes));
    }
    default:
      try {
        const decoded = decodeText(bytes);
        return { text: decoded.text, warnings: decoded.warnings, encoding: decoded.encoding };
      } catch (e) {
        if (e instanceof TextFileError) throw new ImportError(e.message, e.code);
        throw e;
      }
  }
}
