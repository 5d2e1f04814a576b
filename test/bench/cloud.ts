/** Cloud-path figures (Sheets API calls per run, runs per burst, cold start); filled in with the Google adapter. */
export async function cloudBench(): Promise<Record<string, unknown>> {
  return {};
}
