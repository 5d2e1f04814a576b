/**
 * The deployable service: registers the HTTP functions with functions-framework. Each is
 * deployed as its own Cloud Function from this one module (scripts/deploy.sh) and picks
 * its handler by name (--entry-point).
 *
 * Cold start: only functions-framework and the small request checks load here; the
 * pipeline, firebase-admin and the Google clients load on the first request that needs
 * them (cloud/runtime.ts, cloud/deps.ts), so `healthz` and refused requests stay cheap.
 */
import { http } from '@google-cloud/functions-framework';
import { cloudHandlers } from './cloud/handlers.js';
import { asHttpFunction } from './cloud/http.js';
import { instanceDeps, instanceVerifier } from './cloud/runtime.js';

const handlers = cloudHandlers({ deps: instanceDeps, verifyIdToken: instanceVerifier });

http('sheetEdited', asHttpFunction(handlers.sheetEdited));
http('reconcile', asHttpFunction(handlers.reconcile));
http('sendReports', asHttpFunction(handlers.sendReports));
http('lock', asHttpFunction(handlers.lock));
http('unlock', asHttpFunction(handlers.unlock));
http('makeDocuments', asHttpFunction(handlers.makeDocuments));
http('healthz', asHttpFunction(handlers.healthz));
