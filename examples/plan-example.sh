#!/usr/bin/env bash
# Regenerates examples/plans/<name>.json from examples/terraform/<name>/ with a real, offline
# `terraform plan` (terraform and an unpacked hashicorp/aws 5.100.0 mirror are needed; the
# mirror folder is the one holding registry.terraform.io/, default /opt/tf-plugins).
set -euo pipefail
name="${1:-phi-platform}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mirror="${PLANWARDEN_TF_MIRROR:-/opt/tf-plugins}"
work="$(mktemp -d)"
export TF_CLI_CONFIG_FILE="$work/.tfrc"; : >"$TF_CLI_CONFIG_FILE"
trap 'rm -rf "$work"' EXIT
mkdir "$work/src" && cp -r "$here/terraform/$name/." "$work/src/"
cd "$work/src"
terraform init -input=false -plugin-dir="$mirror" >/dev/null
terraform plan -input=false -refresh=false -out plan.out >/dev/null
terraform show -json plan.out | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.stringify(JSON.parse(s),null,1)+"\n"))' >"$here/plans/$name.json"
echo "wrote examples/plans/$name.json"
