/** A framework-independent handler as an Express/functions-framework one. */
import type { Request, Response } from '@google-cloud/functions-framework';
import type { CloudHandler } from './handlers.js';
import { errorText, jsonLog } from './log.js';

export function asHttpFunction(handler: CloudHandler) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      const r = await handler({
        method: req.method,
        headers: req.headers,
        // functions-framework keeps the bytes it parsed; no body at all leaves it unset.
        rawBody: req.rawBody ?? Buffer.alloc(0),
      });
      for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
      res.status(r.status).json(r.body);
    } catch (e) {
      jsonLog('ERROR', 'unhandled', { error: errorText(e) });
      res.status(500).json({ ok: false, error: 'Lỗi máy chủ' });
    }
  };
}
