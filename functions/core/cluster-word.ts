/**
 * The word documents use for the cluster (MEETING.md): `Khối` when `Tên cụm` starts with
 * "Khối" (Khối thi đua …), else `Cụm`. Case, spaces and NFC/NFD do not matter.
 */
import { normalizeName } from './text.js';

export type ClusterWord = 'Khối' | 'Cụm';

export function clusterWord(clusterName: string): ClusterWord {
  return /^khối(\s|$)/.test(normalizeName(clusterName)) ? 'Khối' : 'Cụm';
}
