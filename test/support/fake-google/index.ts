export { FakeGoogle, type Endpoint, type Fault, type SentMail, type LoggedRequest } from './server.js';
export { seedSpreadsheet, fakeCell } from './seed.js';
export type { FakeCell, FakeSheet, FakeSpreadsheet } from './model.js';
