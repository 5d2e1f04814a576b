/**
 * Where the documents go when they are made from a request (the menu item "Tạo văn bản"):
 * the port; the Google Sheet's Drive folder (google/drive-folder.ts) or, for `thidua serve`,
 * a folder beside the workbook (documents/folder-shelf.ts).
 */
import type { RenderedFile } from './index.js';

export interface PlacedFile {
  name: string;
  /** Where a person opens it: Drive's `webViewLink`, or a file:// URL. */
  link: string;
  /** A file of that name was already there and now holds the new content. */
  updated: boolean;
}

export interface DocumentShelf {
  /** Puts every file, replacing the content of a same-named one; in the order given. */
  put(files: readonly RenderedFile[]): Promise<PlacedFile[]>;
}
