#!/usr/bin/env bash
# Deploys thidua's HTTP functions to Google Cloud (docs/cloud.md):
#   - Cloud Functions 2nd gen, Node.js 20: sheetEdited, reconcile, sendReports, healthz,
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
#   scripts/deploy.sh --stage-only DIR     build and check the upload folder, deploy nothing
#
# Optional: THIDUA_LEDGER_PREFIX (default thidua); THIDUA_MAIL_TRANSPORT=gmail with
# THIDUA_MAIL_FROM and a key of a service account with domain-wide delegation stored in the
# secret `thidua-gmail-key`; or THIDUA_MAIL_TRANSPORT=smtp with the URL stored in the
# secret `thidua-smtp-url`.
#
# Needs: gcloud (logged in as someone who may create service accounts, secrets, functions
# and scheduler jobs in PROJECT), node 20 and npm. Safe to run again: what exists is kept
# or updated.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

say() { printf '\n== %s\n' "$*"; }
die() { printf 'Lỗi: %s\n' "$*" >&2; exit 1; }

# ── the upload folder: compiled JavaScript, templates, a package.json naming the entry ──
stage() {
  local dir=$1
  say "Biên dịch TypeScript và chuẩn bị thư mục tải lên: $dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  npx tsc -p tsconfig.build.json --outDir "$dir/dist"
  cp -R templates "$dir/"
  # Same exact dependency versions as the project; no dev dependencies, no build step in
  # the cloud (the code is already JavaScript).
  node -e '
    const pkg = require("./package.json");
    const { tsx, ...dependencies } = pkg.dependencies;
    const out = { name: pkg.name + "-functions", version: pkg.version, private: true, type: "module",
      main: "dist/functions/index.js", engines: { node: "20" }, dependencies, scripts: { "gcp-build": "" } };
    require("fs").writeFileSync(process.argv[1] + "/package.json", JSON.stringify(out, null, 2) + "\n");
  ' "$dir"
  printf 'node_modules/\n' >"$dir/.gcloudignore"
  # The compiled module must load under plain node (no tsx) and register every function.
  say "Kiểm tra: nạp dist/functions/index.js bằng node"
  (cd "$dir" && ln -s "$ROOT/node_modules" node_modules && node --input-type=module -e '
    await import("./dist/functions/index.js");
    const { getFunction } = await import("@google-cloud/functions-framework/testing");
    for (const name of ["sheetEdited", "reconcile", "sendReports", "healthz"]) {
      if (typeof getFunction(name) !== "function") throw new Error("missing function " + name);
    }
    console.log("ok: sheetEdited, reconcile, sendReports, healthz");
  ' && rm node_modules)
}

if [[ ${1:-} == --stage-only ]]; then
  stage "${2:?--stage-only DIR}"
  exit 0
fi

PROJECT=${PROJECT:?Đặt PROJECT=<mã dự án Google Cloud>}
REGION=${REGION:-asia-southeast1}
PREFIX=${THIDUA_LEDGER_PREFIX:-thidua}
MAIL=${THIDUA_MAIL_TRANSPORT:-}
RUNTIME_SA=thidua-runtime@$PROJECT.iam.gserviceaccount.com
SCHEDULER_SA=thidua-scheduler@$PROJECT.iam.gserviceaccount.com
SECRET=thidua-webhook-secret
AUDIENCE=thidua-scheduler
FUNCTIONS=(sheetEdited reconcile sendReports healthz)
g() { gcloud --project="$PROJECT" --quiet "$@"; }

case $MAIL in
  '' | gmail | smtp) ;;
  *) die "THIDUA_MAIL_TRANSPORT phải là gmail, smtp hoặc để trống" ;;
esac
[[ $MAIL != gmail || -n ${THIDUA_MAIL_FROM:-} ]] || die "THIDUA_MAIL_TRANSPORT=gmail cần THIDUA_MAIL_FROM"

say "Bật các API cần dùng"
apis=(cloudfunctions.googleapis.com run.googleapis.com cloudbuild.googleapis.com artifactregistry.googleapis.com
  cloudscheduler.googleapis.com secretmanager.googleapis.com firestore.googleapis.com
  sheets.googleapis.com drive.googleapis.com)
[[ $MAIL == gmail ]] && apis+=(gmail.googleapis.com)
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
for sa in thidua-runtime thidua-scheduler; do
  g iam service-accounts describe "$sa@$PROJECT.iam.gserviceaccount.com" >/dev/null 2>&1 ||
    g iam service-accounts create "$sa" --display-name="thidua: $sa"
done
# The functions' account: the ledger (Firestore) and nothing else project-wide. Sheets
# and Drive are not IAM: each spreadsheet is shared with this account.
g projects add-iam-policy-binding "$PROJECT" --member="serviceAccount:$RUNTIME_SA" \
  --role=roles/datastore.user --condition=None >/dev/null
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
[[ $MAIL == gmail ]] && secrets+=(thidua-gmail-key)
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
case $MAIL in
  smtp) secret_refs+=",THIDUA_SMTP_URL=thidua-smtp-url:latest" ;;
  gmail) secret_refs+=",/etc/secrets/gmail/key.json=thidua-gmail-key:latest" ;;
esac
PREFIX=$PREFIX AUDIENCE=$AUDIENCE SCHEDULER_SA=$SCHEDULER_SA MAIL=$MAIL node -e '
  const e = process.env;
  const vars = { THIDUA_LEDGER_PREFIX: e.PREFIX, THIDUA_OIDC_AUDIENCE: e.AUDIENCE, THIDUA_OIDC_EMAIL: e.SCHEDULER_SA };
  if (e.MAIL) vars.THIDUA_MAIL_TRANSPORT = e.MAIL;
  if (e.MAIL === "gmail") Object.assign(vars, { THIDUA_MAIL_FROM: e.THIDUA_MAIL_FROM, THIDUA_GMAIL_KEY_FILE: "/etc/secrets/gmail/key.json" });
  require("fs").writeFileSync(process.argv[1], JSON.stringify(vars, null, 2) + "\n");
' "$STAGE/env.yaml"

declare -A URL
for name in "${FUNCTIONS[@]}"; do
  say "Triển khai hàm $name"
  memory=512Mi
  [[ $name == healthz ]] && memory=256Mi
  # Public on the network; every request is checked in the code (HMAC signature, or the
  # scheduler's OIDC token for reconcile and sendReports) before anything is read.
  # The timeout bounds a request's runs; the lease (5 min) outlives one run.
  g functions deploy "$name" --gen2 --runtime=nodejs20 --region="$REGION" \
    --source="$STAGE/src" --entry-point="$name" --trigger-http --allow-unauthenticated \
    --service-account="$RUNTIME_SA" --memory="$memory" --timeout=300s --max-instances=10 \
    --env-vars-file="$STAGE/env.yaml" --set-secrets="$secret_refs"
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

cat <<EOF

Đã triển khai. Đặt trong Apps Script (Cài đặt dự án → Thuộc tính tập lệnh) của mỗi bảng tính:
  THIDUA_URL_SHEET_EDITED = ${URL[sheetEdited]}
  THIDUA_URL_RECONCILE    = ${URL[reconcile]}
  THIDUA_URL_SEND_REPORTS = ${URL[sendReports]}
  THIDUA_WEBHOOK_SECRET   = (gcloud secrets versions access latest --secret=$SECRET --project=$PROJECT)
Chia sẻ mỗi bảng tính (quyền Người chỉnh sửa) cho $RUNTIME_SA và đăng ký nó:
  node --import tsx scripts/register.ts SPREADSHEET_ID
Kiểm tra: curl ${URL[healthz]}
EOF
