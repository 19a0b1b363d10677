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

repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$(mktemp -d -t planwarden-example-XXXXXX)}"
plugins="${2:-/opt/tf-plugins}"
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 2; }
[ -d "$plugins/registry.terraform.io" ] || { echo "no provider mirror at $plugins" >&2; exit 2; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
build="$(mktemp -d -t planwarden-example-build-XXXXXX)"
trap 'rm -rf "$build"' EXIT

# Compile only the example and what it imports (the root tsconfig does not include examples/).
(cd "$repo" && npx --no-install tsc --ignoreConfig --outDir "$build" --rootDir . \
  --module commonjs --target ES2022 --moduleResolution node10 --strict --esModuleInterop \
  --skipLibCheck --ignoreDeprecations 6.0 --types node examples/cdktf-app/main.ts)
(cd "$build" && CDKTF_OUTDIR="$build/cdktf.out" NODE_PATH="$repo/node_modules" node examples/cdktf-app/main.js)

stack="$build/cdktf.out/stacks/phi-platform"
cp "$stack/cdk.tf.json" "$out/cdk.tf.json"
cd "$stack"
terraform init -input=false -no-color -plugin-dir="$plugins" >/dev/null
terraform plan -input=false -no-color -refresh=false -out="$out/plan.out" | grep -E "^(Plan:|No changes)"
terraform show -json "$out/plan.out" > "$out/plan.json"
echo "wrote $out/cdk.tf.json, $out/plan.out, $out/plan.json"
