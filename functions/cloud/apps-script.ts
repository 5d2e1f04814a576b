/**
 * The sheet's Apps Script project as `thidua google setup` binds it (Apps Script API
 * `projects.updateContent`): Code.gs and appsscript.json as in scripts/apps-script/, plus a
 * Config.gs with this sheet's key and the functions' URLs — the Apps Script API cannot set
 * Script Properties, and a bound script's files are visible only to the sheet's editors,
 * who could read its properties anyway.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ScriptConfig {
  THIDUA_SHEET_KEY: string;
  THIDUA_URL_SHEET_EDITED: string;
  THIDUA_URL_RECONCILE: string;
  THIDUA_URL_SEND_REPORTS: string;
  THIDUA_URL_LOCK?: string;
  THIDUA_URL_UNLOCK?: string;
  THIDUA_URL_MAKE_DOCUMENTS?: string;
}

/** An Apps Script API `File`. */
export interface ScriptFile {
  name: string;
  type: 'SERVER_JS' | 'JSON';
  source: string;
}

/** scripts/apps-script/ beside the sources (functions/cloud → ../..) or the build (dist/functions/cloud → ../../..). */
export function appsScriptDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../..', '../../..']) {
    const dir = join(here, up, 'scripts', 'apps-script');
    if (existsSync(join(dir, 'Code.gs'))) return dir;
  }
  throw new Error(`Không tìm thấy scripts/apps-script/ gần ${here}`);
}

/** Config.gs: one constant Code.gs reads before the Script Properties. */
export function configGs(config: Partial<ScriptConfig>): string {
  return (
    '/** Viết bởi `thidua google setup`: địa chỉ các hàm và khóa riêng của bảng tính này. Đừng chia sẻ ra ngoài. */\n' +
    `const THIDUA_CONFIG = ${JSON.stringify(config, null, 2)};\n`
  );
}

export function scriptFiles(config: ScriptConfig, dir = appsScriptDir()): ScriptFile[] {
  return [
    { name: 'appsscript', type: 'JSON', source: readFileSync(join(dir, 'appsscript.json'), 'utf8') },
    { name: 'Config', type: 'SERVER_JS', source: configGs(config) },
    { name: 'Code', type: 'SERVER_JS', source: readFileSync(join(dir, 'Code.gs'), 'utf8') },
  ];
}
