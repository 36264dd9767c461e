#!/usr/bin/env bash
# Pins the image Jib built into every manifest that deploys it: writes the digest from
# functions/app/target/jib-image.digest into deploy/knative/kustomization.yaml (images[].digest) and into the
# image: lines of deploy/openfaas/stack.yml and deploy/knative/rollout/*.yaml (<name>@sha256:<hex>).
# Given a name, writes that too.
#
#   deploy/knative/pin-image.sh [registry/name]
#
# Options (for tests, or a layout of your own):
#   --manifests-root DIR  the folder holding knative/ and openfaas/ (default: deploy/ of this repository;
#                         or set PORTAFUNC_MANIFESTS_ROOT)
#   --digest-file FILE    where to read the digest (default: functions/app/target/jib-image.digest;
#                         or set PORTAFUNC_IMAGE_DIGEST_FILE)
#
# Plain bash and sed, no kustomize needed. Running it twice changes nothing the second time.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
manifests_root=${PORTAFUNC_MANIFESTS_ROOT:-$repo_root/deploy}
digest_file=${PORTAFUNC_IMAGE_DIGEST_FILE:-$repo_root/functions/app/target/jib-image.digest}
name=

fail() {
  echo "pin-image.sh: $*" >&2
  exit 1
}

usage() {
  sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

while [ $# -gt 0 ]; do
  case $1 in
    --manifests-root) [ $# -ge 2 ] || fail "--manifests-root needs a folder"; manifests_root=$2; shift 2 ;;
    --manifests-root=*) manifests_root=${1#*=}; shift ;;
    --digest-file) [ $# -ge 2 ] || fail "--digest-file needs a file"; digest_file=$2; shift 2 ;;
    --digest-file=*) digest_file=${1#*=}; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) fail "unknown option $1 (see --help)" ;;
    *) [ -z "$name" ] || fail "one image name only"; name=$1; shift ;;
  esac
done

kustomization=$manifests_root/knative/kustomization.yaml
stack=$manifests_root/openfaas/stack.yml
[ -f "$kustomization" ] || fail "no $kustomization"
[ -f "$stack" ] || fail "no $stack"
[ -f "$digest_file" ] || fail "no $digest_file: build the image first (./mvnw package, or jib:build)"

digest=$(tr -d '[:space:]' < "$digest_file")
[[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || fail "$digest_file does not hold a digest (sha256:<64 hex>): '$digest'"

# A repository name without tag or digest: [host[:port]/]path, lower case (the digest is the only version).
if [ -n "$name" ] && ! [[ $name =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)*$ ]]; then
  fail "'$name' is not an image name without tag or digest, e.g. registry.example.com/portafunc"
fi

# Rewrites a file through sed, in place, portably (GNU and BSD sed differ on -i).
rewrite() {
  local file=$1
  shift
  sed "$@" "$file" > "$file.pin-image.tmp"
  cat "$file.pin-image.tmp" > "$file"
  rm -f "$file.pin-image.tmp"
}

# Files whose image: lines are full references (<name>@sha256:<hex>): the stack and the rollout examples.
pinned_refs=("$stack")
for file in "$manifests_root"/knative/rollout/*.yaml; do
  if [ -f "$file" ]; then pinned_refs+=("$file"); fi
done

if [ -n "$name" ]; then
  rewrite "$kustomization" -e "s#^\([[:space:]]*newName:[[:space:]]*\).*\$#\1$name#"
  for file in "${pinned_refs[@]}"; do
    rewrite "$file" -e "s#^\([[:space:]]*image:[[:space:]]*\)[^@[:space:]]*@sha256:[0-9a-f]*#\1$name@$digest#"
  done
fi
rewrite "$kustomization" -e "s#^\([[:space:]]*digest:[[:space:]]*\).*\$#\1$digest#"
for file in "${pinned_refs[@]}"; do
  rewrite "$file" -e "s#^\([[:space:]]*image:[[:space:]]*[^@[:space:]]*\)@sha256:[0-9a-f]*#\1@$digest#"
done

grep -q "^[[:space:]]*digest: $digest\$" "$kustomization" || fail "no digest: line rewritten in $kustomization"
for file in "${pinned_refs[@]}"; do
  grep -q "@$digest\$" "$file" || fail "no image: <name>@sha256:... line rewritten in $file"
  if grep -E '^[[:space:]]*image:' "$file" | grep -vq "@$digest\$"; then
    fail "an image: line in $file is not pinned as <name>@sha256:..."
  fi
done
echo "Pinned ${name:+$name@}$digest in $kustomization, ${pinned_refs[*]}"
