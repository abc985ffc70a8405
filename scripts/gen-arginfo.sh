#!/usr/bin/env bash
# Regenerates src/anp_arginfo.h from src/anp.stub.php with PHP's gen_stub.php.
#
# gen_stub.php downloads PHP-Parser into its own folder when it is missing;
# this machine has no such network, so we give it Debian's php-parser package
# in the folder it looks in (a temporary copy of the build tools).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=$(php-config --phpize-dir 2>/dev/null || echo /usr/lib/php/build)
[ -f "$build_dir/gen_stub.php" ] || build_dir=$(dirname /usr/lib/php/*/build/gen_stub.php)
[ -d /usr/share/php/PhpParser ] || { echo "gen-arginfo: install Debian's php-parser package" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$build_dir/gen_stub.php" "$work/"
version=$(grep -o 'version = "[0-9.]*"' "$work/gen_stub.php" | head -1 | grep -o '[0-9.]*')
mkdir -p "$work/PHP-Parser-$version/lib"
ln -s /usr/share/php/PhpParser "$work/PHP-Parser-$version/lib/PhpParser"
php "$work/gen_stub.php" -f "$root/src/anp.stub.php"
