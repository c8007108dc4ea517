/** Saved web pages (.html/.htm) as SourceText: to be written (see the real-imports issue). */
import { ImportError, type SourceText } from '../importer';

export async function readHtml(_bytes: Uint8Array): Promise<SourceText> {
  throw new ImportError('暂不支持导入网页文件 / web pages cannot be imported yet', 'unreadable');
}
