/** The documents into a local folder (`thidua serve`): written whole, then renamed into place. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFiles } from './index.js';
import type { DocumentShelf } from './shelf.js';

export function folderShelf(dir: string): DocumentShelf {
  return {
    async put(files) {
      const before = files.map((f) => existsSync(join(dir, f.name)));
      const paths = await writeFiles(files, dir);
      return paths.map((p, i) => ({ name: files[i]!.name, link: pathToFileURL(p).href, updated: before[i]! }));
    },
  };
}
