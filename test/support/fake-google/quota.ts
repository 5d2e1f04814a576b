/**
 * Sheets' per-minute quotas as Google enforces them (developers.google.com/sheets/api/limits):
 * read and write requests are counted apart, per user per project and per project, and
 * refilled every minute. Over the limit: 429 RESOURCE_EXHAUSTED with Google's error body
 * (an ErrorInfo with reason RATE_LIMIT_EXCEEDED naming the quota metric and limit).
 */
import { FakeApiError } from './model.js';

export interface QuotaLimits {
  readPerUser: number;
  writePerUser: number;
  readPerProject: number;
  writePerProject: number;
}

/** Google's published defaults. */
export const SHEETS_QUOTA: QuotaLimits = { readPerUser: 60, writePerUser: 60, readPerProject: 300, writePerProject: 300 };

export type QuotaKind = 'read' | 'write';

export class QuotaExceeded extends FakeApiError {
  constructor(readonly kind: QuotaKind, readonly scope: 'user' | 'project', readonly limit: number) {
    const metric = kind === 'read' ? 'Read requests' : 'Write requests';
    const per = scope === 'user' ? 'per minute per user' : 'per minute';
    super(429, `Quota exceeded for quota metric '${metric}' and limit '${metric} ${per}' of service 'sheets.googleapis.com' for consumer 'project_number:123456789012'.`);
  }

  details(): unknown[] {
    const metric = this.kind === 'read' ? 'read_requests' : 'write_requests';
    const limit = `${this.kind === 'read' ? 'Read' : 'Write'}RequestsPerMinute${this.scope === 'user' ? 'PerUser' : ''}`;
    return [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'RATE_LIMIT_EXCEEDED',
        domain: 'googleapis.com',
        metadata: {
          consumer: 'projects/123456789012',
          quota_limit: limit,
          quota_limit_value: String(this.limit),
          quota_location: 'global',
          quota_metric: `sheets.googleapis.com/${metric}`,
          service: 'sheets.googleapis.com',
        },
      },
      { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Request a higher quota limit.', url: 'https://cloud.google.com/docs/quotas/help/request_increase' }] },
    ];
  }
}

/** Counts per minute of `now()`; `take` throws QuotaExceeded when a request would go over. */
export class QuotaMeter {
  private minute = -1;
  private readonly used = new Map<string, number>();
  /** Requests refused for quota, by kind. */
  readonly refused = { read: 0, write: 0 };
  /** The highest count any user reached in any minute, by kind (for the province figures). */
  readonly peak = { read: 0, write: 0, projectRead: 0, projectWrite: 0 };

  constructor(readonly limits: QuotaLimits, private readonly now: () => number) {}

  take(kind: QuotaKind, user: string): void {
    const minute = Math.floor(this.now() / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.used.clear();
    }
    const userKey = `${kind}:${user}`;
    const projectKey = `${kind}:*`;
    const u = (this.used.get(userKey) ?? 0) + 1;
    const p = (this.used.get(projectKey) ?? 0) + 1;
    const userLimit = kind === 'read' ? this.limits.readPerUser : this.limits.writePerUser;
    const projectLimit = kind === 'read' ? this.limits.readPerProject : this.limits.writePerProject;
    if (u > userLimit) {
      this.refused[kind]++;
      throw new QuotaExceeded(kind, 'user', userLimit);
    }
    if (p > projectLimit) {
      this.refused[kind]++;
      throw new QuotaExceeded(kind, 'project', projectLimit);
    }
    this.used.set(userKey, u);
    this.used.set(projectKey, p);
    if (kind === 'read') {
      this.peak.read = Math.max(this.peak.read, u);
      this.peak.projectRead = Math.max(this.peak.projectRead, p);
    } else {
      this.peak.write = Math.max(this.peak.write, u);
      this.peak.projectWrite = Math.max(this.peak.projectWrite, p);
    }
  }
}
