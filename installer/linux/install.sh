#!/bin/sh
# Install or upgrade Bianmin from this unpacked bundle. Data directories are never touched:
# a newer version installed over an older one finds the same data, backs it up, migrates
# it and checks it on its first start.
#
#   ./install.sh                      as root: /opt/bianmin, /usr/local/bin, all users' menus
#   ./install.sh --prefix DIR         somewhere else (no root needed)
#   ./install.sh --autostart kiosk    also start the kiosk when this user logs in
#                (kiosk | board | staff; may be given more than once)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
version=$(cat "$here/VERSION")
programs="bianmin bianmin-hub bianmin-staff bianmin-kiosk"

if [ "$(id -u)" = 0 ]; then
  prefix=/opt/bianmin; bindir=/usr/local/bin; appdir=/usr/share/applications
else
  prefix="$HOME/.local/opt/bianmin"; bindir="$HOME/.local/bin"
  appdir="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
fi
autostart=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; bindir="$2/bin"; appdir="$2/share/applications"; shift 2 ;;
    --autostart) autostart="$autostart $2"; shift 2 ;;
    *) echo "未知参数：$1" >&2; exit 2 ;;
  esac
done

target="$prefix/$version"
mkdir -p "$prefix" "$bindir" "$appdir"
rm -rf "$target.partial"
cp -a "$here/programs" "$target.partial"
rm -rf "$target"
mv "$target.partial" "$target"
ln -sfn "$version" "$prefix/current.partial"
mv -T "$prefix/current.partial" "$prefix/current"

for program in $programs; do
  if [ -x "$prefix/current/$program/$program" ]; then
    ln -sfn "$prefix/current/$program/$program" "$bindir/$program"
  fi
done

for entry in "$here"/share/applications/*.desktop; do
  sed "s|@BINDIR@|$bindir|g" "$entry" > "$appdir/$(basename "$entry")"
done

if [ -n "$autostart" ]; then
  autodir="${XDG_CONFIG_HOME:-$HOME/.config}/autostart"
  mkdir -p "$autodir"
  for what in $autostart; do
    source="$here/share/autostart/bianmin-$what.desktop"
    [ -f "$source" ] || { echo "没有这个自启动项：$what" >&2; exit 2; }
    sed "s|@BINDIR@|$bindir|g" "$source" > "$autodir/bianmin-$what.desktop"
  done
fi

echo "已安装便民 $version 到 $target"
echo "命令：$bindir/bianmin、bianmin-staff、bianmin-kiosk、bianmin-hub"
echo "数据目录未改动；新版本第一次启动时会先备份、再升级、再检查。"
