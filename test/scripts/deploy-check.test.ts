/**
 * `scripts/deploy.sh --check` against a stand-in `gcloud` on PATH that answers as a new
 * organisation's project would: no billing, APIs off, domain-restricted sharing and key
 * creation blocked, no build account. Each blocking condition is reported with its fix,
 * nothing is changed (the stand-in records every call), and the exit status says blocked.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function fakeGcloud(answers: string): { dir: string; calls: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-gcloud-'));
  const log = join(dir, 'calls.log');
  writeFileSync(join(dir, 'gcloud'), `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> '${log}'\nargs="$*"\n${answers}\nexit 0\n`);
  chmodSync(join(dir, 'gcloud'), 0o755);
  return { dir, calls: () => readFileSync(log, 'utf8').trim().split('\n') };
}

const NEW_ORG = `
case "$args" in
  *"auth list"*) echo admin@so.gov.vn ;;
  *"billing projects describe"*) echo False ;;
  *"projects describe"*) echo ok ;;
  *"secrets describe"*) exit 1 ;;
  *"services list"*) echo sheets.googleapis.com ;;
  *"org-policies describe iam.allowedPolicyMemberDomains"*) echo '{"listPolicy": {"allowedValues": ["C0abc"]}}' ;;
  *"org-policies describe iam.disableServiceAccountKeyCreation"*) echo '{"booleanPolicy": {"enforced": true}}' ;;
  *"org-policies describe"*) exit 1 ;;
  *"service-accounts describe"*) exit 1 ;;
esac`;

describe('deploy.sh --check', () => {
  it("reports each blocking condition of a new organisation's project with its fix, and changes nothing", () => {
    const g = fakeGcloud(NEW_ORG);
    const r = spawnSync('bash', ['scripts/deploy.sh', '--check'], { encoding: 'utf8', env: { ...process.env, PATH: `${g.dir}:${process.env.PATH}`, PROJECT: 'thidua-tinh-x', THIDUA_MAIL_TRANSPORT: 'smtp' } });
    expect(r.status).toBe(1);
    const out = r.stdout;
    expect(out).toContain('✗ dự án chưa gắn tài khoản thanh toán');
    expect(out).toContain('gcloud billing projects link thidua-tinh-x');
    expect(out).toMatch(/✗ chưa bật API: .*cloudfunctions\.googleapis\.com/);
    expect(out).toContain('--no-invoker-iam-check');
    expect(out).toContain('thidua-build@thidua-tinh-x.iam.gserviceaccount.com');
    expect(out).toContain('Gmail ký JWT qua IAM Credentials signJwt');
    expect(out).toContain('✗ THIDUA_MAIL_TRANSPORT=smtp nhưng chưa có secret thidua-smtp-url');
    expect(out).toContain('cổng 25 bị chặn');
    // Only looks: no create, enable, deploy, add-iam-policy-binding.
    expect(g.calls().filter((c) => /\b(create|enable|deploy|add-iam-policy-binding|update)\b/.test(c.replace(/describe|list/g, '')))).toEqual([]);
  });

  it('says nothing blocks when the project is ready', () => {
    const g = fakeGcloud(`
case "$args" in
  *"auth list"*) echo admin@so.gov.vn ;;
  *"billing projects describe"*) echo True ;;
  *"services list"*) printf '%s\\n' cloudfunctions.googleapis.com run.googleapis.com cloudbuild.googleapis.com artifactregistry.googleapis.com cloudscheduler.googleapis.com secretmanager.googleapis.com firestore.googleapis.com iam.googleapis.com sheets.googleapis.com drive.googleapis.com ;;
  *"get-iam-policy"*) printf '%s\\n' roles/logging.logWriter roles/artifactregistry.writer roles/storage.objectAdmin ;;
  *"org-policies describe"*) exit 1 ;;
esac`);
    const r = spawnSync('bash', ['scripts/deploy.sh', '--check'], { encoding: 'utf8', env: { ...process.env, PATH: `${g.dir}:${process.env.PATH}`, PROJECT: 'thidua-tinh-x', THIDUA_MAIL_TRANSPORT: '' } });
    expect(r.stdout).toContain('Không có gì chặn việc triển khai.');
    expect(r.status).toBe(0);
  });
});
