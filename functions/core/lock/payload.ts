/**
 * What the ledger keeps of a lock (MEETING.md): the evaluation of that moment before any
 * vote (scores, ranks, grades, proposals) and the scoring inputs' texts, as JSON text,
 * plus a hash of those inputs. Pure: the hash is sha256, computed without I/O.
 */
import { createHash } from 'node:crypto';
import type { EvaluationDetail, LockedResults } from '../evaluate.js';
import type { Issue, UnitResult } from '../model.js';
import { inputTexts, type InputTexts } from './inputs.js';

interface Payload {
  v: 2;
  /** The units as scored, before the vote: `award` is their `proposal`. */
  units: UnitResult[];
  inputs: InputTexts;
  issues: Issue[];
}

export interface LockContent {
  payload: string;
  /** sha256 (hex) of the scoring inputs. */
  inputHash: string;
}

export function lockContent(detail: EvaluationDetail): LockContent {
  const inputs = inputTexts(detail.inputs);
  const units = detail.evaluation.units.map((u) => ({ ...u, award: u.proposal, votes: [], voteResult: null }));
  const body: Payload = { v: 2, units, inputs, issues: detail.evaluation.issues };
  return { payload: JSON.stringify(body), inputHash: hashInputs(inputs) };
}

export function hashInputs(inputs: InputTexts): string {
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

/** The lock as `evaluate` takes it; null when the payload is not one this version wrote. */
export function lockedResults(at: number, payload: string): LockedResults | null {
  try {
    const body = JSON.parse(payload) as Partial<Payload>;
    if (body.v !== 2 || !Array.isArray(body.units) || typeof body.inputs !== 'object' || body.inputs === null) return null;
    return { at, units: body.units, inputs: body.inputs, issues: Array.isArray(body.issues) ? body.issues : [] };
  } catch {
    return null;
  }
}
