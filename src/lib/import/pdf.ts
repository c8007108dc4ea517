/** PDF files as SourceText: to be written (see the real-imports issue). */
import { ImportError, type SourceText } from '../importer';

export async function readPdf(_bytes: Uint8Array): Promise<SourceText> {
  throw new ImportError('暂不支持导入 PDF 文件 / PDF files cannot be imported yet', 'unreadable');
}
