# One image for every process: web (gunicorn, the default command), worker and beat (celery), migrate.
# docker-compose.yml runs them; docs/operations.md explains the settings.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=talentpool.settings \
    DJANGO_ENV=production \
    MEDIA_ROOT=/data/media

RUN groupadd --system --gid 10001 talentpool \
 && useradd --system --uid 10001 --gid talentpool --create-home --home-dir /home/talentpool \
        --shell /usr/sbin/nologin talentpool

WORKDIR /app

# Dependencies first, so a code change does not reinstall them. pyproject.toml declares no packages
# ([tool.setuptools] packages = []), so `pip install .` installs the dependencies and an empty
# distribution; the code itself runs from /app (PYTHONPATH). The dependencies with C code (spaCy,
# psycopg2-binary, pyahocorasick, python-crfsuite, rapidfuzz, nh3, pypdfium2) ship manylinux wheels for
# CPython 3.11 on x86_64, so the slim image needs no compiler.
COPY pyproject.toml README.md ./
RUN pip install . && rm -rf build ./*.egg-info

COPY . .

# Build-time values only: settings refuse DJANGO_ENV=production without them. collectstatic and
# compilemessages never connect to the database, so the URL is a placeholder.
ARG BUILD_ENV="SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=localhost DATABASE_URL=postgres://build@localhost:5432/build"

# Static files into /app/staticfiles (STATIC_ROOT), hashed and compressed; whitenoise serves them.
RUN env $BUILD_ENV python manage.py collectstatic --noinput

# Translations: compile the .po files when the repository has any (msgfmt comes from gettext, removed after).
RUN if find . -name '*.po' -not -path './staticfiles/*' | grep -q .; then \
        apt-get update && apt-get install -y --no-install-recommends gettext \
        && env $BUILD_ENV python manage.py compilemessages \
        && apt-get purge -y gettext && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*; \
    fi

# The code stays owned by root (read-only to the app); only uploaded media is writable.
RUN mkdir -p /data/media && chown talentpool:talentpool /data/media

USER talentpool
EXPOSE 8000

# Workers: gunicorn reads WEB_CONCURRENCY (default 1). Extra flags, such as --proxy-protocol, go in
# GUNICORN_CMD_ARGS. No access log by default: paths can carry invitation and password-reset tokens.
CMD ["gunicorn", "talentpool.wsgi", "--bind", "0.0.0.0:8000", "--worker-tmp-dir", "/dev/shm"]
