#!/usr/bin/env bash
# Runs the README's two commands the way a new user meets them: in a clean
# Debian 12 root made with debootstrap, from a fresh clone of this
# repository's committed HEAD, with nothing beside it (no reference folder, no
# packages but Debian's minimal base). As root on Debian 12:
#
#   bash scripts/fresh-debian-check.sh            both commands, in one fresh root
#   bash scripts/fresh-debian-check.sh demo       the demo command only
#   bash scripts/fresh-debian-check.sh test       the test command only
#
# The base root is made once and kept as var/fresh-debian/base.tar (delete
# it to make it again); every run unpacks it anew, so nothing installed by
# an earlier run survives. What each command printed goes to
# var/fresh-debian/<command>.log and its last lines to the terminal.
#
# Environment:
#   ANP_FRESH_MIRROR   the Debian mirror (default: the host's first bookworm URI)
#   ANP_FRESH_KEEP=1   keep the root after the run, to look into
set -euo pipefail
root_of_project=$(cd "$(dirname "$0")/.." && pwd)
work="$root_of_project/var/fresh-debian"
base="$work/base.tar"
chroot_dir="$work/root"
what=${1:-all}

case "$what" in all | demo | test) ;; *)
	echo "usage: $0 [all|demo|test]" >&2
	exit 2
	;;
esac
[ "$(id -u)" = 0 ] || { echo "fresh-debian-check: run as root (debootstrap, chroot, mount)" >&2; exit 1; }

mirror=${ANP_FRESH_MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p; s/^deb \(http[^ ]*debian\) bookworm .*/\1/p' \
	/etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null | head -1 || true)}
mirror=${mirror:-http://deb.debian.org/debian}

unmount_all() {
	local m
	# deepest first; lazily, in case a process of the chroot still holds one
	for m in $(awk -v r="$chroot_dir" '$2 ~ "^"r"(/|$)" {print $2}' /proc/mounts | sort -r); do
		umount -l "$m" 2>/dev/null || true
	done
}

stop_chroot_processes() { # whatever the demo left running (its web server, MariaDB)
	local pid
	for pid in $(ls /proc | grep -E '^[0-9]+$'); do
		if [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$chroot_dir" ]; then
			kill "$pid" 2>/dev/null || true
		fi
	done
	sleep 2
	for pid in $(ls /proc | grep -E '^[0-9]+$'); do
		if [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$chroot_dir" ]; then
			kill -9 "$pid" 2>/dev/null || true
		fi
	done
}

cleanup() {
	stop_chroot_processes
	unmount_all
	[ "${ANP_FRESH_KEEP:-0}" = 1 ] || rm -rf "$chroot_dir"
}

mkdir -p "$work"
if [ ! -s "$base" ]; then
	command -v debootstrap >/dev/null || {
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
	}
	echo "== debootstrap bookworm (minbase) from $mirror"
	rm -rf "$work/base"
	debootstrap --variant=minbase bookworm "$work/base" "$mirror" >"$work/debootstrap.log" 2>&1 ||
		{ tail -20 "$work/debootstrap.log"; exit 1; }
	tar -C "$work/base" -cf "$base.tmp" .
	mv "$base.tmp" "$base"
	rm -rf "$work/base"
fi

cleanup
trap cleanup EXIT
echo "== a clean Debian 12 root in $chroot_dir"
mkdir -p "$chroot_dir"
tar -C "$chroot_dir" -xf "$base"
# The root uses this machine's network, so it takes its network's trust:
# the name servers, and the extra CA certificates this machine trusts (a
# proxy that inspects TLS, as in some CI networks). Debian's ca-certificates,
# which the project's install step brings, adds them to the system store.
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
	mkdir -p "$chroot_dir/usr/local/share/ca-certificates"
	cp /usr/local/share/ca-certificates/*.crt "$chroot_dir/usr/local/share/ca-certificates/"
fi
printf '127.0.0.1 localhost\n::1 localhost\n' >"$chroot_dir/etc/hosts"
# apt's lists as a fresh install has them: the mirror, and the security suite
printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$mirror" "$mirror" >"$chroot_dir/etc/apt/sources.list"

echo "== git clone of HEAD ($(git -C "$root_of_project" rev-parse --short HEAD)) into /root/anp"
git clone -q --no-local "$root_of_project" "$chroot_dir/root/anp"

mount -t proc proc "$chroot_dir/proc"
mount -t sysfs sys "$chroot_dir/sys"
mount --bind /dev "$chroot_dir/dev"
mount -t devpts devpts "$chroot_dir/dev/pts" -o newinstance,ptmxmode=0666 2>/dev/null || mount --bind /dev/pts "$chroot_dir/dev/pts"
mount -t tmpfs tmpfs "$chroot_dir/dev/shm"
mount -t tmpfs tmpfs "$chroot_dir/tmp"

in_root() { # runs a command in the fresh root, in the clone, as a login would
	# A login's environment, and nothing of this one but how Node finds the
	# network's CA (npm uses Node's own store otherwise).
	chroot "$chroot_dir" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		${NODE_EXTRA_CA_CERTS:+NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS} \
		bash -c "cd /root/anp && $1"
}

status=0
readme_command() { # the README's command number $1, as written there
	sed -n '/^```sh$/,/^```$/p' "$root_of_project/README.md" | sed -n 's/^\(bash [^#]*[^ #]\) *#.*/\1/p' | sed -n "${1}p"
}
for step in demo test; do
	[ "$what" = all ] || [ "$what" = "$step" ] || continue
	n=1
	[ "$step" = demo ] || n=2
	cmd=$(readme_command "$n")
	echo "== [$step] $cmd   (log: $work/$step.log)"
	start=$(date +%s)
	rc=0
	in_root "$cmd" >"$work/$step.log" 2>&1 || rc=$?
	echo "-- last lines of what it printed (exit $rc, $(( $(date +%s) - start )) s):"
	tail -25 "$work/$step.log"
	[ "$rc" = 0 ] || status=1
done
exit "$status"
