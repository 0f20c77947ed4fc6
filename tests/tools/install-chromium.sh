#!/bin/sh
# Installs Debian's chromium and chromium-driver for the headless-browser test
# of the profile report (runtime/profile). Idempotent: does nothing when
# /usr/bin/chromium is already there.
set -eu

if [ -x /usr/bin/chromium ]; then
	echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "install-chromium: need root (or sudo) to run apt-get" >&2
		exit 1
	fi
	SUDO=sudo
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium chromium-driver

if [ ! -x /usr/bin/chromium ]; then
	echo "install-chromium: apt-get finished but /usr/bin/chromium is missing" >&2
	exit 1
fi
echo "install-chromium: installed $(/usr/bin/chromium --version 2>/dev/null)"
