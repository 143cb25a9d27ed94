#!/bin/sh
# Add (or replace) a user of the access gate: deploy/add-user.sh USERS_FILE NAME
# The password is read from standard input (asked for on a terminal) and stored as a SHA-512
# crypt hash, which HAProxy checks through crypt(3). Restart `make serve` to apply.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 USERS_FILE NAME  (password on standard input)" >&2; exit 2; }
file=$1 name=$2
case $name in
  *[!A-Za-z0-9._-]*|'') echo "user names are letters, digits, '.', '_' and '-'" >&2; exit 2 ;;
esac
if [ -t 0 ]; then
  stty -echo; printf 'Password for %s: ' "$name" >&2; read -r password; stty echo; echo >&2
else
  read -r password
fi
[ -n "$password" ] || { echo "empty password refused" >&2; exit 2; }
hash=$(printf '%s\n' "$password" | openssl passwd -6 -stdin)
[ -f "$file" ] || printf 'userlist viewers\n' > "$file"
grep -v "^    user $name " "$file" > "$file.tmp" || true
printf '    user %s password %s\n' "$name" "$hash" >> "$file.tmp"
chmod 600 "$file.tmp"
mv "$file.tmp" "$file"
echo "added $name to $file" >&2
