/** `thidua serve --workbook FILE.xlsx [--port N]` */
import type { Subcommand } from '../command.js';

export const serve: Subcommand = {
  name: 'serve',
  summary: 'chạy các hàm HTTP của bản đám mây (sheetEdited, reconcile, …) trên máy này',
  description:
    'Phục vụ các hàm sheetEdited, reconcile, sendReports trên một bảng tính .xlsx, như bản đám mây\n' +
    'làm với Google Sheet. Mọi yêu cầu POST phải được ký (biến môi trường THIDUA_WEBHOOK_SECRET).',
  args: [],
  options: ['workbook', 'port', 'outbox', 'ledger'],
  examples: [['THIDUA_WEBHOOK_SECRET=… thidua serve --workbook khoi.xlsx --port 8080', 'phục vụ tại http://127.0.0.1:8080']],
  async run(_args, o) {
    return (await import('../serve.js')).serveCommand(o);
  },
};
