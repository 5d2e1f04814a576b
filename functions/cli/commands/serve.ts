/** `thidua serve --workbook FILE.xlsx [--port N]` */
import type { Subcommand } from '../command.js';

export const serve: Subcommand = {
  name: 'serve',
  summary: { vi: 'chạy các hàm HTTP của bản đám mây (sheetEdited, reconcile, …) trên máy này', en: 'run the cloud version\'s HTTP functions (sheetEdited, reconcile, …) on this machine' },
  description: {
    vi: 'Phục vụ các hàm sheetEdited, reconcile, sendReports trên một bảng tính .xlsx, như bản đám mây\n' +
      'làm với Google Sheet. Mọi yêu cầu POST phải được ký (biến môi trường THIDUA_WEBHOOK_SECRET).',
    en: 'Serves the functions sheetEdited, reconcile, sendReports on an .xlsx workbook, as the cloud version does\n' +
      'on a Google Sheet. Every POST request must be signed (the environment variable THIDUA_WEBHOOK_SECRET).',
  },
  args: [],
  options: ['workbook', 'port', 'outbox', 'ledger'],
  examples: [['THIDUA_WEBHOOK_SECRET=… thidua serve --workbook khoi.xlsx --port 8080', { vi: 'phục vụ tại http://127.0.0.1:8080', en: 'serves at http://127.0.0.1:8080' }]],
  async run(_args, o) {
    return (await import('../serve.js')).serveCommand(o);
  },
};
