#!/usr/bin/env bash
# Drift check for CI: plans against the live cluster and fails the job when it does not match.
#   exit 0  the cluster runs exactly what the configuration says
#   exit 2  drift (objects changed behind Strata's back) or changes not applied yet: the plan above says which
#   exit 1  the check itself failed (no connection, invalid configuration): the error above says why
set -uo pipefail
cd "$(dirname "$0")"

tofu init -input=false >/dev/null || exit 1
# -lock=false: a read-only check must not queue behind, or block, a running apply.
tofu plan -input=false -lock=false -detailed-exitcode
code=$?
case $code in
  0) echo "drift check: the cluster matches the configuration" ;;
  2) echo "drift check: the cluster differs from the configuration; review the plan above, then apply or fix the source" ;;
  *) echo "drift check: the plan failed; see the error above" ;;
esac
exit $code
