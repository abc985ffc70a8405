#!/usr/bin/env bash
# The main job, on a fresh Debian 12 machine, as root: installs what it needs,
# builds the extension, starts a throwaway WordPress on its own MariaDB under
# var/demo/, imports the five sample posts and a generated corpus with the
# plugin, exports them as WXR (var/demo/export/), converts the samples to WXR
# with no WordPress (var/demo/converted/), and leaves the site running to
# look at.
#
#   bash scripts/demo.sh            set up and import (again: a fresh site)
#   bash scripts/demo.sh --stop     stop the site's web server and MariaDB
#
# ANP_DEMO_POSTS sets the size of the generated corpus (default 2000);
# WP_SANDBOX_PORT the site's port (default: the first free one from 8089).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

site="$ANP_ROOT/var/demo"
if [ "${1:-}" = "--stop" ]; then
	"$ANP_ROOT/scripts/sandbox" down "$site"
	exit 0
fi

anp_install_packages
anp_build_extension

# The site's address is baked into it (WP_HOME): stop an older demo first,
# so that its port counts as free, then take the first port nobody holds.
"$ANP_ROOT/scripts/sandbox" down "$site"
export WP_SANDBOX_PORT=${WP_SANDBOX_PORT:-$("$ANP_ROOT/scripts/sandbox" free-port 8089)}
anp_log "starting WordPress and MariaDB under var/demo, for http://127.0.0.1:$WP_SANDBOX_PORT/"
"$ANP_ROOT/scripts/sandbox" up "$site" "$ANP_ROOT/wordpress-plugin/anp-importer"

anp() { # the plugin's commands, through its plain-PHP runner
	anp_php_with_extension "$ANP_ROOT/wordpress-plugin/anp-importer/bin/anp" --path="$site/wordpress" --user=admin "$@"
}

anp_log "importing the five sample posts (published)"
anp import "$ANP_ROOT/samples" --status=publish

posts=${ANP_DEMO_POSTS:-2000}
anp_log "generating $posts posts and importing them"
php "$ANP_ROOT/tools/generate-corpus.php" --count="$posts" --seed=1 --out="$site/corpus"
time anp import "$site/corpus" --status=publish

anp_log "importing the same files again: nothing changes"
anp import "$ANP_ROOT/samples" "$site/corpus"

anp_log "status"
anp status

anp_log "exporting the site's ANP posts as WXR (split at 15 MB, as wp export) into var/demo/export"
rm -rf "$site/export" && mkdir -p "$site/export"
anp export --dir="$site/export"
xmllint --noout "$site/export"/*.xml && echo "xmllint: every file is well-formed"

anp_log "converting the samples straight to WXR, with no WordPress, into var/demo/converted"
rm -rf "$site/converted" && mkdir -p "$site/converted"
anp_php_with_extension "$ANP_ROOT/wordpress-plugin/anp-importer/bin/anp" convert "$ANP_ROOT/samples" --dir="$site/converted"
xmllint --noout "$site/converted"/*.xml && echo "xmllint: every file is well-formed"

"$ANP_ROOT/scripts/sandbox" serve "$site" >/dev/null
first_post=$("$ANP_ROOT/scripts/sandbox" mysql "$site" wordpress -N -e "SELECT MIN(post_id) FROM wp_postmeta WHERE meta_key = '_anp_source'")
cat <<INFO

The site is running:
  front page   http://127.0.0.1:$WP_SANDBOX_PORT/
  wp-admin     http://127.0.0.1:$WP_SANDBOX_PORT/wp-admin/   (admin / admin)
  settings     http://127.0.0.1:$WP_SANDBOX_PORT/wp-admin/options-general.php?page=anp-importer
  import       http://127.0.0.1:$WP_SANDBOX_PORT/wp-admin/admin.php?import=anp   (files or a zip, from the browser)
  batches      http://127.0.0.1:$WP_SANDBOX_PORT/wp-admin/tools.php?page=anp-batches   (and rollback)
  export       http://127.0.0.1:$WP_SANDBOX_PORT/wp-admin/tools.php?page=anp-export
  a post       http://127.0.0.1:$WP_SANDBOX_PORT/?p=$first_post   (its meta box is under the text)
  WXR export   $(ls "$site"/export/*.xml | head -1)
  converted    $(ls "$site"/converted/*.xml | head -1)
  commands     php -d extension=$ANP_ROOT/modules/anp.so wordpress-plugin/anp-importer/bin/anp --path=$site/wordpress --user=admin status
  stop it      bash scripts/demo.sh --stop
INFO
