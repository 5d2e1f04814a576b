/**
 * Watches one workbook file for saves. Editors save through temp files and renames
 * (LibreOffice, Excel) so the file's folder is watched, not the file's inode; lock files
 * (`.~lock.NAME#`, `~$NAME`) and our own temp files are ignored. Events are debounced:
 * one save often fires several.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface FileWatch {
  close(): void;
}

export function watchWorkbook(path: string, onSave: () => void, debounceMs = 400): FileWatch {
  const name = basename(path);
  let timer: NodeJS.Timeout | null = null;
  const watcher: FSWatcher = watch(dirname(path), (_event, file) => {
    // Some platforms give no file name: then any change in the folder is a reason to look.
    if (file !== null && file.toString() !== name) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onSave();
    }, debounceMs);
  });
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
