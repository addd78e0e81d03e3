#!/usr/bin/env bash
# Lints the package as it is published: packs it once (`prepack` builds dist/ from an empty
# folder), then runs publint and Are the Types Wrong (attw) on that tarball. Zero errors or
# warnings pass; anything else fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$PWD/node_modules/.bin"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# --ignore-scripts=false: `prepack` must build dist/ even where npm is set to skip scripts.
npm pack --silent --ignore-scripts=false --pack-destination "$tmp"
tarballs=("$tmp"/*.tgz)
[[ ${#tarballs[@]} -eq 1 && -f ${tarballs[0]} ]] || { echo "pack-check: expected one tarball in $tmp" >&2; exit 1; }
tgz="${tarballs[0]}"

# publint: package.json fields against the files actually in the tarball; --strict makes its
# warnings fail too (suggestions are printed but do not fail).
"$bin/publint" run --strict "$tgz"

# attw: how TypeScript resolves the package's types under each module resolution mode (node10,
# node16 from CommonJS and from ESM, bundler), all checked.
# --ignore-rules cjs-resolves-to-esm: the package is ESM-only on purpose. From CommonJS on
#   Node.js >= 20.19 (engines), require('runtime-deployments') loads that ES module (require(esm);
#   nothing in the module graph uses top-level await), and test/packed.test.ts checks it on the
#   installed tarball. TypeScript types such a require() too from 5.8 with module "nodenext"
#   (and "node20" from 5.9); attw analyses with its own older TypeScript (5.6), which only allows
#   a dynamic import() there, hence its warning. Only that rule is ignored: any other problem, in
#   that mode or another, still fails.
"$bin/attw" "$tgz" --ignore-rules cjs-resolves-to-esm
