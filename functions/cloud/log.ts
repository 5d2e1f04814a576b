/**
 * Logs as Cloud Logging reads them from stdout: one JSON object per line with a
 * `severity`. Only ids, outcomes and counts are logged — never a request body, a sheet's
 * text or a secret.
 */
export type Severity = 'INFO' | 'WARNING' | 'ERROR';
export type CloudLog = (severity: Severity, message: string, fields?: Record<string, unknown>) => void;

export const jsonLog: CloudLog = (severity, message, fields = {}) => {
  const line = JSON.stringify({ severity, message, ...fields });
  if (severity === 'ERROR') process.stderr.write(line + '\n');
  else process.stdout.write(line + '\n');
};

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
