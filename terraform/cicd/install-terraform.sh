#!/usr/bin/env bash
# Installs the pinned Terraform ($TF_VERSION) into /usr/local/bin, after checking the zip against
# HashiCorp's SHA256SUMS and that file's signature against HashiCorp's release key (fingerprint
# below, as published on hashicorp.com/security). Used by both pipeline builds.
set -euo pipefail

version="${TF_VERSION:?TF_VERSION is not set}"
fingerprint="C874011F0AB405110D02105534365D9472D7468F"
case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "Unsupported machine $(uname -m)" >&2; exit 1 ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
base="https://releases.hashicorp.com/terraform/${version}"
zip="terraform_${version}_linux_${arch}.zip"
curl -fsSL --retry 3 -O "${base}/${zip}" -O "${base}/terraform_${version}_SHA256SUMS" -O "${base}/terraform_${version}_SHA256SUMS.sig"
curl -fsSL --retry 3 -o hashicorp.asc https://www.hashicorp.com/.well-known/pgp-key.txt

export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --import hashicorp.asc
gpg --batch --with-colons --fingerprint | grep -q "^fpr:::::::::${fingerprint}:" || { echo "HashiCorp key fingerprint mismatch" >&2; exit 1; }
gpg --batch --quiet --verify "terraform_${version}_SHA256SUMS.sig" "terraform_${version}_SHA256SUMS"
grep " ${zip}\$" "terraform_${version}_SHA256SUMS" | sha256sum --check --strict -

unzip -o -q "$zip" -d /usr/local/bin terraform
terraform version
