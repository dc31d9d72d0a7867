#!/bin/bash
# What the official nginx image's entrypoint does with templates (20-envsubst-on-templates.sh): every
# ${NGINX_ENVSUBST_TEMPLATE_DIR}/**/*.template becomes ${NGINX_ENVSUBST_OUTPUT_DIR}/** without the suffix, with only
# the environment variables whose names match NGINX_ENVSUBST_FILTER substituted.
set -euo pipefail
template_dir="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
output_dir="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
filter="${NGINX_ENVSUBST_FILTER:-}"
defined=$(printf '${%s} ' $(awk "END { for (name in ENVIRON) { print ( name ~ /${filter}/ ) ? name : \"\" } }" </dev/null))
if [ -d "$template_dir" ]; then
  find "$template_dir" -follow -type f -name "*$suffix" -print | while read -r template; do
    relative="${template#"$template_dir/"}"
    output="$output_dir/${relative%"$suffix"}"
    mkdir -p "$(dirname "$output")"
    echo "stand-in nginx: rendering $template -> $output"
    envsubst "$defined" <"$template" >"$output"
  done
fi
exec "$@"
