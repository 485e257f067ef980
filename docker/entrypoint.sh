#!/bin/sh
# Container start: bring the database schema up to date, then serve with gunicorn.
# With several hosts, see docs/deploy.md: run migrations from one host per deploy.
set -eu

python manage.py migrate --noinput

exec gunicorn config.wsgi:application \
    --bind 0.0.0.0:8000 \
    --workers "${GUNICORN_WORKERS:-3}" \
    --timeout "${GUNICORN_TIMEOUT:-60}" \
    --no-control-socket \
    --access-logfile -
