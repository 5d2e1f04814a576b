/** `thidua` help and usage errors, in Vietnamese, as a person types them (the real bin, a fresh process). */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../functions/cli/commands/index.js';
import { usageErrorText } from '../../functions/cli/program.js';
import { thidua, tempDir } from '../support/cli.js';

const ENGLISH = /\b(Usage|Options|Commands|Arguments|display help|unknown option|error:|\[options\])\b/;

describe('help', () => {
  it('thidua --help and thidua help list every command in Vietnamese and exit 0', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = thidua(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('Cách dùng: thidua <lệnh>');
      expect(r.stdout).toContain('Các lệnh:');
      for (const c of COMMANDS) expect(r.stdout).toContain(c.name.split(' ')[0]);
      expect(r.stdout).toContain('Ví dụ:');
      expect(r.stdout).not.toMatch(ENGLISH);
    }
  });

  it('every subcommand explains itself with --help, -h and thidua help NAME: what, arguments, options, examples', () => {
    for (const c of COMMANDS) {
      const words = c.name.split(' ');
      for (const args of [[...words, '--help'], [...words, '-h'], ...(words.length === 1 ? [['help', ...words]] : [])]) {
        const r = thidua(args);
        expect(r.code, args.join(' ')).toBe(0);
        expect(r.stdout, args.join(' ')).toContain(`Cách dùng: thidua ${c.name}`);
        expect(r.stdout).toContain(c.description.vi.split('\n')[0]!.split(' ').slice(0, 4).join(' '));
        if (c.args.length) expect(r.stdout).toContain('Tham số:');
        expect(r.stdout).toContain('Tuỳ chọn:');
        expect(r.stdout).toContain('Ví dụ:');
        expect(r.stdout, args.join(' ')).not.toMatch(ENGLISH);
      }
    }
  });

  it('--ledger says where each command keeps its ledger: beside the workbook, or the project\'s Firestore for the Google commands', () => {
    const withLedger = COMMANDS.filter((c) => c.options.includes('ledger'));
    expect(withLedger.map((c) => c.name)).toEqual(expect.arrayContaining(['run', 'google setup', 'google new-year']));
    for (const c of withLedger) {
      const help = thidua([...c.name.split(' '), '--help']).stdout;
      // The option's lines, as one text (commander wraps them).
      const text = /--ledger <tệp\.sqlite>([\s\S]*?)\n {2}-/.exec(help)![1]!.replace(/\s+/g, ' ').trim();
      if (c.name.startsWith('google ')) {
        expect(text, c.name).toContain('thay cho sổ ghi Firestore của dự án Google Cloud');
        expect(text, c.name).not.toContain('cạnh bảng tính');
      } else {
        expect(text, c.name).toBe('sổ ghi SQLite (mặc định .thidua/ledger.sqlite cạnh bảng tính, hoặc biến môi trường THIDUA_LEDGER)');
      }
    }
  });

  it('says how to get it in English', () => {
    expect(thidua(['--help']).stdout).toContain('THIDUA_LANG=en thidua --help');
  });

  it('google new-year --force says what it does there: one more sheet, not overwriting a file', () => {
    const help = thidua(['google', 'new-year', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--force tạo thêm Google Sheet năm sau dù bảng tính này đã sang năm mới');
    expect(help).not.toContain('ghi đè nếu tệp đã có');
  });

  it('thidua alone shows the help and fails (nothing to do)', () => {
    const r = thidua([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Các lệnh:');
  });
});

/** Commander's and our help words in Vietnamese: none may show in the English help. */
const VIETNAMESE_HELP = /Cách dùng|Tuỳ chọn|Tham số|Các lệnh|Ví dụ|xem hướng dẫn|<(thư-mục|ngày|số|tệp[^>]*)>|bảng tính|chấm/;
const EN = { THIDUA_LANG: 'en' };

describe('help in English (THIDUA_LANG=en)', () => {
  it('thidua --help lists every command with what it does, in English', () => {
    for (const args of [['--help'], ['help']]) {
      const r = thidua(args, EN);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: thidua <command> [arguments] [options]');
      expect(r.stdout).toContain('Commands:');
      expect(r.stdout).toContain('make a new workbook for the cluster (.xlsx)');
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout).toContain('# score and print the ranking');
      expect(r.stdout).not.toMatch(VIETNAMESE_HELP);
    }
  });

  it('every subcommand explains itself in English: what, arguments, options, examples', () => {
    for (const c of COMMANDS) {
      const r = thidua([...c.name.split(' '), '--help'], EN);
      expect(r.code, c.name).toBe(0);
      expect(r.stdout, c.name).toContain(`Usage: thidua ${c.name}`);
      expect(r.stdout.replace(/\s+/g, ' '), c.name).toContain(c.description.en.split('\n')[0]!.split(' ').slice(0, 6).join(' '));
      if (c.args.length) expect(r.stdout).toContain('Arguments:');
      expect(r.stdout).toContain('Options:');
      expect(r.stdout, c.name).toContain('Examples:');
      expect(r.stdout, c.name).not.toMatch(VIETNAMESE_HELP);
    }
    const run = thidua(['run', '--help'], EN).stdout;
    expect(run).toContain('--now <day>');
    expect(run).toMatch(/--ledger <file\.sqlite>\s+the SQLite ledger \(default \.thidua\/ledger\.sqlite/);
  });

  it('usage errors are English lines too', () => {
    const r = thidua(['run', 'x.xlsx', '--jsn'], EN);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('--jsn: did you mean --json?\nSee the help: thidua run --help\n');
    expect(thidua(['rn', 'x.xlsx'], EN).stderr).toContain('No command "rn": did you mean run?');
    expect(thidua(['run'], EN).stderr).toContain('Missing FILE.xlsx.');
  });

  it('lock, unlock, documents, remind and key say what they did in English', () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    expect(thidua(['init', file, '--sample']).code).toBe(0);
    // Inside the sample's reminder window: one unit still has an error.
    expect(thidua(['remind', file, '--now', '13/12/2023'], EN).stdout).toBe(`1 reminder (previews in ${join(dir, 'khoi-thu')})\n`);
    expect(thidua(['remind', file, '--now', '01/01/2023'], EN).stdout).toBe('No unit needs a reminder today.\n');
    const lock = thidua(['lock', file, '--now', '20/12/2023'], EN);
    expect(lock.code, lock.stderr).toBe(0);
    expect(lock.stdout).toMatch(/^Results locked at \d\d\/\d\d\/\d{4} \d\d:\d\d \(inputs [0-9a-f]{12}\)\.\nFrom now on points, ranks/);
    expect(thidua(['lock', file], EN).stderr).toMatch(/^The results were locked at .* To score again, unlock first: thidua unlock /);
    expect(thidua(['unlock', file], EN).stdout).toMatch(/^Results unlocked \(locked at .*\); scored again from the current data\.\n$/);
    expect(thidua(['unlock', file], EN).stderr).toBe(`The results of ${file} are not locked; nothing to unlock.\n`);
    const docs = thidua(['documents', file, '--out', join(dir, 'docs')], EN);
    expect(docs.code, docs.stderr).toBe(0);
    expect(docs.stdout).toMatch(/^Made \d+ document files in /);
    expect(docs.stdout).toContain('The results are not locked: the documents say "DỰ THẢO" (draft).');
    expect(thidua(['key', 'not an id!'], { ...EN, THIDUA_WEBHOOK_SECRET: 'x'.repeat(32) }).stderr).toBe('Not a spreadsheet id: not an id!\n');
  }, 120_000);

  it('a workbook that cannot be used is told in English too, exit 2', () => {
    const missing = join(tempDir(), 'khong-co.xlsx');
    const r = thidua(['run', missing], EN);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`No such file: ${missing}\n`);
    expect(thidua(['run', missing]).stderr).toBe(`Không tìm thấy tệp: ${missing}\n`);
  });

  it('a failure line is English too (a file that exists); so is what init says it made, or refuses to', () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    const made = thidua(['init', file], EN);
    expect(made.code).toBe(0);
    expect(made.stderr).toBe(`Made ${file}\n`);
    const ods = thidua(['init', join(dir, 'khoi.ods')], EN);
    expect(ods.code).toBe(1);
    expect(ods.stderr).toBe(`thidua makes .xlsx files only (not .ods): name it like ${join(dir, 'khoi.xlsx')}. LibreOffice and Excel both open .xlsx\n`);
    const r = thidua(['init', file], EN);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${file} already exists; not overwritten. Use --force if you really mean to make it again.\n`);
  });

  it('only THIDUA_LANG chooses English: an English LANG or LC_ALL leaves thidua Vietnamese', () => {
    const envs: Record<string, string>[] = [{ LANG: 'en_US.UTF-8' }, { LC_ALL: 'en_GB.UTF-8' }, { THIDUA_LANG: 'vi' }, { THIDUA_LANG: 'fr' }];
    for (const env of envs) {
      expect(thidua(['--help'], env).stdout, JSON.stringify(env)).toContain('Cách dùng: thidua <lệnh>');
    }
    expect(thidua(['--help'], { THIDUA_LANG: 'EN_us.UTF-8' }).stdout).toContain('Usage: thidua <command>');
  });
});

describe('usage errors', () => {
  it('an unknown option names the closest known one', () => {
    const r = thidua(['run', 'x.xlsx', '--jsn']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--jsn: ý bạn là --json?');
    expect(r.stderr).toContain('thidua run --help');
    expect(r.stdout).toBe('');
  });

  it('an unknown command names the closest one; a missing argument says which', () => {
    expect(thidua(['rn', 'x.xlsx']).stderr).toContain('Không có lệnh "rn": ý bạn là run?');
    const r = thidua(['run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Thiếu FILE.xlsx');
  });

  it('init x.ods or x.csv says that thidua writes .xlsx, and writes nothing', () => {
    const dir = tempDir();
    for (const name of ['x.ods', 'x.csv']) {
      const r = thidua(['init', join(dir, name)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('thidua chỉ tạo tệp .xlsx');
      expect(r.stderr).toContain('x.xlsx');
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--now takes dd/mm/yyyy and yyyy-mm-dd; a day not on the calendar is named', () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    expect(thidua(['init', file, '--sample']).code).toBe(0);
    const a = thidua(['run', file, '--json', '--now', '20/12/2023']);
    const b = thidua(['run', file, '--json', '--now', '2023-12-20']);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout).units).toEqual(JSON.parse(b.stdout).units);
    const bad = thidua(['run', file, '--now', '31/02/2023']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"31/02/2023" không phải ngày');
  });

  it('a bad option value is named as typed, by its flag, in Vietnamese — not zod\'s English', () => {
    const cases: [string[], string][] = [
      [['serve', '--workbook', 'x.xlsx', '--port', 'abc'], '--port: "abc" không phải cổng; hãy ghi một số từ 0 đến 65535, ví dụ 8080'],
      [['serve', '--workbook', 'x.xlsx', '--port', '70000'], '--port: "70000" không phải cổng'],
      [['google', 'setup', '--from', 'x.xlsx', '--admin', 'van.thu'], '--admin: "van.thu" không phải địa chỉ email'],
      [['run', 'x.xlsx', '--smtp', 'mail.example.vn'], '--smtp: "mail.example.vn" không phải địa chỉ máy chủ thư'],
      [['run', 'x.xlsx', '--outbox', ''], '--outbox: cần một tên tệp hoặc thư mục, không để trống'],
      [['google', 'new-year', 'X', '--client-id-file', ''], '--client-id-file: cần một tên tệp hoặc thư mục'],
    ];
    for (const [args, says] of cases) {
      const r = thidua(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toContain(says);
      expect(r.stderr, args.join(' ')).not.toMatch(/Invalid|expected|Too small|received/);
    }
    const en = thidua(['serve', '--workbook', 'x.xlsx', '--port', 'abc'], EN);
    expect(en.stderr).toBe('--port: "abc" is not a port; give a number from 0 to 65535, e.g. 8080\nSee the help: thidua serve --help\n');
  });

  it('commander messages I do not expect still come out without "error:"', () => {
    expect(usageErrorText("error: option '--now <ngày>' argument missing", 'run')).toBe('Tuỳ chọn --now cần một giá trị.\nXem hướng dẫn: thidua run --help');
    expect(usageErrorText('error: something new', '')).toBe('something new\nXem hướng dẫn: thidua --help');
  });
});

describe('outbox', () => {
  it('without --outbox, previews go to a folder beside the workbook, and the run says where', () => {
    const dir = tempDir();
    const other = tempDir();
    const file = join(dir, 'khoi.xlsx');
    expect(thidua(['init', file, '--sample']).code).toBe(0);
    const r = thidua(['run', file]);
    expect(r.code, r.stderr).toBe(0);
    const outbox = join(dir, 'khoi-thu');
    expect(readdirSync(outbox).some((f) => f.endsWith('.eml'))).toBe(true);
    expect(r.stdout).toContain(outbox);
    expect(existsSync(join(other, 'outbox'))).toBe(false);
    expect(existsSync(join(process.cwd(), 'outbox'))).toBe(false);
  });
});
