#!/usr/bin/env bash
# Provides a local Node 20 base image for docker/Dockerfile on a machine that cannot pull from a registry,
# the way ../shared/ci/container-engine.sh provides redis:7: a rootfs holding the host's `node` binary and
# the libraries it links, the host's npm, /bin/sh, CA certificates and a non-root `node` user (uid 1000),
# imported with `podman import`.
#
#     source ../shared/ci/container-engine.sh     # the engine (rootful Podman), needs root
#     bash docker/node-base-image.sh              # ~10 s the first time, instant once the image exists
#
# Images it provides: localhost/node:20, also tagged docker.io/library/node:20 (what the Dockerfile's FROM
# names). Rebuilt only when the host's node version or this script changed since the image was built.

# Sourced by mistake: run in a child shell, so neither `set -e` nor `exit` reach the caller's shell.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  bash "${BASH_SOURCE[0]}"
  return $?
fi
set -euo pipefail

IMAGE=localhost/node:20
ALIASES=(docker.io/library/node:20)
NODE_BIN=$(readlink -f "$(command -v node)")
NODE_VERSION=$("$NODE_BIN" --version)
RECIPE="$NODE_VERSION-$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)"
NPM_DIR=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")   # .../node_modules/npm
# Podman must use the same configuration as the engine's service (runc; see container-engine.sh).
export CONTAINERS_CONF=${CONTAINERS_CONF:-${CE_WORK:-/tmp/container-engine}/containers.conf}

case "$NODE_VERSION" in v20.*) ;; *) echo "node-base-image: host node is $NODE_VERSION, need v20" >&2; exit 1 ;; esac

if podman image exists "$IMAGE" &&
  [ "$(podman image inspect --format '{{index .Labels "org.qactor.recipe"}}' "$IMAGE")" = "$RECIPE" ]; then
  exit 0
fi

rootfs=$(mktemp -d /tmp/node-rootfs.XXXX)
trap 'rm -rf "$rootfs"' EXIT

# Copies a binary and every library ldd resolves for it, at the same paths.
copy_with_libs() {
  mkdir -p "$rootfs$(dirname "$2")"
  cp -L "$1" "$rootfs$2"
  ldd "$1" | grep -oE '/[^ ]+' | while read -r lib; do
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done
}

mkdir -p "$rootfs"/{bin,usr/bin,usr/local/bin,usr/local/lib/node_modules,etc/ssl/certs,root,home/node,tmp}
chmod 1777 "$rootfs/tmp"
copy_with_libs "$NODE_BIN" /usr/local/bin/node
copy_with_libs /bin/dash /bin/sh
# `#!/usr/bin/env node` starts every npm package's bin script (tsc in `npm run build`).
copy_with_libs /usr/bin/env /usr/bin/env
cp -a "$NPM_DIR" "$rootfs/usr/local/lib/node_modules/npm"
for tool in npm npx; do
  printf '#!/bin/sh\nexec /usr/local/bin/node /usr/local/lib/node_modules/npm/bin/%s-cli.js "$@"\n' "$tool" \
    >"$rootfs/usr/local/bin/$tool"
  chmod 755 "$rootfs/usr/local/bin/$tool"
done
# The host's CA bundle: this machine reaches the npm registry through a TLS-intercepting proxy whose CA only
# the host trusts (NODE_EXTRA_CA_CERTS below makes npm and fetch in the image trust it too).
cp -L /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
# The same user the official node images have.
printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\n' >"$rootfs/etc/group"
chown 1000:1000 "$rootfs/home/node"

tar -C "$rootfs" --numeric-owner -c . | podman import -q \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=${NODE_VERSION#v}" \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change "LABEL org.qactor.recipe=$RECIPE" \
  --change 'CMD ["node"]' \
  - "$IMAGE" >/dev/null
podman tag "$IMAGE" "${ALIASES[@]}"
echo "node-base-image: built $IMAGE ($NODE_VERSION) from the host's node and npm"
