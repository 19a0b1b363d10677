#!/usr/bin/env bash
# Synthesizes the example stack and plans it for real, offline: terraform init from a local
# provider mirror, terraform plan -refresh=false with the provider's fake credentials, then
# terraform show -json. Needs terraform and a filesystem mirror of hashicorp/aws 5.100.0.
#
#   examples/cdktf-app/plan-offline.sh [OUT_DIR] [PLUGIN_DIR]
#
# OUT_DIR (default: a new temp dir) receives cdk.tf.json, plan.out and plan.json.
# PLUGIN_DIR (default /opt/tf-plugins) is the folder that holds registry.terraform.io/.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$(mktemp -d -t planwarden-example-XXXXXX)}"
plugins="${2:-/opt/tf-plugins}"
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 2; }
[ -d "$plugins/registry.terraform.io" ] || { echo "no provider mirror at $plugins" >&2; exit 2; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
synth="$(mktemp -d -t planwarden-example-synth-XXXXXX)"
trap 'rm -rf "$synth"' EXIT
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

# What `cdktf synth` runs here (cdktf.json's app): compile the example on its own, then run it.
# enablePlanwarden() in main.ts makes this step fail on any blocking finding.
(cd "$here" && npx --no-install tsc -p tsconfig.json)
(cd "$here" && CDKTF_OUTDIR="$synth/cdktf.out" node dist/examples/cdktf-app/main.js)

stack="$synth/cdktf.out/stacks/phi-platform"
cp "$stack/cdk.tf.json" "$out/cdk.tf.json"
cd "$stack"
terraform init -input=false -no-color -plugin-dir="$plugins" >/dev/null
terraform plan -input=false -no-color -refresh=false -lock=false -out="$out/plan.out" | grep -E "^(Plan:|No changes)"
terraform show -json "$out/plan.out" > "$out/plan.json"
echo "wrote $out/cdk.tf.json, $out/plan.out, $out/plan.json"
