# Shared by scripts/demo.sh, scripts/test.sh and scripts/browser-tests.sh:
# the Debian packages the project needs and the build of the extension.
# Source it; it defines functions and the package list only.

ANP_ROOT=${ANP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

# Everything a clean Debian 12 needs, installed in one apt-get call: the
# only package list of the project.
ANP_PACKAGES=(
	# the extension's build and its tests
	php8.2-cli php8.2-dev php8.2-xml php8.2-mbstring php-parser
	libxml2-dev libxml2-utils pkg-config make
	clang libclang-rt-14-dev valgrind phpunit
	# the WordPress sandbox (scripts/sandbox). Debian's wordpress
	# ships no theme: without one every front-end page is empty, so the
	# default theme of WordPress 6.1 comes too. php8.2-gd makes the image
	# sizes of media-library images, as on a real host.
	mariadb-server mariadb-client php8.2-mysql php8.2-gd ca-certificates
	wordpress wordpress-theme-twentytwentythree
	# wp-admin's importer takes a .zip of ANP files (ZipArchive)
	php8.2-zip
	# scripts/galera: a local Galera cluster; a joining node receives
	# its state by rsync
	galera-4 rsync
	# the browser tests
	nodejs chromium
)
# The browser tests' npm. Debian's npm package conflicts with a NodeSource
# nodejs, which brings its own npm: asking for it there makes apt give up.
if ! command -v npm >/dev/null 2>&1; then
	ANP_PACKAGES+=(npm)
fi

anp_log() {
	printf '\n== %s\n' "$*"
}

anp_install_packages() {
	if [ "$(id -u)" != 0 ]; then
		echo "anp: run as root (it installs Debian packages)" >&2
		return 1
	fi
	anp_log "installing Debian packages"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# policy-rc.d 101 keeps the packages from starting the system's MariaDB:
	# the project starts its own server under var/
	local policy=/usr/sbin/policy-rc.d created_policy=""
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' >"$policy"
		chmod +x "$policy"
		created_policy=1
	fi
	apt-get install -y -qq --no-install-recommends "${ANP_PACKAGES[@]}" >/dev/null
	[ -z "$created_policy" ] || rm -f "$policy"
}

# phpize writes its Makefile at the project's root; it is never committed.
anp_build_extension() {
	anp_log "building the anp extension"
	(
		cd "$ANP_ROOT"
		if [ ! -f Makefile ] || [ config.m4 -nt configure ]; then
			phpize >/dev/null
			./configure --enable-anp >/dev/null
		fi
		make -j"$(nproc)" >/dev/null
	)
	php -n -d extension="$ANP_ROOT/modules/anp.so" -r 'exit(function_exists("anp_parse") ? 0 : 1);'
}

anp_php_with_extension() {
	php -d extension="$ANP_ROOT/modules/anp.so" "$@"
}
