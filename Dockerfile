# Production image: gunicorn serving Plenary, static files collected at build time and served
# by whitenoise. docker-compose.yml runs it next to PostgreSQL; docs/deploy.md explains the
# settings.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --system --user-group --create-home --home-dir /home/plenary plenary

WORKDIR /app

# The runtime lock only: no test or lint tools in the image.
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .

# Settings refuse to load without a secret key of 50 characters or more when debug is off;
# this value exists only for this build step and is not stored in the image.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-at-image-build-only-not-a-secret-never-kept \
    python manage.py collectstatic --noinput

# Minutes uploaded in the admin wait here between preview and confirmation; the app's own
# files stay read-only to the user it runs as.
RUN mkdir -p /app/var/uploads && chown -R plenary:plenary /app/var

USER plenary
EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
